package org.imshss.provisioning.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;

/**
 * Java serialization of registration updates and their results: unlike Ignite's binary marshaller it
 * builds records and serializable lambdas. Only cluster members exchange these bytes, and what is read is held to
 * {@link #FILTER} all the same, so bytes from a node that is not what it should be cannot instantiate anything else.
 */
final class JavaSerialization {

    /**
     * The project's own classes and the JDK types their fields, results and captured lambda arguments use: boxed
     * values, strings and enums (java.lang), java.time values, the common collections, lambdas (SerializedLambda).
     * What a class is read as (List.of is written as a CollSer and read back as an ImmutableCollections list) is
     * checked too, arrays by their element type; primitive arrays pass. Everything else (PriorityQueue, URL,
     * BadAttributeValueExpException, any library's class; a TreeMap's comparator likewise) is rejected before it is
     * instantiated. The limits bound what one stream may make the reader allocate.
     */
    static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(String.join(";",
            "maxdepth=32", "maxrefs=1000000", "maxbytes=67108864", "maxarray=16777216",
            "org.imshss.**",
            "java.lang.*", "java.lang.invoke.SerializedLambda", "java.time.*",
            "java.util.ArrayList", "java.util.LinkedList", "java.util.HashMap", "java.util.LinkedHashMap",
            "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeMap", "java.util.TreeSet",
            "java.util.CollSer", "java.util.ImmutableCollections$*", "java.util.Arrays$ArrayList",
            "java.util.Collections$Unmodifiable*",
            "java.util.Collections$Empty*", "java.util.Collections$Singleton*",
            "!*"));

    private JavaSerialization() {
    }

    static byte[] toBytes(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize " + value.getClass().getName(), e);
        }
        return bytes.toByteArray();
    }

    static Object fromBytes(byte[] data) {
        ContextClassLoaderInputStream in = null;
        try (ContextClassLoaderInputStream stream = new ContextClassLoaderInputStream(new ByteArrayInputStream(data))) {
            in = stream;
            return stream.readObject();
        } catch (InvalidClassException e) {
            throw new UncheckedIOException("refused to deserialize a grid update or result (" + e.getMessage() + "): "
                    + (in == null ? "?" : in.refused), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot deserialize a grid update or result", e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("class missing on this node: " + e.getMessage(), e);
        }
    }

    /** Ignite threads may run with the application's class loader only as context loader (containers). */
    private static final class ContextClassLoaderInputStream extends ObjectInputStream {

        /** What the filter refused, for the message: the stream's own exception does not say. */
        private String refused = "?";

        ContextClassLoaderInputStream(InputStream in) throws IOException {
            super(in);
            setObjectInputFilter(this::check);
        }

        private ObjectInputFilter.Status check(ObjectInputFilter.FilterInfo info) {
            ObjectInputFilter.Status status = FILTER.checkInput(info);
            if (status == ObjectInputFilter.Status.REJECTED) {
                refused = info.serialClass() != null ? "class " + info.serialClass().getName()
                        : "a limit (depth " + info.depth() + ", references " + info.references() + ", bytes "
                        + info.streamBytes() + ", array length " + info.arrayLength() + ")";
            }
            return status;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context != null) {
                try {
                    return Class.forName(desc.getName(), false, context);
                } catch (ClassNotFoundException e) {
                    return super.resolveClass(desc);
                }
            }
            return super.resolveClass(desc);
        }
    }
}
