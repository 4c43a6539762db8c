package dev.scaffold.cli;

import java.net.URI;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationFactory;
import org.apache.logging.log4j.core.config.ConfigurationSource;

/**
 * Log4j2's source of configuration in scaffold, named in {@code log4j2.component.properties}: it
 * hands Log4j2 {@link LogConfiguration}'s configuration, so Log4j2 never looks for a file.
 */
public final class LogConfigurationFactory extends ConfigurationFactory {

    private static final String[] EVERY_TYPE = {"*"};

    @Override
    protected String[] getSupportedTypes() {
        return EVERY_TYPE.clone();
    }

    @Override
    public Configuration getConfiguration(LoggerContext context, ConfigurationSource source) {
        return LogConfiguration.forStart();
    }

    @Override
    public Configuration getConfiguration(LoggerContext context, String name, URI location) {
        return LogConfiguration.forStart();
    }
}
