package dev.scaffold.components;

import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.blueprint.LoadBalancer;
import dev.scaffold.blueprint.Network;
import dev.scaffold.blueprint.Service;
import dev.scaffold.blueprint.TierName;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loaded blueprints for component tests, built as the loader would leave them: defaults filled in. */
final class Blueprints {

    static final String CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0b6c2f1e";
    static final String TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

    private Blueprints() {
    }

    static LoadBalancer https(String name, LoadBalancer.Algorithm algorithm) {
        return new LoadBalancer(name, algorithm, new LoadBalancer.Https(CERTIFICATE, TLS_POLICY, null), true,
                new LoadBalancer.HealthCheck("/health", 15, 2, 3), null, 60);
    }

    static LoadBalancer plainHttp(String name) {
        return new LoadBalancer(name, LoadBalancer.Algorithm.ROUND_ROBIN, null, false,
                new LoadBalancer.HealthCheck("/", 30, 5, 2), null, 60);
    }

    static Service service(String name, String loadBalancer, int port) {
        return new Service(name, loadBalancer == null ? null : new TierName("loadBalancers", loadBalancer), port,
                "ami-1e749f67", "t3.small", new Service.Capacity(2, 4, null),
                new Service.ScaleOn(60.0, null), null, Map.of(),
                new Service.Deploy(Service.Deploy.Strategy.ROLLING, 90), 30);
    }

    static Blueprint blueprint(String environment, boolean production, Network network,
                               List<LoadBalancer> loadBalancers, List<Service> services) {
        return blueprint("shop", environment, production, network, loadBalancers, services);
    }

    static Blueprint blueprint(String stack, String environment, boolean production, Network network,
                               List<LoadBalancer> loadBalancers, List<Service> services) {
        Map<String, LoadBalancer> lbs = new LinkedHashMap<>();
        loadBalancers.forEach(lb -> lbs.put(lb.name(), lb));
        Map<String, Service> svcs = new LinkedHashMap<>();
        services.forEach(s -> svcs.put(s.name(), s));
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("team", "web");
        tags.put("cost-center", "4711");
        return new Blueprint(stack, "us-east-1", tags, environment, production, Map.of(), network, lbs, svcs,
                Map.of(), Map.of(), Map.of(), Map.of(), null, null, null, List.of(), Path.of("blueprint.yaml"));
    }
}
