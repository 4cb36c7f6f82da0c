package org.imshss.node.diameter.transport;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The writing half of a {@link Link}: a queue bounded in octets and one thread that drains it, so a peer that does
 * not read blocks only its own connection. The thread starts only once the link has a peer to talk to: an accepted
 * connection's at its CER (RFC 6733 5.3), so a connection that never sends one costs a single thread, its reader.
 */
final class LinkWriter {

    private static final int IO_BUFFER = 64 * 1024;
    /** Where the writer closes the link. */
    private static final byte[] END = new byte[0];

    private final Link link;
    private final String key;
    private final long limitBytes;
    private final LinkedBlockingQueue<byte[]> writes = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private volatile long writeStartedNanos;
    /** Guarded by this; null until {@link #start}. */
    private Thread thread;

    LinkWriter(Link link, String key, long limitBytes) {
        this.link = link;
        this.key = key;
        this.limitBytes = limitBytes;
    }

    /** Starts draining the queue into {@code socket}, once; not after the link closed. */
    synchronized void start(Socket socket) {
        if (thread != null || link.isClosed()) {
            return;
        }
        thread = new Thread(() -> write(socket), "diameter-write-" + key);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a message; false (and the link closed) when the peer lets more than the limit pile up. */
    boolean enqueue(byte[] bytes) {
        long queued = queuedBytes.addAndGet(bytes.length);
        if (queued > limitBytes) {
            link.close("peer does not read: over " + limitBytes + " bytes waiting");
            return false;
        }
        writes.add(bytes);
        return true;
    }

    /**
     * Closes the link once what is queued has been written (bounded by the I/O timeout); at once when nothing is
     * written on it yet (an accepted connection before its CER).
     */
    void closeAfterWrites() {
        synchronized (this) {
            if (thread != null) {
                writes.add(END);
                return;
            }
        }
        link.close(null);
    }

    /** When the write in progress began (System.nanoTime()), or 0 when none is. */
    long writeStartedNanos() {
        return writeStartedNanos;
    }

    /** The link closed: what is queued is dropped and the thread ends. */
    void stop() {
        writes.clear();
        writes.add(END);
    }

    private void write(Socket socket) {
        try {
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), IO_BUFFER);
            while (!link.isClosed()) {
                byte[] next = writes.poll(1, TimeUnit.SECONDS);
                if (next == null) {
                    continue;
                }
                writeStartedNanos = System.nanoTime();
                while (next != null) {
                    if (next == END) {
                        out.flush();
                        link.close(null);
                        return;
                    }
                    out.write(next);
                    queuedBytes.addAndGet(-next.length);
                    next = writes.poll();
                }
                out.flush();
                writeStartedNanos = 0;
            }
        } catch (IOException e) {
            link.close(link.isClosed() ? null : "write failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            link.close(null);
        }
    }
}
