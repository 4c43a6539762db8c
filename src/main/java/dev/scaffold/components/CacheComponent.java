package dev.scaffold.components;

import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.blueprint.Cache;
import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.schema.ElastiCacheTypes;
import dev.scaffold.schema.SecretsManagerTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Expands one {@code caches.NAME} tier: a Redis or Valkey replication group of one primary and {@code replicas}
 * replicas, behind a firewall. Its security group admits the cache's port only from the services in
 * {@code allowFrom}; it is encrypted at rest with the stack's key and in transit; clients authenticate with a
 * token Secrets Manager generates and keeps (encrypted with the stack's key), which scaffold passes to
 * ElastiCache once and never records; with a replica or more, failover is automatic and Multi-AZ; ElastiCache
 * keeps daily snapshots {@code snapshotRetentionDays}.
 */
public final class CacheComponent implements SectionComponent {

    static final String TIER = "caches";
    /** Long, and without the characters ElastiCache refuses in a token: '@', '"', '/'. */
    private static final int TOKEN_LENGTH = 64;
    private static final String TOKEN_EXCLUDES = "@\"/";

    @Override
    public String section() {
        return TIER;
    }

    /** What each cache offers: {@code endpoint} (the primary's), {@code readerEndpoint} and {@code port}. */
    @Override
    public Map<String, Object> outputs(StackContext stack, Blueprint blueprint) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        for (Cache cache : blueprint.caches().values()) {
            Addresses at = new Addresses(cache.name());
            String prefix = TIER + "." + cache.name() + ".";
            outputs.put(prefix + "endpoint", new Ref(at.group, "primaryEndpoint"));
            outputs.put(prefix + "readerEndpoint", new Ref(at.group, "readerEndpoint"));
            outputs.put(prefix + "port", new Ref(at.group, "port"));
        }
        return outputs;
    }

    @Override
    public List<ResourceSpec> expand(StackContext stack, Blueprint blueprint, TierValues values) {
        List<ResourceSpec> specs = new ArrayList<>();
        for (Cache cache : blueprint.caches().values()) {
            Addresses at = new Addresses(cache.name());
            specs.add(securityGroup(stack, cache, at));
            specs.add(subnetGroup(stack, cache, at));
            specs.add(authToken(stack, cache, at));
            specs.add(group(stack, cache, at));
        }
        return specs;
    }

    private static ResourceSpec securityGroup(StackContext stack, Cache cache, Addresses at) {
        return DataNetwork.securityGroup(stack, at.securityGroup, "cache", describe(stack, cache), cache.port(),
                cache.allowFrom());
    }

    private static ResourceSpec subnetGroup(StackContext stack, Cache cache, Addresses at) {
        return DataNetwork.subnetGroup(stack, at.subnetGroup, ElastiCacheTypes.SUBNET_GROUP.name(), describe(stack, cache));
    }

    /** The token clients authenticate with, named like the stack's log groups: {@code scaffold/STACK[/ENV]/NAME/…}. */
    private static ResourceSpec authToken(StackContext stack, Cache cache, Addresses at) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", ResourceNames.logGroupPrefix(stack).substring(1) + cache.name() + "/auth-token");
        attributes.put("description", describe(stack, cache) + ": the token its clients authenticate with");
        attributes.put("kmsKeyId", StackKeyComponent.keyArn());
        attributes.put("passwordLength", TOKEN_LENGTH);
        attributes.put("excludeCharacters", TOKEN_EXCLUDES);
        return ResourceSpec.managed(at.authToken, SecretsManagerTypes.GENERATED_SECRET.name(), attributes,
                stack.tagsFor(at.authToken));
    }

    private static ResourceSpec group(StackContext stack, Cache cache, Addresses at) {
        boolean replicated = cache.replicas() > 0;
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("replicationGroupId", ResourceNames.data(stack, cache.name(), null));
        attributes.put("description", describe(stack, cache));
        attributes.put("engine", cache.engine().name().toLowerCase(Locale.ROOT));
        attributes.put("nodeType", cache.nodeType());
        attributes.put("replicas", cache.replicas());
        attributes.put("automaticFailover", replicated);
        attributes.put("multiAz", replicated);
        attributes.put("atRestEncryption", true);
        attributes.put("transitEncryption", true);
        attributes.put("kmsKeyId", StackKeyComponent.keyArn());
        attributes.put("authTokenSecretArn", new Ref(at.authToken, "arn"));
        attributes.put("subnetGroupName", new Ref(at.subnetGroup, "name"));
        attributes.put("securityGroupIds", List.of(new Ref(at.securityGroup, "id")));
        attributes.put("snapshotRetentionDays", cache.snapshotRetentionDays());
        attributes.put("port", cache.port());
        return ResourceSpec.managed(at.group, ElastiCacheTypes.REPLICATION_GROUP.name(), attributes,
                stack.tagsFor(at.group));
    }

    private static String describe(StackContext stack, Cache cache) {
        return "scaffold " + stack.stack() + " " + stack.environment() + ": cache " + cache.name();
    }

    /** The addresses of one cache's resources. */
    private static final class Addresses {
        final ResourceAddress securityGroup;
        final ResourceAddress subnetGroup;
        final ResourceAddress authToken;
        final ResourceAddress group;

        Addresses(String name) {
            this.securityGroup = ResourceAddress.of(TIER, name, "security-group");
            this.subnetGroup = ResourceAddress.of(TIER, name, "subnet-group");
            this.authToken = ResourceAddress.of(TIER, name, "auth-token");
            this.group = ResourceAddress.of(TIER, name, "replication-group");
        }
    }
}
