package dev.scaffold.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.provider.Observed;
import dev.scaffold.provider.ReadContext;
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

        stack.add("sg-1", Map.of(), address -> observed(address, "sg-1"));

        assertThat(stack.result()).containsOnlyKeys(WEB);
    }

    @Test
    void orphanNeedsStackEnvironmentAndAddressTags() {
        StackResources stack = new StackResources(List.of(), ctx);

        stack.add("sg-2", Fixtures.tags("shop", "prod", API), address -> observed(address, "sg-2"));
        stack.add("sg-3", Fixtures.tags("shop", "staging", WEB), address -> observed(address, "sg-3"));
        stack.add("sg-4", Fixtures.tags("blog", "prod", WEB), address -> observed(address, "sg-4"));
        stack.add("sg-5", Map.of(ReadContext.STACK_TAG, "shop", ReadContext.ENV_TAG, "prod",
                ReadContext.ADDRESS_TAG, "not an address"), address -> observed(address, "sg-5"));

        assertThat(stack.result()).containsOnlyKeys(API);
        assertThat(stack.result().get(API).physicalId()).isEqualTo("sg-2");
    }

    @Test
    void orphanTaggedWithAnAddressTheStateHoldsDoesNotDisplaceTheKnownResource() {
        StackResources stack = new StackResources(List.of(known(WEB, "sg-1")), ctx);

        stack.add("sg-9", Fixtures.tags("shop", "prod", WEB), address -> observed(address, "sg-9"));
        stack.add("sg-1", Fixtures.tags("shop", "prod", WEB), address -> observed(address, "sg-1"));

        assertThat(stack.result().get(WEB).physicalId()).isEqualTo("sg-1");
    }

    @Test
    void orphanTaggedWithAnAddressTheStateHoldsIsALeftoverKeptAsDeposed() {
        StackResources stack = new StackResources(List.of(known(WEB, "sg-1")), ctx);

        stack.add("sg-1", Fixtures.tags("shop", "prod", WEB), address -> observed(address, "sg-1"));
        stack.add("sg-9", Fixtures.tags("shop", "prod", WEB), address -> observed(address, "sg-9"));

        assertThat(stack.result()).containsOnlyKeys(WEB, WEB.deposed("sg-9"));
        assertThat(stack.result().get(WEB.deposed("sg-9")).physicalId()).isEqualTo("sg-9");
        assertThat(stack.result().get(WEB.deposed("sg-9")).address()).isEqualTo(WEB.deposed("sg-9"));
    }

    @Test
    void theOldAndNewResourceOfAnUnfinishedReplaceAreBothFoundWhereTheStateKeepsThem() {
        ResourceAddress deposed = WEB.deposed("sg-1");
        StackResources stack = new StackResources(List.of(known(WEB, "sg-2"), known(deposed, "sg-1")), ctx);

        stack.add("sg-1", Fixtures.tags("shop", "prod", WEB), address -> observed(address, "sg-1"));
        stack.add("sg-2", Fixtures.tags("shop", "prod", WEB), address -> observed(address, "sg-2"));

        assertThat(stack.result()).containsOnlyKeys(WEB, deposed);
        assertThat(stack.result().get(WEB).physicalId()).isEqualTo("sg-2");
        assertThat(stack.result().get(deposed).physicalId()).isEqualTo("sg-1");
    }

    @Test
    void orphanFillsTheAddressOfAKnownResourceThatIsGone() {
        StackResources stack = new StackResources(List.of(known(WEB, "sg-gone")), ctx);

        stack.add("sg-9", Fixtures.tags("shop", "prod", WEB), address -> observed(address, "sg-9"));

        assertThat(stack.result().get(WEB).physicalId()).isEqualTo("sg-9");
    }

    private static ResourceState known(ResourceAddress address, String id) {
        return new ResourceState(address, SecurityGroupHandler.TYPE, id, null, Map.of(), Set.of(), ResourceStatus.OK);
    }

    private static Observed observed(ResourceAddress address, String id) {
        return new Observed(address, SecurityGroupHandler.TYPE, id, null, Map.of(), Map.of());
    }
}
