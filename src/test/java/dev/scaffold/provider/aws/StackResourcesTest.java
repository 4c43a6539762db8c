package dev.scaffold.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.schema.Ec2Types;
import dev.scaffold.schema.StackTags;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.ResourceStatus;
import dev.scaffold.testing.CapturedLogs;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StackResourcesTest {

    private static final ResourceAddress WEB = ResourceAddress.parse("loadBalancers.web.security-group");
    private static final ResourceAddress API = ResourceAddress.parse("loadBalancers.api.security-group");

    private final ReadContext ctx = new ReadContext("shop", "prod");

    @Test
    void knownResourceKeepsItsStateAddressWhateverItsTagsSay() {
        StackResources stack = new StackResources(List.of(known(WEB, "sg-1")), ctx);

        assertThat(stack.addressOf("sg-1", Fixtures.tags("shop", "prod", API))).isEqualTo(WEB);
    }

    @Test
    void aResourceOfTheStackIsAtItsTaggedAddressWhateverItsLineageAndOthersAreNot() {
        StackResources stack = new StackResources(List.of(), ctx);

        assertThat(stack.addressOf("sg-2", Fixtures.tags("shop", "prod", API))).isEqualTo(API);
        assertThat(stack.addressOf("sg-3", Fixtures.tags("shop", "staging", WEB))).isNull();
        assertThat(stack.addressOf("sg-4", Fixtures.tags("blog", "prod", WEB))).isNull();
        try (CapturedLogs logs = CapturedLogs.of(StackResources.class)) {
            assertThat(stack.addressOf("sg-5", Map.of(StackTags.STACK, "shop", StackTags.ENVIRONMENT, "prod",
                    StackTags.ADDRESS, "not an address"))).isNull();
            assertThat(logs.lines()).containsExactly("WARN ignoring a resource of stack shop whose scaffold:address"
                    + " tag 'not an address' is not an address");
        }
    }

    @Test
    void knownIdsAndTaggedOnesAreDescribedTogether() {
        StackResources stack = new StackResources(List.of(known(WEB, "sg-1")), ctx);

        assertThat(stack.toDescribe(List.of("sg-9", "sg-1"))).containsExactly("sg-1", "sg-9");
    }

    private static ResourceState known(ResourceAddress address, String id) {
        return new ResourceState(address, Ec2Types.SECURITY_GROUP.name(), id, null, Map.of(), Set.of(), ResourceStatus.OK);
    }

    private static Observed observed(ResourceAddress address, String id) {
        return new Observed(address, Ec2Types.SECURITY_GROUP.name(), id, null, Map.of(), Map.of());
    }
}
