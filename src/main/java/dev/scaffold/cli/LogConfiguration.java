package dev.scaffold.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

/** Points Log4j2 at stderr with the level and format the user chose; stdout stays the command's. */
final class LogConfiguration {

    private static final String TEXT = "%d{HH:mm:ss.SSS} %-5level %c{1.} - %msg%n";
    private static final String JSON = "{\"time\":\"%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}{UTC}\",\"level\":\"%level\","
            + "\"logger\":\"%enc{%c}{JSON}\",\"message\":\"%enc{%m}{JSON}\",\"thread\":\"%enc{%t}{JSON}\"}%n";

    private LogConfiguration() {
    }

    static void apply(LoggingOptions options) {
        ConfigurationBuilder<BuiltConfiguration> builder = ConfigurationBuilderFactory.newConfigurationBuilder();
        builder.setStatusLevel(Level.ERROR);
        builder.setConfigurationName("scaffold");
        String pattern = options.format() == LoggingOptions.LogFormat.json ? JSON : TEXT;
        builder.add(builder.newAppender("stderr", "Console")
                .addAttribute("target", ConsoleAppender.Target.SYSTEM_ERR)
                .add(builder.newLayout("PatternLayout").addAttribute("pattern", pattern)));
        // The SDK and Netty are chatty at debug; they only join in at -vvv.
        Level level = options.level();
        Level libraries = options.verbosity() >= 3 || level.isMoreSpecificThan(Level.WARN) ? level : Level.WARN;
        builder.add(builder.newLogger("software.amazon.awssdk", libraries).addAttribute("additivity", true));
        builder.add(builder.newLogger("io.netty", libraries).addAttribute("additivity", true));
        builder.add(builder.newRootLogger(level).add(builder.newAppenderRef("stderr")));
        // Initialising with this configuration spares start-up the parse of the default XML one.
        BuiltConfiguration configuration = builder.build();
        LoggerContext context = Configurator.initialize(configuration);
        if (context.getConfiguration() != configuration) {
            Configurator.reconfigure(configuration);
        }
    }
}
