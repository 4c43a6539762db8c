package dev.scaffold.provider.aws.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.provider.aws.Attributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ElbAttributesTest {

    private static final ElbAttributes<Object> ATTRIBUTES = new ElbAttributes<>(List.of(
            new ElbAttributes.Attribute("stickinessType", "stickiness.type", "lb_cookie"),
            new ElbAttributes.Attribute("idleTimeoutSeconds", "idle_timeout.timeout_seconds", 60),
            new ElbAttributes.Attribute("deletionProtection", "deletion_protection.enabled", false)), Set.of());
    private static final ResourceAddress ALB = ResourceAddress.parse("loadBalancers.web.alb");

    @Test
    void answeredValuesAreTypedLikeTheirDefaultsAndUnsetOnesTakeTheDefault() {
        Map<String, Object> values = ATTRIBUTES.fromAws(Map.of(
                "idle_timeout.timeout_seconds", "120", "deletion_protection.enabled", "true", "stickiness.type", ""));

        assertThat(values).containsExactly(
                Map.entry("deletionProtection", true),
                Map.entry("idleTimeoutSeconds", 120),
                Map.entry("stickinessType", "lb_cookie"));
    }

    @Test
    void onlyTheNamedAttributesAreSentAsTextByElbKey() {
        Attributes desired = attributes("lb_cookie", 120, true);

        assertThat(ATTRIBUTES.toAws(desired, List.of("idleTimeoutSeconds")))
                .containsExactly(Map.entry("idle_timeout.timeout_seconds", "120"));
    }

    private static Attributes attributes(String stickinessType, int idleTimeoutSeconds, boolean deletionProtection) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("stickinessType", stickinessType);
        values.put("idleTimeoutSeconds", idleTimeoutSeconds);
        values.put("deletionProtection", deletionProtection);
        return new Attributes(ALB, values);
    }
}
