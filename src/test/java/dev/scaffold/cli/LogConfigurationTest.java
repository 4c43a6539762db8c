package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configuration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What scaffold's own Log4j2 configuration lets through to stderr. */
class LogConfigurationTest {

    @Test
    void nettysHarmlessRejectionWhenTheHttpClientClosesPrintsNothingUnlessHttpIsDebugged() {
        Configuration quiet = LogConfiguration.build(options());
        Configuration debugHttp = LogConfiguration.build(options("--debug-http"));
        quiet.initialize();
        debugHttp.initialize();

        assertThat(quiet.getLoggerConfig(LogConfiguration.NETTY_REJECTED_AFTER_CLOSE).getLevel()).isEqualTo(Level.OFF);
        assertThat(quiet.getLoggerConfig("io.netty.channel.DefaultChannelPipeline").getLevel()).isEqualTo(Level.WARN);
        assertThat(debugHttp.getLoggerConfig(LogConfiguration.NETTY_REJECTED_AFTER_CLOSE).getLevel())
                .isEqualTo(Level.DEBUG);
    }

    private static LoggingOptions options(String... args) {
        LoggingOptions options = new LoggingOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }
}
