package dev.scaffold.blueprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExampleBlueprintsTest {

    private final BlueprintLoader loader = new BlueprintLoader(Map.of());

    private Blueprint load(String file, String environment) {
        Map<String, String> vars = file.equals("load-balancer.yaml") ? Map.of() : Map.of("image", "ami-0abcdef1234567890");
        return loader.load(new LoadRequest(Path.of("blueprints", file), environment, vars, List.of()));
    }

    @ParameterizedTest
    @CsvSource(value = {"web-app.yaml,", "web-app.yaml,staging", "web-app.yaml,prod",
            "minimal.yaml,", "minimal.yaml,staging", "minimal.yaml,prod"})
    void exampleLoadsCleanlyInEveryEnvironment(String file, String environment) {
        Blueprint blueprint = load(file, environment);

        assertThat(blueprint.environment()).isEqualTo(environment);
        assertThat(blueprint.production()).isEqualTo("prod".equals(environment));
        assertThat(blueprint.services()).containsKey("app");
    }

    @Test
    void webAppHasEveryTierWithImportedBaseline() {
        Blueprint b = load("web-app.yaml", null);

        assertThat(b.name()).isEqualTo("shop");
        assertThat(b.tags()).containsExactly(Map.entry("team", "web"), Map.entry("managed-by", "scaffold"),
                Map.entry("cost-center", "4711"));
        assertThat(b.loadBalancers().get("web").algorithm()).isEqualTo(LoadBalancer.Algorithm.LEAST_OUTSTANDING_REQUESTS);
        assertThat(b.services().get("app").capacity()).isEqualTo(new Service.Capacity(2, 12, null));
        assertThat(b.services().get("app").instanceType()).isEqualTo("t3.small");
        assertThat(b.services().get("app").environment().get("DB_HOST").references())
                .containsExactly(new TierReference("databases", "main", "endpoint"));
        assertThat(b.databases().get("main").allowFrom()).containsExactly(new TierName("services", "app"));
        assertThat(b.caches().get("sessions").engine()).isEqualTo(Cache.Engine.REDIS);
        assertThat(b.cdn().get("site").origin()).isEqualTo(new TierName("loadBalancers", "web"));
        assertThat(b.backups().get("nightly").resources()).containsExactly(new TierName("databases", "main"));
        assertThat(b.monitoring().notifyEmail().literal()).isEqualTo("ops@shop.example.com");
        assertThat(b.state().kind()).isEqualTo(StateBackend.Kind.S3);
        assertThat(b.moved()).containsExactly(new Move(new TierName("databases", "orders"), new TierName("databases", "main")));
        assertThat(b.file()).isEqualTo(Path.of("blueprints", "web-app.yaml"));
    }

    @Test
    void stagingOverridesVariablesAndTiers() {
        Blueprint b = load("web-app.yaml", "staging");

        assertThat(b.services().get("app").instanceType()).isEqualTo("t3.micro");
        assertThat(b.services().get("app").capacity()).isEqualTo(new Service.Capacity(1, 3, null));
        assertThat(b.databases().get("main").multiAz()).isFalse();
        assertThat(b.databases().get("main").readReplicas()).isZero();
        assertThat(b.databases().get("main").engine()).isEqualTo(Database.Engine.POSTGRES);
        assertThat(b.policy().waivers()).extracting(Waiver::rule).containsExactly("SCF-RDS-004");
    }

    @Test
    void minimalGetsSecureDefaults() {
        Blueprint b = load("minimal.yaml", null);

        LoadBalancer web = b.loadBalancers().get("web");
        assertThat(web.redirectHttp()).isTrue();
        assertThat(web.https().tlsPolicy()).isEqualTo("ELBSecurityPolicy-TLS13-1-2-2021-06");
        assertThat(web.healthCheck().path()).isEqualTo("/");
        assertThat(web.algorithm()).isEqualTo(LoadBalancer.Algorithm.ROUND_ROBIN);
        assertThat(b.services().get("app").port()).isEqualTo(8080);
        assertThat(b.state()).isEqualTo(new StateBackend(StateBackend.Kind.LOCAL, null, null, null));
        assertThat(b.network().usesDefaultVpc()).isTrue();
        assertThat(b.monitoring()).isNull();
    }
}
