package org.imshss.node;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * What the HSS and SLF processes share around their node: logging set-up, command-line values, the exit status
 * of a failed start, and running until the JVM is asked to stop.
 */
public final class ProcessLifecycle {

    private ProcessLifecycle() {
    }

    /**
     * One logging backend for the whole process: SLF4J with logback. java.util.logging (Jersey, Grizzly) is routed
     * to it here; jDiameter's log4j calls go through log4j-over-slf4j, Ignite through its Slf4jLogger and
     * commons-logging (Commons Configuration) finds SLF4J by itself. Also adds the nodes' logging rules
     * ({@link NodeLogging}).
     */
    public static void installLogging() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        NodeLogging.install();
    }

    /** The value after an option; a missing one ends the process with status 2. */
    public static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            fail(2, option + " needs a value");
        }
        return args[index];
    }

    /** Ends the process: 2 for bad arguments or settings (the message names what), 1 for any other failure. */
    public static void fail(int status, String message) {
        System.err.println(message);
        System.exit(status);
    }

    /**
     * Logs "{@code title} ready" (the launchers wait for that line) and blocks until the JVM shuts down, closing
     * the node on the way.
     */
    public static void serveUntilStopped(String title, AutoCloseable node, Logger log) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            try {
                node.close();
            } catch (Exception e) {
                log.warn("stopping failed: {}", e.toString());
            }
            stopped.countDown();
        }, title.toLowerCase(Locale.ROOT) + "-shutdown"));
        log.info("{} ready", title);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
