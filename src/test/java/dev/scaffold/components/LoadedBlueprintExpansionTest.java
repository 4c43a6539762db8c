package dev.scaffold.components;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.blueprint.BlueprintLoader;
import dev.scaffold.blueprint.LoadRequest;
import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expansion of blueprints as the loader reads them from YAML, defaults and environments applied. */
class LoadedBlueprintExpansionTest {

    private final Components components = new Components();

    @Test
    void blueprintWithACertificateExpandsWithTheEnvironmentInNamesTagsAndProtection(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("blueprint.yaml");
        Files.writeString(file, """
                blueprint: shop
                region: us-east-1
                tags: { team: web }
                loadBalancers:
                  web:
                    algorithm: sticky
                    https: { certificate: "arn:aws:acm:us-east-1:123456789012:certificate/abc" }
                services:
                  app: { loadBalancer: web, port: 8080, image: ami-0abcdef1234567890 }
                environments:
                  prod: { production: true }
                """);
        Blueprint prod = new BlueprintLoader(Map.of())
                .load(new LoadRequest(file, "prod", Map.of(), List.of()));

        List<ResourceSpec> specs = components.expand(prod);

        assertThat(specs).extracting(spec -> spec.address().toString()).containsExactly(
                "network.main.vpc", "network.main.subnets", "stack.main.account", "stack.main.key",
                "loadBalancers.web.security-group", "loadBalancers.web.alb", "loadBalancers.web.target-group",
                "loadBalancers.web.listener-https", "loadBalancers.web.listener-http",
                "services.app.security-group", "services.app.role", "services.app.instance-profile",
                "services.app.log-group", "services.app.launch-template", "services.app.group",
                "services.app.scaling-policy");
        ResourceSpec alb = specs.get(5);
        assertThat(alb.attributes()).containsEntry("name", "shop-prod-web").containsEntry("deletionProtection", true);
        assertThat(alb.tags()).containsEntry("scaffold:env", "prod").containsEntry("team", "web");
        assertThat(specs.get(6).attributes()).containsEntry("port", 8080).containsEntry("stickinessEnabled", true);
        assertThat(specs.get(8).attributes().get("defaultAction")).isEqualTo(LoadBalancerComponent.REDIRECT_TO_HTTPS);
        assertThat(specs.get(7).attributes().get("defaultAction")).isEqualTo(Map.of("type", "forward",
                "targetGroupArn", new Ref(ResourceAddress.parse("loadBalancers.web.target-group"), "arn")));
    }

    @Test
    void theShippedMinimalBlueprintExpandsWithACertificateByDomainAndItsService() {
        Blueprint minimal = new BlueprintLoader(Map.of()).load(new LoadRequest(Path.of("blueprints/minimal.yaml"),
                null, Map.of("image", "ami-0abcdef1234567890"), List.of()));

        assertThat(components.expand(minimal)).extracting(spec -> spec.address().toString())
                .contains("loadBalancers.web.certificate", "services.app.group");
    }
}
