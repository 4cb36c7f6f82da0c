package org.imshss.hss.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.imshss.node.NodeLogging;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Every log event of the JVM (the HSS, jDiameter, Ignite, and Jersey and Grizzly through java.util.logging) at
 * DEBUG, with the HSS's own logging rules ({@link NodeLogging}, as HssMain installs them), kept in memory and off
 * the build's console. {@link #close()} restores the levels and the console.
 */
public final class LogCapture implements AutoCloseable {

    /** The libraries' loggers, set to DEBUG explicitly as well as through the root. */
    private static final List<String> LOGGERS =
            List.of("org.imshss", "org.jdiameter", "org.mobicents", "org.apache.ignite", "org.glassfish");

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Map<Logger, Level> levelsBefore = new HashMap<>();
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Appender<ILoggingEvent> console;
    private final java.util.logging.Level julBefore = java.util.logging.Logger.getLogger("").getLevel();

    private LogCapture() {
        for (Logger logger : context.getLoggerList()) {
            levelsBefore.put(logger, logger.getLevel());
            if (logger != root) {
                logger.setLevel(null);
            }
        }
        for (String name : LOGGERS) {
            Logger logger = context.getLogger(name);
            levelsBefore.putIfAbsent(logger, logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
        root.setLevel(Level.DEBUG);
        NodeLogging.install();
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.FINE);
        captured.setContext(context);
        captured.start();
        root.addAppender(captured);
        console = root.getAppender("CONSOLE");
        if (console != null) {
            root.detachAppender(console);
        }
    }

    /** Starts capturing. */
    public static LogCapture debug() {
        return new LogCapture();
    }

    public List<ILoggingEvent> events() {
        return List.copyOf(captured.list);
    }

    /**
     * Each event as text: logger name and formatted message, then each throwable in its cause chain (class,
     * message, every frame), one entry each.
     */
    public List<String> texts() {
        List<String> texts = new ArrayList<>();
        for (ILoggingEvent event : events()) {
            texts.add(event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                texts.add(t.getClassName() + ": " + t.getMessage());
                for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                    texts.add(frame.getSTEAsString());
                }
                for (IThrowableProxy suppressed : t.getSuppressed()) {
                    texts.add(suppressed.getClassName() + ": " + suppressed.getMessage());
                }
            }
        }
        return texts;
    }

    @Override
    public void close() {
        root.detachAppender(captured);
        captured.stop();
        if (console != null) {
            root.addAppender(console);
        }
        levelsBefore.forEach(Logger::setLevel);
        java.util.logging.Logger.getLogger("").setLevel(julBefore == null ? java.util.logging.Level.INFO : julBefore);
    }

    /**
     * The forms a secret may take in a log line: hex (lower, upper, space- and colon-separated), Base64 (with
     * and without padding, and URL-safe), Java's Arrays.toString, and the bytes as text when they are printable.
     */
    public static List<String> encodings(byte[] secret) {
        List<String> out = new ArrayList<>();
        String hex = HexFormat.of().formatHex(secret);
        out.add(hex);
        out.add(hex.toUpperCase(Locale.ROOT));
        out.add(HexFormat.ofDelimiter(" ").formatHex(secret));
        out.add(HexFormat.ofDelimiter(":").formatHex(secret));
        out.add(Base64.getEncoder().withoutPadding().encodeToString(secret));
        out.add(Base64.getEncoder().encodeToString(secret));
        out.add(Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        out.add(Arrays.toString(secret).replace("[", "").replace("]", ""));
        String text = new String(secret, StandardCharsets.ISO_8859_1);
        if (text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            out.add(text);
        }
        return out.stream().distinct().toList();
    }
}
