package dev.scaffold.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefTest {

    private static final ResourceAddress SUBNETS = ResourceAddress.of("network", "main", "subnets");
    private static final Map<String, Object> LOOKED_UP = Map.of("availabilityZones", List.of("a", "b", "c"));

    @Test
    void aSpreadNamesTheElementCountedAroundTheListSoAnyNumberSpreadsOverAnyLength() {
        List<Object> zones = List.of(0, 1, 2, 3, 4).stream()
                .map(i -> Ref.valueIn(LOOKED_UP, Ref.spread(SUBNETS, "availabilityZones", i).attribute())).toList();

        assertThat(zones).containsExactly("a", "b", "c", "a", "b");
        assertThat(Ref.spread(SUBNETS, "availabilityZones", 4)).hasToString("${network.main.subnets.availabilityZones[4]}");
    }

    @Test
    void anElementOfAnEmptyOrMissingListOrOfAValueNoListHasNoValue() {
        assertThat(Ref.valueIn(Map.of("availabilityZones", List.of()), "availabilityZones[0]")).isNull();
        assertThat(Ref.valueIn(Map.of("vpcId", "vpc-1"), "vpcId[0]")).isNull();
        assertThat(Ref.valueIn(LOOKED_UP, "subnetIds[0]")).isNull();
        assertThat(Ref.valueIn(Map.of("vpcId", "vpc-1"), "vpcId")).isEqualTo("vpc-1");
    }
}
