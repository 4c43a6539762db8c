package dev.scaffold.provider.aws.ec2;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * One inbound rule of a security group, from one source: a CIDR block or another security group.
 *
 * <p>In a spec it is the map {@code {protocol, fromPort, toPort, cidr | sourceSecurityGroupId}};
 * a group's rules are a list of such maps in {@link #ORDER}, so the desired and the read list compare equal.
 */
record IngressRule(String protocol, Integer fromPort, Integer toPort, String cidr, String sourceSecurityGroupId) {

    static final Comparator<IngressRule> ORDER = Comparator
            .comparing(IngressRule::protocol)
            .thenComparing(IngressRule::fromPort, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(IngressRule::toPort, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(IngressRule::cidr, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(IngressRule::sourceSecurityGroupId, Comparator.nullsFirst(Comparator.naturalOrder()));

    static IngressRule fromMap(Map<String, Object> map) {
        return new IngressRule(
                String.valueOf(map.get("protocol")),
                map.get("fromPort") == null ? null : ((Number) map.get("fromPort")).intValue(),
                map.get("toPort") == null ? null : ((Number) map.get("toPort")).intValue(),
                (String) map.get("cidr"),
                (String) map.get("sourceSecurityGroupId"));
    }

    /** The rules of the spec's {@code ingress} list, sorted. */
    static List<IngressRule> fromMaps(List<Map<String, Object>> maps) {
        return maps.stream().map(IngressRule::fromMap).sorted(ORDER).toList();
    }

    /** AWS groups sources under one permission; this flattens them into one rule per source, sorted. */
    static List<IngressRule> fromPermissions(List<IpPermission> permissions) {
        List<IngressRule> rules = new ArrayList<>();
        for (IpPermission p : permissions) {
            for (IpRange range : p.ipRanges()) {
                rules.add(new IngressRule(p.ipProtocol(), p.fromPort(), p.toPort(), range.cidrIp(), null));
            }
            for (Ipv6Range range : p.ipv6Ranges()) {
                rules.add(new IngressRule(p.ipProtocol(), p.fromPort(), p.toPort(), range.cidrIpv6(), null));
            }
            for (UserIdGroupPair pair : p.userIdGroupPairs()) {
                rules.add(new IngressRule(p.ipProtocol(), p.fromPort(), p.toPort(), null, pair.groupId()));
            }
        }
        rules.sort(ORDER);
        return rules;
    }

    static List<Map<String, Object>> toMaps(List<IngressRule> rules) {
        return rules.stream().sorted(ORDER).map(IngressRule::toMap).toList();
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("protocol", protocol);
        if (fromPort != null) {
            map.put("fromPort", fromPort);
        }
        if (toPort != null) {
            map.put("toPort", toPort);
        }
        if (cidr != null) {
            map.put("cidr", cidr);
        }
        if (sourceSecurityGroupId != null) {
            map.put("sourceSecurityGroupId", sourceSecurityGroupId);
        }
        return map;
    }

    IpPermission toPermission() {
        IpPermission.Builder permission = IpPermission.builder().ipProtocol(protocol).fromPort(fromPort).toPort(toPort);
        if (sourceSecurityGroupId != null) {
            permission.userIdGroupPairs(UserIdGroupPair.builder().groupId(sourceSecurityGroupId).build());
        } else if (Objects.requireNonNull(cidr, "a rule needs a cidr or a source group").contains(":")) {
            permission.ipv6Ranges(Ipv6Range.builder().cidrIpv6(cidr).build());
        } else {
            permission.ipRanges(IpRange.builder().cidrIp(cidr).build());
        }
        return permission.build();
    }
}
