package dev.scaffold.cli;

import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.builder.api.Component;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Scaffold's Log4j2 configuration: what {@link LogConfiguration} builds, plus the one appender, on
 * stderr, whose layout masks credentials. That layout is not a Log4j plugin, so the builder cannot
 * name it; the appender is added here, when Log4j2 sets the configuration up.
 */
public final class RedactedConfiguration extends BuiltConfiguration {

    private static final String TEXT = "%d{HH:mm:ss.SSS} %-5level %c{1.} - %msg%n";
    private static final String JSON = "{\"time\":\"%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}{UTC}\",\"level\":\"%level\","
            + "\"logger\":\"%enc{%c}{JSON}\",\"message\":\"%enc{%m}{JSON}\",\"thread\":\"%enc{%t}{JSON}\"}%n";

    /** What Log4j2's configuration builder calls, by reflection. */
    public RedactedConfiguration(LoggerContext context, ConfigurationSource source, Component root) {
        super(context, source, root);
    }

    @Override
    protected void doConfigure() {
        super.doConfigure();
        LoggingOptions options = LogConfiguration.chosen();
        Appender stderr = ConsoleAppender.newBuilder()
                .setName("stderr")
                .setTarget(ConsoleAppender.Target.SYSTEM_ERR)
                .setConfiguration(this)
                .setLayout(new RedactingLayout(PatternLayout.newBuilder()
                        .withConfiguration(this)
                        .withPattern(options.format() == LoggingOptions.LogFormat.json ? JSON : TEXT)
                        .withAlwaysWriteExceptions(false)
                        .build(), LogConfiguration.redaction()))
                .build();
        addAppender(stderr);
        getRootLogger().addAppender(stderr, null, null);
    }
}
