package dev.scaffold.graph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourceAddressTest {

    private static final ResourceAddress GROUP = ResourceAddress.parse("loadBalancers.web.target-group");

    @Test
    void aDeposedAddressNamesItsResourceAndReadsBackFromTheState() {
        ResourceAddress deposed = GROUP.deposed("arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/shop-web-80/1");

        assertThat(deposed.isDeposed()).isTrue();
        assertThat(deposed.current()).isEqualTo(GROUP);
        assertThat(ResourceAddress.parse(deposed.toString())).isEqualTo(deposed);
        assertThat(deposed.toString()).matches("loadBalancers\\.web\\.target-group--deposed-[0-9a-f]{8}");
    }

    @Test
    void oldObjectsOfOneResourceGetDistinctDeposedAddresses() {
        assertThat(GROUP.deposed("tg-1")).isEqualTo(GROUP.deposed("tg-1")).isNotEqualTo(GROUP.deposed("tg-2"));
        assertThat(GROUP.isDeposed()).isFalse();
        assertThat(GROUP.current()).isEqualTo(GROUP);
    }

    @Test
    void anIndexedResourceKeepsItsIndexWhenDeposed() {
        ResourceAddress replica = ResourceAddress.parse("databases.main.replica[1]");

        assertThat(replica.deposed("db-1").current()).isEqualTo(replica);
        assertThat(replica.deposed("db-1").index()).isEqualTo(1);
    }
}
