package org.imshss.provisioning.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;

/**
 * Java serialization of registration updates and their results: unlike Ignite's binary marshaller it
 * builds records and serializable lambdas. Only cluster members exchange these bytes.
 */
final class JavaSerialization {

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
        try (ObjectInputStream in = new ContextClassLoaderInputStream(new ByteArrayInputStream(data))) {
            return in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot deserialize a registration update or result", e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("class missing on this node: " + e.getMessage(), e);
        }
    }

    /** Ignite threads may run with the application's class loader only as context loader (containers). */
    private static final class ContextClassLoaderInputStream extends ObjectInputStream {

        ContextClassLoaderInputStream(InputStream in) throws IOException {
            super(in);
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
