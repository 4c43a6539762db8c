package dev.scaffold.components;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.blueprint.BlueprintLoader;
import dev.scaffold.blueprint.LoadRequest;
import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data tiers as the loader reads them: databases and caches, their firewalls and their secure defaults. */
class DataComponentsTest {

    private static final Ref APP_SERVERS = new Ref(ResourceAddress.parse("services.app.security-group"), "id");
    private static final Ref STACK_KEY = new Ref(ResourceAddress.parse("stack.main.key"), "arn");
    private static final ResourceAddress PRIMARY = ResourceAddress.parse("databases.main.primary");

    @TempDir
    Path dir;

    @Test
    void aDatabaseIsEncryptedPrivateSslOnlyAndReachableOnlyFromItsServicesWithItsPasswordKeptByRds()
            throws IOException {
        Map<ResourceAddress, ResourceSpec> specs = expand("""
                databases:
                  main: { engine: postgres, version: "16.4", allowFrom: [ services.app ] }
                """).specs();

        assertThat(specs.get(ResourceAddress.parse("databases.main.security-group")).attributes().get("ingress"))
                .isEqualTo(List.of(Map.of("protocol", "tcp", "fromPort", 5432, "toPort", 5432,
                        "sourceSecurityGroupId", APP_SERVERS)));
        assertThat(specs.get(ResourceAddress.parse("databases.main.parameter-group")).attributes())
                .containsEntry("family", "postgres16").containsEntry("parameters", Map.of("rds.force_ssl", "1"))
                .containsEntry("name", "shop-main-postgres16");
        assertThat(specs.get(PRIMARY).attributes())
                .containsEntry("identifier", "shop-main").containsEntry("engine", "postgres")
                .containsEntry("storageEncrypted", true).containsEntry("kmsKeyId", STACK_KEY)
                .containsEntry("publiclyAccessible", false).containsEntry("multiAz", true)
                .containsEntry("deletionProtection", true).containsEntry("backupRetentionDays", 7)
                .containsEntry("copyTagsToSnapshot", true).containsEntry("autoMinorVersionUpgrade", true)
                .containsEntry("manageMasterPassword", true).containsEntry("skipFinalSnapshot", false)
                .doesNotContainKeys("masterPassword", "sourceIdentifier");
        assertThat(specs).containsKey(ResourceAddress.parse("stack.main.key"));
    }

    @Test
    void replicasReadFromThePrimarySpreadOverTheZonesAndAreWhereAppsSendTheirReads() throws IOException {
        Expanded expanded = expand("""
                databases:
                  main: { engine: mysql, version: "8.0.39", readReplicas: 3, allowFrom: [ services.app ] }
                """);

        List<ResourceSpec> replicas = expanded.specs().values().stream()
                .filter(spec -> spec.address().resource().equals("replica"))
                .sorted(Comparator.comparing(ResourceSpec::address)).toList();
        assertThat(replicas).extracting(spec -> spec.address().toString())
                .containsExactly("databases.main.replica[0]", "databases.main.replica[1]", "databases.main.replica[2]");
        assertThat(replicas.get(2).attributes()).containsEntry("identifier", "shop-main-replica-2")
                .containsEntry("sourceIdentifier", new Ref(PRIMARY, "identifier"))
                .containsEntry("availabilityZone", Ref.spread(NetworkComponent.SUBNETS, "availabilityZones", 2))
                .containsEntry("deletionProtection", false).containsEntry("storageEncrypted", true)
                .doesNotContainKeys("masterUsername", "subnetGroupName", "allocatedStorage");
        assertThat(expanded.specs().get(ResourceAddress.parse("databases.main.parameter-group")).attributes())
                .containsEntry("family", "mysql8.0").containsEntry("parameters", Map.of("require_secure_transport", "ON"));
        assertThat(expanded.outputs().get("databases.main.readerEndpoints")).isEqualTo(List.of(
                new Ref(replicas.get(0).address(), "endpoint"), new Ref(replicas.get(1).address(), "endpoint"),
                new Ref(replicas.get(2).address(), "endpoint")));
        assertThat(expanded.outputs().get("databases.main.secretArn")).isEqualTo(new Ref(PRIMARY, "masterSecretArn"));
    }

