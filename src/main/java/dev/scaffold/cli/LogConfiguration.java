package dev.scaffold.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;

/**
 * Points Log4j2 at stderr with the level and format the user chose, every line masked of
 * credentials ({@link RedactedConfiguration}); stdout stays the command's.
 *
 * <p>Log4j2 starts once, on the first logger a run asks for, and starts with this configuration
 * (through {@link LogConfigurationFactory}): a run that logs nothing, such as {@code validate},
 * never starts it, and no run searches for or parses a configuration file.
 */
final class LogConfiguration {

    /** Netty's wire log: every request and response with its headers, which the SDK's client always installs. */
    private static final String NETTY_WIRE = "io.netty.handler.logging.LoggingHandler";
    /**
     * Where Netty reports a listener it could not notify because the event loop had stopped: when the SDK's HTTP
     * client closes at the end of a run, a pooled connection released at that moment meets the stopped loop, and
     * Netty logs that, harmless as it is, as an error with a trace.
     */
    static final String NETTY_REJECTED_AFTER_CLOSE = "io.netty.util.concurrent.DefaultPromise.rejectedExecution";

    // Log4j2 creates its configuration factory and configuration itself, by class name, when it
    // starts; the options of this run can only reach them through here. Until a command applies its
    // options: the defaults, and masking of the process's own credentials.
    private static volatile LoggingOptions chosen = new LoggingOptions();
    private static volatile Redaction redaction = Redaction.of(System.getenv());
    private static volatile boolean started;

    private LogConfiguration() {
    }

    /** Makes the options the ones Log4j2 starts with; applies them at once if it started already. */
    static synchronized void apply(LoggingOptions options, Redaction masking) {
        chosen = options;
        redaction = masking;
        // Only where one process runs several commands, as the tests do, has Log4j2 started by now.
        if (started) {
            Configurator.reconfigure(build(options));
        }
    }

    /** The configuration Log4j2 starts with, for {@link LogConfigurationFactory}. */
    static synchronized Configuration forStart() {
        started = true;
        return build(chosen);
    }

    /** The options of the run, for {@link RedactedConfiguration}'s appender. */
    static LoggingOptions chosen() {
        return chosen;
    }

    /** What the run masks, for {@link RedactedConfiguration}'s appender. */
    static Redaction redaction() {
        return redaction;
    }

    static Configuration build(LoggingOptions options) {
        ConfigurationBuilder<RedactedConfiguration> builder =
                ConfigurationBuilderFactory.newConfigurationBuilder(RedactedConfiguration.class);
        builder.setStatusLevel(Level.ERROR);
        builder.setConfigurationName("scaffold");
        // The SDK and Netty are chatty at debug and their wire logs are what credentials travel in:
        // they join in only with --debug-http, never through -vvv.
        Level level = options.level();
        Level libraries = level.isMoreSpecificThan(Level.WARN) ? level : Level.WARN;
        Level http = options.debugHttp() ? Level.DEBUG : libraries;
        builder.add(builder.newLogger("software.amazon.awssdk", http));
        builder.add(builder.newLogger("io.netty", libraries));
        builder.add(builder.newLogger(NETTY_WIRE, http));
        builder.add(builder.newLogger(NETTY_REJECTED_AFTER_CLOSE, options.debugHttp() ? Level.DEBUG : Level.OFF));
        builder.add(builder.newRootLogger(level));
        return builder.build(false);
    }
}
