package dev.scaffold.cli;

import static dev.scaffold.provider.aws.Fixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.elasticache.ReplicationGroupHandler;
import dev.scaffold.provider.aws.secretsmanager.GeneratedSecretHandler;
import dev.scaffold.provider.aws.secretsmanager.SecretsClient;
import dev.scaffold.schema.ElastiCacheTypes;
import dev.scaffold.schema.SecretsManagerTypes;
import dev.scaffold.state.Observed;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.TestApplyContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A cache's auth token never reaches a log line: its secret is made and the replication group created with its token
 * while scaffold, the SDK and Netty's wire log (what {@code --debug-http} turns on) log at every level, through the
 * layout scaffold's stderr uses; then every line is searched for the token, as it is and as a request or response
 * escapes it. The same lines unmasked must hold it, or the search would prove nothing.
 */
@ExtendWith(AwsEmulator.class)
class CacheAuthTokenNeverLoggedIT {

    private static final List<String> LOGGERS = List.of("dev.scaffold", "software.amazon.awssdk",
            "io.netty.handler.logging.LoggingHandler");

    @Test
    void theTokenIsInNoLineLoggedWhileItsSecretAndItsCacheAreMade(EmulatorTarget emulator, AwsClients aws) {
        List<String> unmasked = Collections.synchronizedList(new ArrayList<>());
        List<String> masked = Collections.synchronizedList(new ArrayList<>());
        String secretArn;
        try (Capture capture = new Capture(unmasked, masked);
             AwsClients logged = new AwsClients(emulator.settings())) {
            ResourceAddress secretAddress = ResourceAddress.of("caches", "main", "auth-token");
            Map<String, Object> secret = new LinkedHashMap<>(Map.of("name", "shop-logged-auth", "passwordLength", 64,
                    "excludeCharacters", "@\"/"));
            Observed made = new GeneratedSecretHandler(logged).create(ResourceSpec.managed(secretAddress,
                    SecretsManagerTypes.GENERATED_SECRET.name(), secret, tags(secretAddress)),
                    new TestApplyContext(secretAddress)).join();
            secretArn = made.arn();
            ResourceAddress address = ResourceAddress.of("caches", "main", "replication-group");
            new ReplicationGroupHandler(logged).create(ResourceSpec.managed(address,
                    ElastiCacheTypes.REPLICATION_GROUP.name(), group(secretArn), tags(address)),
                    new TestApplyContext(address)).join();
        }
        String token = SecretsClient.of(aws).getSecretValue(r -> r.secretId(secretArn)).join().secretString();

        String before = String.join("\n", unmasked);
        assertThat(forms(token)).as("the wire log holds the token before masking").anyMatch(before::contains);
        String after = String.join("\n", masked);
        assertThat(after).as("the wire log was masked where it carried the token")
                .contains("AuthToken=****", "\"SecretString\":\"****\"").containsPattern("\"RandomPassword\":\\s*\"\\*{4}\"");
        for (String form : forms(token)) {
            assertThat(after).as("no log line holds the token").doesNotContain(form);
        }
    }

    private static Map<String, Object> group(String secretArn) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("replicationGroupId", "shop-logged");
        attributes.put("description", "the main cache");
        attributes.put("engine", "valkey");
        attributes.put("nodeType", "cache.t4g.micro");
        attributes.put("replicas", 0);
        attributes.put("automaticFailover", false);
        attributes.put("multiAz", false);
        attributes.put("atRestEncryption", true);
        attributes.put("transitEncryption", true);
        attributes.put("authTokenSecretArn", secretArn);
        attributes.put("subnetGroupName", "shop-logged");
        attributes.put("securityGroupIds", List.of("sg-0123456789abcdef0"));
        attributes.put("snapshotRetentionDays", 1);
        attributes.put("port", 6379);
        return attributes;
    }

    /** The token as it is, and as a form-encoded request and a JSON body carry it. */
    private static Set<String> forms(String token) {
        String form = URLEncoder.encode(token, StandardCharsets.UTF_8);
        return new LinkedHashSet<>(List.of(token, form, form.replace("+", "%20"),
                new String(JsonStringEncoder.getInstance().quoteAsString(token))));
    }

    /** Every event of the loggers above, each as logged and as scaffold's redacting layout writes it. */
    private static final class Capture implements AutoCloseable {

        private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
        private final AbstractAppender appender;
        /** The loggers of those names that the run's configuration had, put back when the capture ends. */
        private final Map<String, LoggerConfig> replaced = new LinkedHashMap<>();

        Capture(List<String> unmasked, List<String> masked) {
            RedactingLayout layout = new RedactingLayout(PatternLayout.newBuilder().withPattern("%p %c %m%n").build(),
                    Redaction.of(Map.of()));
            appender = new AbstractAppender("token-capture", null, layout, true, Property.EMPTY_ARRAY) {
                @Override
                public void append(LogEvent event) {
                    unmasked.add(WireDump.readable(event.getMessage().getFormattedMessage()));
                    masked.add(layout.toSerializable(event));
                }
            };
            appender.start();
            Configuration configuration = context.getConfiguration();
            for (String name : LOGGERS) {
                LoggerConfig existing = configuration.getLoggers().get(name);
                if (existing != null) {
                    replaced.put(name, existing);
                    configuration.removeLogger(name);
                }
                LoggerConfig logger = new LoggerConfig(name, Level.ALL, false);
                logger.addAppender(appender, null, null);
                configuration.addLogger(name, logger);
            }
            context.updateLoggers();
        }

        @Override
        public void close() {
            LOGGERS.forEach(context.getConfiguration()::removeLogger);
            replaced.forEach(context.getConfiguration()::addLogger);
            context.updateLoggers();
            appender.stop();
        }
    }
}
