package org.imshss.hss;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.nio.channels.ClosedChannelException;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Logging rules the HSS enforces whatever logback configuration an operator supplies. Below INFO, Ignite's kernel
 * prints every system property and environment variable at start-up ("System property [...]", "Environment
 * variable [...]"), which would put {@code secrets.keys} (given as -D or HSS_SECRETS_KEYS) into the
 * log; its logger name carries the instance name ({@code IgniteKernal%hss}), so a level on a parent logger cannot
 * target it. This filter drops those loggers' events below INFO. jDiameter 1.7.1 was checked at DEBUG and TRACE
 * (MultimediaAuthSecretsIT): it logs message headers only, never AVP contents, so it is not restricted.
 *
 * <p>jDiameter's TCP transport logs a peer closing its connection as an ERROR with a stack trace
 * (ClosedChannelException). Kamailio's cdp closes without DPR at every shutdown, so that is ordinary: those events
 * are dropped.
 */
public final class HssLogging extends TurboFilter {

    /** Loggers (by name prefix) whose output below INFO may contain secrets. */
    static final String[] SECRET_DUMPS = {"org.apache.ignite.internal.IgniteKernal"};

    /** Adds the filter to logback once; no-op when logback is not the SLF4J backend. */
    public static void install() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        for (TurboFilter filter : context.getTurboFilterList()) {
            if (filter instanceof HssLogging) {
                return;
            }
        }
        HssLogging filter = new HssLogging();
        filter.setContext(context);
        filter.start();
        context.addTurboFilter(filter);
    }

    static final String TRANSPORT = "org.jdiameter.client.impl.transport.tcp";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        if (t instanceof ClosedChannelException && logger.getName().startsWith(TRANSPORT)) {
            return FilterReply.DENY;
        }
        if (level == null || level.isGreaterOrEqual(Level.INFO)) {
            return FilterReply.NEUTRAL;
        }
        String name = logger.getName();
        for (String prefix : SECRET_DUMPS) {
            if (name.startsWith(prefix)) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }
}
