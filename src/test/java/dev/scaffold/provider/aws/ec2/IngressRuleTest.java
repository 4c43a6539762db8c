package dev.scaffold.provider.aws.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.IpPermission;

class IngressRuleTest {

    @Test
    void permissionsWithSeveralSourcesReadAsOneSortedRulePerSource() {
        IpPermission https = IpPermission.builder().ipProtocol("tcp").fromPort(443).toPort(443)
                .ipRanges(r -> r.cidrIp("10.0.0.0/8"), r -> r.cidrIp("0.0.0.0/0"))
                .ipv6Ranges(r -> r.cidrIpv6("::/0"))
                .build();
        IpPermission http = IpPermission.builder().ipProtocol("tcp").fromPort(80).toPort(80)
                .userIdGroupPairs(p -> p.groupId("sg-1"))
                .build();

        List<Map<String, Object>> rules = IngressRule.toMaps(IngressRule.fromPermissions(List.of(https, http)));

        assertThat(rules).containsExactly(
                Map.of("protocol", "tcp", "fromPort", 80, "toPort", 80, "sourceSecurityGroupId", "sg-1"),
                Map.of("protocol", "tcp", "fromPort", 443, "toPort", 443, "cidr", "0.0.0.0/0"),
                Map.of("protocol", "tcp", "fromPort", 443, "toPort", 443, "cidr", "10.0.0.0/8"),
                Map.of("protocol", "tcp", "fromPort", 443, "toPort", 443, "cidr", "::/0"));
    }

    @Test
    void specRulesInAnyOrderAndNumberTypeReadBackEqual() {
        List<Map<String, Object>> spec = List.of(
                Map.of("protocol", "tcp", "fromPort", 443L, "toPort", 443L, "cidr", "0.0.0.0/0"),
                Map.of("protocol", "tcp", "fromPort", 80, "toPort", 80, "cidr", "0.0.0.0/0"));

        List<IngressRule> rules = IngressRule.fromMaps(spec);
        List<IpPermission> sent = rules.stream().map(IngressRule::toPermission).toList();

        assertThat(IngressRule.fromPermissions(sent)).isEqualTo(rules);
        assertThat(rules.get(0).fromPort()).isEqualTo(80);
    }

    @Test
    void ipv6BlocksAreSentAsIpv6Ranges() {
        IpPermission sent = new IngressRule("tcp", 443, 443, "::/0", null).toPermission();

        assertThat(sent.ipv6Ranges()).singleElement().satisfies(r -> assertThat(r.cidrIpv6()).isEqualTo("::/0"));
        assertThat(sent.ipRanges()).isEmpty();
    }
}
