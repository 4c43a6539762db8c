package dev.scaffold.blueprint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The one place that declares which attributes each section's tiers offer to {@code ${SECTION.NAME.ATTRIBUTE}}. */
public final class TierAttributes {

    private static final Map<String, List<String>> BY_SECTION = declare();

    private TierAttributes() {}

    private static Map<String, List<String>> declare() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("loadBalancers", List.of("dnsName", "arn", "zoneId"));
        m.put("services", List.of("securityGroupId", "autoScalingGroupName", "roleArn", "roleName", "logGroupName"));
        m.put("databases", List.of("endpoint", "port", "readerEndpoints", "secretArn"));
        m.put("caches", List.of("endpoint", "readerEndpoint", "port"));
        m.put("cdn", List.of("domainName", "distributionId"));
        m.put("backups", List.of("vaultArn"));
        m.put("monitoring", List.of("topicArn"));
        m.put("queues", List.of("url", "arn", "deadLetterUrl"));
        return Map.copyOf(m);
    }

    /** The sections that hold referable tiers. */
    public static Set<String> sections() {
        return BY_SECTION.keySet();
    }

    /** The attributes a tier of {@code section} offers; empty for an unknown section. */
    public static List<String> of(String section) {
        return BY_SECTION.getOrDefault(section, List.of());
    }

    /** True for a section that holds one unnamed tier rather than a map of named ones. */
    public static boolean isSingleton(String section) {
        return "monitoring".equals(section);
    }
}
