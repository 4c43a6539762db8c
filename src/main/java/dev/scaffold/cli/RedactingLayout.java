package dev.scaffold.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.AbstractStringLayout;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.message.SimpleMessage;

/**
 * Lays out a log line with a pattern after masking every credential in it, the trace of its
 * exception included: whatever the SDK or Netty log, at any level, no secret reaches stderr. The
 * trace is folded into the message, so a JSON line stays one line.
 */
final class RedactingLayout extends AbstractStringLayout {

    private final PatternLayout pattern;
    private final Redaction redaction;

    /** @param pattern a layout that does not write exceptions itself */
    RedactingLayout(PatternLayout pattern, Redaction redaction) {
        super(pattern.getCharset());
        this.pattern = pattern;
        this.redaction = redaction;
    }

    @Override
    public String toSerializable(LogEvent event) {
        return pattern.toSerializable(redacted(event));
    }

    private LogEvent redacted(LogEvent event) {
        StringBuilder text = new StringBuilder(WireDump.readable(event.getMessage().getFormattedMessage()));
        if (event.getThrown() != null) {
            StringWriter trace = new StringWriter();
            event.getThrown().printStackTrace(new PrintWriter(trace));
            text.append(System.lineSeparator()).append(trace.toString().stripTrailing());
        }
        return new Log4jLogEvent.Builder(event)
                .setMessage(new SimpleMessage(redaction.apply(text.toString())))
                .setThrown(null)
                .setThrownProxy(null)
                .build();
    }
}
