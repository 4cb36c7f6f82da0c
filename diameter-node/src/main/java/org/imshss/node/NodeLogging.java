package org.imshss.node;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Logging rules every node (HSS, SLF) enforces whatever logback configuration an operator supplies.
 *
 * <p>Below INFO, Ignite's kernel prints every system property and environment variable at start-up ("System
 * property [...]", "Environment variable [...]"), which would put {@code secrets.keys} (given as -D or
 * HSS_SECRETS_KEYS) into the log; its logger name carries the instance name ({@code IgniteKernal%hss}), so a
 * level on a parent logger cannot target it. This filter drops those loggers' events below INFO.
 *
 * <p>Ignite also repeats the JVM's arguments, every {@code -D} flag with its value (so
 * {@code -Drest.tls.keystore-password=...} when an operator gives a secret as a system property): the kernel at
 * INFO ("VM arguments: [...]") and discovery at DEBUG ("Node attributes to set: {...}", the arguments being the
 * node attribute {@code org.apache.ignite.jvm.args}). Those lines are dropped at every level, as is a DEBUG line
 * the kernel re-issues as WARN ("Logging at DEBUG level without checking ...") when it skipped the level check.
 * jDiameter 1.7.1 was checked at DEBUG and TRACE (DebugLogSecretsIT, MultimediaAuthSecretsIT): it logs message
 * headers only, never AVP contents, so it is not restricted.
 *
 * <p>jDiameter's TCP transport logs a peer closing its connection as an ERROR with a stack trace
 * (ClosedChannelException). Kamailio's cdp closes without DPR at every shutdown, so that is ordinary: those events
 * are dropped.
 */
public final class NodeLogging extends TurboFilter {

    /** Loggers (by name prefix) whose output below INFO may contain secrets. */
    static final String[] SECRET_DUMPS = {"org.apache.ignite.internal.IgniteKernal"};

    /** A logger (name prefix) and the start of the messages it logs that may hold secrets, at any level. */
    record SecretLine(String logger, String message) {
    }

    static final List<SecretLine> SECRET_LINES = List.of(
            new SecretLine("org.apache.ignite.internal.IgniteKernal", "VM arguments"),
            new SecretLine("org.apache.ignite.internal.IgniteKernal", "Logging at "),
            new SecretLine("org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi", "Node attributes to set"));

    static final String TRANSPORT = "org.jdiameter.client.impl.transport.tcp";

    /** Adds the filter to logback once; no-op when logback is not the SLF4J backend. */
    public static void install() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        for (TurboFilter filter : context.getTurboFilterList()) {
            if (filter instanceof NodeLogging) {
                return;
            }
        }
        NodeLogging filter = new NodeLogging();
        filter.setContext(context);
        filter.start();
        context.addTurboFilter(filter);
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        String name = logger.getName();
        if (t instanceof ClosedChannelException && name.startsWith(TRANSPORT)) {
            return FilterReply.DENY;
        }
        if (format != null) {
            for (SecretLine line : SECRET_LINES) {
                if (format.startsWith(line.message()) && name.startsWith(line.logger())) {
                    return FilterReply.DENY;
                }
            }
        }
        if (level == null || level.isGreaterOrEqual(Level.INFO)) {
            return FilterReply.NEUTRAL;
        }
        for (String prefix : SECRET_DUMPS) {
            if (name.startsWith(prefix)) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }
}
