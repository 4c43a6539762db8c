package dev.scaffold.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.schema.Ec2Types;
import dev.scaffold.schema.StackTags;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.ResourceStatus;
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

        stack.add("sg-1", Fixtures.tags("shop", "prod", API), address -> observed(address, "sg-1"));

        assertThat(stack.result()).extracting(Observed::address).containsExactly(WEB);
    }

    @Test
    void aResourceOfTheStackIsFoundAtItsTaggedAddressWhateverItsLineageAndOthersAreIgnored() {
        StackResources stack = new StackResources(List.of(), ctx);

        stack.add("sg-2", Fixtures.tags("shop", "prod", API), address -> observed(address, "sg-2"));
        stack.add("sg-3", Fixtures.tags("shop", "staging", WEB), address -> observed(address, "sg-3"));
        stack.add("sg-4", Fixtures.tags("blog", "prod", WEB), address -> observed(address, "sg-4"));
        stack.add("sg-5", Map.of(StackTags.STACK, "shop", StackTags.ENVIRONMENT, "prod",
                StackTags.ADDRESS, "not an address"), address -> observed(address, "sg-5"));

        assertThat(stack.result()).extracting(Observed::physicalId).containsExactly("sg-2");
        assertThat(stack.result().get(0).address()).isEqualTo(API);
        assertThat(stack.belongs("sg-3", Fixtures.tags("shop", "staging", WEB))).isFalse();
    }

    @Test
    void twoResourcesTaggedWithOneAddressAreBothAnsweredForTheRefreshToSortOut() {
        StackResources stack = new StackResources(List.of(known(WEB, "sg-1")), ctx);

        stack.add("sg-9", Fixtures.tags("shop", "prod", WEB), address -> observed(address, "sg-9"));
        stack.add("sg-1", Fixtures.tags("shop", "prod", WEB), address -> observed(address, "sg-1"));

        assertThat(stack.result()).extracting(Observed::physicalId).containsExactly("sg-9", "sg-1");
        assertThat(stack.result()).extracting(Observed::address).containsOnly(WEB);
    }

    private static ResourceState known(ResourceAddress address, String id) {
        return new ResourceState(address, Ec2Types.SECURITY_GROUP.name(), id, null, Map.of(), Set.of(), ResourceStatus.OK);
    }

    private static Observed observed(ResourceAddress address, String id) {
        return new Observed(address, Ec2Types.SECURITY_GROUP.name(), id, null, Map.of(), Map.of());
    }
}
