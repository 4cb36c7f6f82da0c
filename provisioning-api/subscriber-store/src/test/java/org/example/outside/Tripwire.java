package org.example.outside;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A serializable class outside the project's packages that counts its deserializations: a stream's reader that
 * lets it through runs its readObject, as a gadget class's would run its payload.
 */
public final class Tripwire implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final AtomicInteger READ = new AtomicInteger();

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        READ.incrementAndGet();
    }
}
