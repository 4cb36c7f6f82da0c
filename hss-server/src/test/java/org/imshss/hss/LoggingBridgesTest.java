package org.imshss.hss;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.ServiceLoader;
import org.apache.ignite.logger.slf4j.Slf4jLogger;
import org.imshss.node.ProcessLifecycle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * One logging backend in the HSS process: exactly one SLF4J provider (logback), and the logging APIs the embedded
 * libraries use all end up in it: log4j 1 (jDiameter), Ignite's logger, java.util.logging (Jersey, Grizzly) and
 * commons-logging (Commons Configuration).
 */
class LoggingBridgesTest {

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Logger bridge;

    @BeforeEach
    void capture() {
        ProcessLifecycle.installLogging();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        captured.setContext(context);
        captured.start();
        bridge = context.getLogger("bridge");
        bridge.setLevel(Level.INFO);
        bridge.addAppender(captured);
    }

    @AfterEach
    void release() {
        bridge.detachAppender(captured);
        bridge.setLevel(null);
    }

    @Test
    void logbackIsTheOnlySlf4jProvider() {
        List<String> providers = ServiceLoader.load(SLF4JServiceProvider.class).stream()
                .map(p -> p.type().getName()).toList();
        assertThat(providers).containsExactly("ch.qos.logback.classic.spi.LogbackServiceProvider");
        assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(LoggerContext.class);
    }

    @Test
    void log4jIgniteJulAndCommonsLoggingReachLogback() {
        org.apache.log4j.Logger.getLogger("bridge.log4j").warn("from log4j");
        new Slf4jLogger().getLogger("bridge.ignite").warning("from ignite");
        java.util.logging.Logger.getLogger("bridge.jul").warning("from jul");
        org.apache.commons.logging.LogFactory.getLog("bridge.jcl").warn("from commons-logging");

        assertThat(captured.list).extracting(ILoggingEvent::getLoggerName, ILoggingEvent::getFormattedMessage)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("bridge.log4j", "from log4j"),
                        org.assertj.core.groups.Tuple.tuple("bridge.ignite", "from ignite"),
                        org.assertj.core.groups.Tuple.tuple("bridge.jul", "from jul"),
                        org.assertj.core.groups.Tuple.tuple("bridge.jcl", "from commons-logging"));
    }

    @Test
    void igniteKernalNeverEchoesTheJvmArgumentsWhereSecretsMayBe() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger kernal = context.getLogger("org.apache.ignite.internal.IgniteKernal%hss");
        kernal.setLevel(Level.DEBUG);
        kernal.addAppender(captured);
        try {
            org.apache.ignite.IgniteLogger ignite =
                    new Slf4jLogger().getLogger("org.apache.ignite.internal.IgniteKernal%hss");
            ignite.info("VM arguments: [-Xmx1g, -Drest.tls.keystore-password=s3cret-store-pass]");
            ignite.debug("System property [auth.password-key=00112233]");
            ignite.info("OS: Linux");
            org.apache.ignite.IgniteLogger discovery =
                    new Slf4jLogger().getLogger("org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi");
            context.getLogger("org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi").setLevel(Level.DEBUG);
            context.getLogger("org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi").addAppender(captured);
            discovery.debug("Node attributes to set: {org.apache.ignite.jvm.args=-Dauth.password-key=00112233}");
            discovery.debug("Discovery SPI started");
        } finally {
            kernal.detachAppender(captured);
            kernal.setLevel(null);
            context.getLogger("org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi").detachAppender(captured);
            context.getLogger("org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi").setLevel(null);
        }
        assertThat(captured.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("OS: Linux", "Discovery SPI started");
    }
}
