package dev.scaffold.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Points Log4j2 at stderr with the level and format the user chose; stdout stays the command's. */
final class LogConfiguration {

    private static final String TEXT = "%d{HH:mm:ss.SSS} %-5level %c{1.} - %msg%n";
    private static final String JSON = "{\"time\":\"%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}{UTC}\",\"level\":\"%level\","
            + "\"logger\":\"%enc{%c}{JSON}\",\"message\":\"%enc{%m}{JSON}\",\"thread\":\"%enc{%t}{JSON}\"}%n";

    /** Netty's wire log: every request and response with its headers, which the SDK's client always installs. */
    private static final String NETTY_WIRE = "io.netty.handler.logging.LoggingHandler";

    private LogConfiguration() {
    }

    static synchronized void apply(LoggingOptions options, Redaction redaction) {
        ConfigurationBuilder<BuiltConfiguration> builder = ConfigurationBuilderFactory.newConfigurationBuilder();
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
        builder.add(builder.newRootLogger(level));
        // Initialising with this configuration spares start-up the parse of the default XML one.
        BuiltConfiguration configuration = builder.build();
        LoggerContext context = Configurator.initialize(configuration);
        if (context.getConfiguration() != configuration) {
            Configurator.reconfigure(configuration);
        }
        // The redacting layout is not a Log4j plugin, so the builder cannot name it: the appender is added here.
        Appender stderr = ConsoleAppender.newBuilder()
                .setName("stderr")
                .setTarget(ConsoleAppender.Target.SYSTEM_ERR)
                .setConfiguration(configuration)
                .setLayout(new RedactingLayout(PatternLayout.newBuilder()
                        .withConfiguration(configuration)
                        .withPattern(options.format() == LoggingOptions.LogFormat.json ? JSON : TEXT)
                        .withAlwaysWriteExceptions(false)
                        .build(), redaction))
                .build();
        stderr.start();
        configuration.addAppender(stderr);
        configuration.getRootLogger().addAppender(stderr, null, null);
        context.updateLoggers();
    }
}
