package dev.scaffold.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

/**
 * Points Log4j2 at stderr with the level and format the user chose; stdout stays the command's.
 *
 * <p>Log4j2 starts once, on the first logger a run asks for, and starts with this configuration
 * (through {@link LogConfigurationFactory}): a run that logs nothing, such as {@code validate},
 * never starts it, and no run searches for or parses a configuration file.
 */
final class LogConfiguration {

    private static final String TEXT = "%d{HH:mm:ss.SSS} %-5level %c{1.} - %msg%n";
    private static final String JSON = "{\"time\":\"%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}{UTC}\",\"level\":\"%level\","
            + "\"logger\":\"%enc{%c}{JSON}\",\"message\":\"%enc{%m}{JSON}\",\"thread\":\"%enc{%t}{JSON}\"}%n";

    // Log4j2 creates its configuration factory itself, by class name, when it starts; the options of
    // this run can only reach it through here. Until a command applies its options: the defaults.
    private static volatile LoggingOptions chosen = new LoggingOptions();
    private static volatile boolean started;

    private LogConfiguration() {
    }

    /** Makes the options the ones Log4j2 starts with; applies them at once if it started already. */
    static void apply(LoggingOptions options) {
        chosen = options;
        // Only where one process runs several commands, as the tests do, has Log4j2 started by now.
        if (started) {
            Configurator.reconfigure(build(options));
        }
    }

    /** The configuration Log4j2 starts with, for {@link LogConfigurationFactory}. */
    static Configuration forStart() {
        started = true;
        return build(chosen);
    }

    private static Configuration build(LoggingOptions options) {
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
        return builder.build();
    }
}
