package dev.scaffold.provider.aws;

import dev.scaffold.state.ResourceState;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Where a read finds the stack's listeners. The Resource Groups Tagging API returns listeners in AWS
 * (but not every API that speaks it does), and ELBv2 lists a load balancer's listeners only per load
 * balancer: so listeners the tagging read returned, and those the state knows, are described by ARN,
 * and a load balancer of the stack none of whose listeners the tagging read returned has its
 * listeners listed. A known listener under such a load balancer is found there, not asked for twice.
 *
 * @param loadBalancers the ARNs of the load balancers whose listeners are listed, sorted
 * @param listeners the ARNs of the listeners described by ARN, sorted
 */
record ListenerSources(SortedSet<String> loadBalancers, SortedSet<String> listeners) {

    ListenerSources {
        loadBalancers = Collections.unmodifiableSortedSet(new TreeSet<>(loadBalancers));
        listeners = Collections.unmodifiableSortedSet(new TreeSet<>(listeners));
    }

    /**
     * @param taggedListeners the ARNs of the listeners the tagging read returned
     * @param taggedLoadBalancers the ARNs of the load balancers the tagging read returned
     * @param known the state's listeners
     */
    static ListenerSources of(Collection<String> taggedListeners, Collection<String> taggedLoadBalancers,
                              Collection<ResourceState> known) {
        List<ResourceState> recorded = known.stream().filter(listener -> listener.physicalId() != null).toList();
        SortedSet<String> loadBalancers = new TreeSet<>(taggedLoadBalancers);
        recorded.forEach(listener -> loadBalancers.add(loadBalancerOf(listener)));
        taggedListeners.forEach(arn -> loadBalancers.remove(loadBalancerOf(arn)));
        SortedSet<String> listeners = new TreeSet<>(taggedListeners);
        for (ResourceState listener : recorded) {
            if (!loadBalancers.contains(loadBalancerOf(listener))) {
                listeners.add(listener.physicalId());
            }
        }
        return new ListenerSources(loadBalancers, listeners);
    }

    /**
     * The load balancer of a listener, from its ARN: ELBv2 names a listener
     * {@code …:listener/app/NAME/LB-ID/LISTENER-ID} under its load balancer {@code …:loadbalancer/app/NAME/LB-ID}.
     */
    static String loadBalancerOf(String listenerArn) {
        return listenerArn.substring(0, listenerArn.lastIndexOf('/')).replace(":listener/", ":loadbalancer/");
    }

    private static String loadBalancerOf(ResourceState listener) {
        return listener.attributes().get("loadBalancerArn") instanceof String arn ? arn
                : loadBalancerOf(listener.physicalId());
    }
}
