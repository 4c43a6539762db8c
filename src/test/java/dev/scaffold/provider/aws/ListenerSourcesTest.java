package dev.scaffold.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.schema.Elbv2Types;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.ResourceStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListenerSourcesTest {

    private static final String PREFIX = "arn:aws:elasticloadbalancing:us-east-1:123456789012:";
    private static final String WEB = PREFIX + "loadbalancer/app/shop-web/1111";
    private static final String API = PREFIX + "loadbalancer/app/shop-api/2222";
    private static final String WEB_HTTPS = PREFIX + "listener/app/shop-web/1111/aaaa";
    private static final String WEB_HTTP = PREFIX + "listener/app/shop-web/1111/bbbb";
    private static final String API_HTTPS = PREFIX + "listener/app/shop-api/2222/cccc";

    @Test
    void aListenerNamesItsLoadBalancerInItsArn() {
        assertThat(ListenerSources.loadBalancerOf(WEB_HTTPS)).isEqualTo(WEB);
    }

    @Test
    void withoutListenersInTheTaggingReadEveryLoadBalancerOfTheStackIsAskedForItsListeners() {
        ListenerSources sources = ListenerSources.of(List.of(), List.of(WEB), List.of(known("api", API_HTTPS, API)));

        assertThat(sources.loadBalancers()).containsExactly(API, WEB);
        assertThat(sources.listeners()).as("known listeners are found under their load balancer").isEmpty();
    }

    @Test
    void listenersTheTaggingReadReturnsAreReadByArnAndTheirLoadBalancersAreNotListed() {
        ListenerSources sources = ListenerSources.of(List.of(WEB_HTTPS, API_HTTPS), List.of(WEB, API),
                List.of(known("web-https", WEB_HTTPS, WEB)));

        assertThat(sources.loadBalancers()).isEmpty();
        assertThat(sources.listeners()).containsExactly(API_HTTPS, WEB_HTTPS);
    }

    @Test
    void aKnownListenerMissingFromTheTaggingReadIsReadByArnWhenItsLoadBalancerIsNotListed() {
        ListenerSources sources = ListenerSources.of(List.of(WEB_HTTPS), List.of(WEB, API),
                List.of(known("web-http", WEB_HTTP, WEB)));

        assertThat(sources.loadBalancers()).as("a load balancer with no listener in the tagging read").containsExactly(API);
        assertThat(sources.listeners()).containsExactly(WEB_HTTPS, WEB_HTTP);
    }

    private static ResourceState known(String name, String arn, String loadBalancerArn) {
        return new ResourceState(ResourceAddress.of("loadBalancers", "web", "listener-" + name),
                Elbv2Types.LISTENER.name(), arn, arn, Map.of("loadBalancerArn", loadBalancerArn), Set.of(),
                ResourceStatus.OK);
    }
}
