package dev.scaffold.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Takes what one class logs while a test provokes it, for the test to assert on, instead of letting it reach the
 * build's output: an error a passing test causes on purpose must not read as a failure there.
 */
public final class CapturedLogs implements AutoCloseable {

    private final LoggerContext context;
    private final String name;
    private final AbstractAppender appender;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    private CapturedLogs(Class<?> source) {
        this.context = (LoggerContext) LogManager.getContext(false);
        this.name = source.getName();
        this.appender = new AbstractAppender("captured-" + name, null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        LoggerConfig own = new LoggerConfig(name, Level.ALL, false);
        own.addAppender(appender, null, null);
        context.getConfiguration().addLogger(name, own);
        context.updateLoggers();
    }

    /** Captures what {@code source}'s logger logs, at every level, until closed; none of it is printed. */
    public static CapturedLogs of(Class<?> source) {
        return new CapturedLogs(source);
    }

    /** Each event so far as {@code LEVEL message}. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() {
        Configuration configuration = context.getConfiguration();
        configuration.removeLogger(name);
        context.updateLoggers();
        appender.stop();
    }
}