    @Test
    void withoutReplicasReadsGoToThePrimaryAndAVersionlessDatabaseGetsItsEnginesDefault() throws IOException {
        Expanded expanded = expand("""
                databases:
                  main: { engine: postgres }
                """);

        assertThat(expanded.outputs().get("databases.main.readerEndpoints"))
                .isEqualTo(List.of(new Ref(PRIMARY, "endpoint")));
        assertThat(expanded.specs().get(PRIMARY).attributes()).containsEntry("engineVersion", "16.4");
        assertThat(expanded.specs().get(ResourceAddress.parse("databases.main.security-group")).attributes()
                .get("ingress")).as("no allowFrom: nothing may connect").isEqualTo(List.of());
    }

    @Test
    void aDatabaseGivenAKeyIsEncryptedWithItReplicasToo() throws IOException {
        String key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        Map<ResourceAddress, ResourceSpec> specs = expand("""
                databases:
                  main: { engine: postgres, readReplicas: 1, kmsKey: "%s" }
                """.formatted(key)).specs();

        assertThat(specs.get(PRIMARY).attributes()).containsEntry("kmsKeyId", key);
        assertThat(specs.get(ResourceAddress.parse("databases.main.replica[0]")).attributes())
                .containsEntry("kmsKeyId", key);
    }

    @Test
    void aCacheIsEncryptedBothWaysFailsOverWithAReplicaAndAuthenticatesWithATokenSecretsManagerKeeps()
            throws IOException {
        Expanded expanded = expand("""
                caches:
                  sessions: { engine: valkey, replicas: 1, allowFrom: [ services.app ] }
                  scratch: { engine: redis, replicas: 0, snapshotRetentionDays: 0 }
                """);
        Map<ResourceAddress, ResourceSpec> specs = expanded.specs();

        ResourceAddress token = ResourceAddress.parse("caches.sessions.auth-token");
        assertThat(specs.get(ResourceAddress.parse("caches.sessions.security-group")).attributes().get("ingress"))
                .isEqualTo(List.of(Map.of("protocol", "tcp", "fromPort", 6379, "toPort", 6379,
                        "sourceSecurityGroupId", APP_SERVERS)));
        assertThat(specs.get(token).attributes()).containsEntry("name", "scaffold/shop/sessions/auth-token")
                .containsEntry("kmsKeyId", STACK_KEY).containsEntry("excludeCharacters", "@\"/")
                .containsEntry("passwordLength", 64);
        assertThat(specs.get(ResourceAddress.parse("caches.sessions.replication-group")).attributes())
                .containsEntry("replicationGroupId", "shop-sessions").containsEntry("engine", "valkey")
                .containsEntry("replicas", 1).containsEntry("automaticFailover", true).containsEntry("multiAz", true)
                .containsEntry("atRestEncryption", true).containsEntry("transitEncryption", true)
                .containsEntry("kmsKeyId", STACK_KEY).containsEntry("authTokenSecretArn", new Ref(token, "arn"))
                .containsEntry("snapshotRetentionDays", 7).containsEntry("port", 6379);
        assertThat(specs.get(ResourceAddress.parse("caches.scratch.replication-group")).attributes())
                .containsEntry("automaticFailover", false).containsEntry("multiAz", false)
                .containsEntry("snapshotRetentionDays", 0);
        assertThat(expanded.outputs()).containsEntry("caches.sessions.endpoint",
                new Ref(ResourceAddress.parse("caches.sessions.replication-group"), "primaryEndpoint"));
    }

    private record Expanded(Map<ResourceAddress, ResourceSpec> specs, Map<String, Object> outputs) {
    }

    private Expanded expand(String data) throws IOException {
        Path file = dir.resolve("blueprint.yaml");
        Files.writeString(file, """
                blueprint: shop
                region: us-east-1
                loadBalancers:
                  web: { healthCheck: { path: /health } }
                services:
                  app: { loadBalancer: web, image: ami-0abcdef1234567890 }
                """ + data);
        Expansion expansion = new Components().expansion(new BlueprintLoader(Map.of()).load(LoadRequest.of(file)));
        return new Expanded(expansion.resources().stream()
                .collect(Collectors.toMap(ResourceSpec::address, Function.identity())), expansion.outputs());
    }
}
