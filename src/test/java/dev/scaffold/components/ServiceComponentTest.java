package dev.scaffold.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.ScaffoldException;
import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.blueprint.BlueprintException;
import dev.scaffold.blueprint.BlueprintLoader;
import dev.scaffold.blueprint.LoadRequest;
import dev.scaffold.graph.Interpolation;
import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service tier as the loader reads it: its servers' resources, their secure defaults and their user data. */
class ServiceComponentTest {

    private static final ResourceAddress SECURITY_GROUP = ResourceAddress.parse("services.app.security-group");
    private static final ResourceAddress ROLE = ResourceAddress.parse("services.app.role");
    private static final ResourceAddress LOG_GROUP = ResourceAddress.parse("services.app.log-group");
    private static final ResourceAddress TEMPLATE = ResourceAddress.parse("services.app.launch-template");
    private static final ResourceAddress GROUP = ResourceAddress.parse("services.app.group");
    private static final ResourceAddress POLICY = ResourceAddress.parse("services.app.scaling-policy");

    @TempDir
    Path dir;

    @Test
    void theServersAreReachableOnlyFromTheirLoadBalancerAndCarryNoPublicIpOrInstanceMetadataV1() throws IOException {
        Map<ResourceAddress, ResourceSpec> specs = expand("""
                services:
                  app: { loadBalancer: web, port: 8080, image: ami-0abcdef1234567890, instanceType: t3.small,
                         capacity: { min: 2, max: 6 }, logRetentionDays: 90 }
                """);

        assertThat(specs.get(SECURITY_GROUP).attributes().get("ingress")).isEqualTo(List.of(Map.of("protocol", "tcp",
                "fromPort", 8080, "toPort", 8080, "sourceSecurityGroupId",
                new Ref(ResourceAddress.parse("loadBalancers.web.security-group"), "id"))));
        assertThat(specs.get(TEMPLATE).attributes()).containsEntry("metadataHttpTokens", "required")
                .containsEntry("metadataHopLimit", 1).containsEntry("rootVolumeEncrypted", true)
                .containsEntry("associatePublicIp", false).containsEntry("imageId", "ami-0abcdef1234567890")
                .doesNotContainKey("userData");
        assertThat(specs.get(GROUP).attributes()).containsEntry("minSize", 2).containsEntry("maxSize", 6)
                .containsEntry("healthCheckType", "ELB")
                .containsEntry("targetGroupArns", List.of(new Ref(ResourceAddress.parse("loadBalancers.web.target-group"), "arn")))
                .containsEntry("launchTemplateVersion", new Ref(TEMPLATE, "latestVersion"))
                .containsEntry("rollingUpdate", Map.of("minHealthyPercent", 90));
        assertThat(specs.get(LOG_GROUP).attributes()).containsEntry("name", "/scaffold/shop/app")
                .containsEntry("retentionDays", 90).containsEntry("kmsKeyArn", new Ref(StackKeyComponent.KEY, "arn"));
        assertThat(specs.get(POLICY).attributes()).containsEntry("metric", "ASGAverageCPUUtilization")
                .containsEntry("targetValue", 60.0);
    }

    @Test
    void theRoleMayRunSystemsManagersAgentAndWriteItsOwnLogGroupAndNothingElse() throws IOException {
        Map<String, Object> role = expand("services: { app: { loadBalancer: web, image: ami-0abcdef1234567890 } }")
                .get(ROLE).attributes();

        assertThat(role.get("managedPolicyArns")).isEqualTo(List.of(Interpolation.of("arn:",
                new Ref(StackKeyComponent.ACCOUNT, "partition"), ":iam::aws:policy/AmazonSSMManagedInstanceCore")));
        assertThat(role.get("inlinePolicies").toString())
                .contains("logs:CreateLogStream, logs:PutLogEvents, logs:DescribeLogStreams")
                .contains("${services.app.log-group.arn}, ${services.app.log-group.arn}:log-stream:*");
        assertThat(role.get("name").toString()).isEqualTo("shop-app-${stack.main.account.region}");
    }

    @Test
    void userDataIsRenderedWithTheEnvironmentAndAValueKnownOnlyAfterApplyStandsInItAsARef() throws IOException {
        Files.writeString(dir.resolve("app.sh.ftl"), """
                #!/bin/sh
                <#list env as name, value>
                export ${name}="${value}"
                </#list>
                echo ${service.name} on ${service.port}
                """);
        Map<ResourceAddress, ResourceSpec> specs = expand("""
                services:
                  app:
                    loadBalancer: web
                    image: ami-0abcdef1234567890
                    userData: app.sh.ftl
                    environment: { MODE: live, PUBLIC_URL: "https://${loadBalancers.web.dnsName}/" }
                """);

        Object userData = specs.get(TEMPLATE).attributes().get("userData");
        assertThat(userData).isEqualTo(Interpolation.of("#!/bin/sh\nexport MODE=\"live\"\nexport PUBLIC_URL=\"https://",
                new Ref(ResourceAddress.parse("loadBalancers.web.alb"), "dnsName"), "/\"\necho app on 8080\n"));
        assertThat(specs.get(TEMPLATE).dependencies()).contains(ResourceAddress.parse("loadBalancers.web.alb"));
    }

    @Test
    void aTemplateThatDoesNotRenderIsTheBlueprintsErrorWithItsFileAndLine() throws IOException {
        Files.writeString(dir.resolve("broken.sh.ftl"), "#!/bin/sh\necho ${nowhere.to.be.found}\n");

        assertThatThrownBy(() -> expand("""
                services: { app: { loadBalancer: web, image: ami-0abcdef1234567890, userData: broken.sh.ftl } }
                """))
                .isInstanceOfSatisfying(ScaffoldException.class,
                        e -> assertThat(e.kind()).isEqualTo(ScaffoldException.Kind.INVALID_INPUT))
                .hasMessageContaining("broken.sh.ftl:2:")
                .hasMessageContaining("services.app.userData")
                .hasMessageContaining("nowhere");
    }

    @Test
    void aTemplateThatDoesNotExistIsRefusedWhenTheBlueprintIsLoadedWhereItIsNamed() {
        assertThatThrownBy(() -> expand("""
                services: { app: { loadBalancer: web, image: ami-0abcdef1234567890, userData: missing.sh.ftl } }
                """))
                .isInstanceOfSatisfying(BlueprintException.class, e -> assertThat(e.diagnostics()).singleElement()
                        .satisfies(problem -> {
                            assertThat(problem.code()).isEqualTo("missing-file");
                            assertThat(problem.toString()).contains("blueprint.yaml:5:").contains("'missing.sh.ftl'");
                        }));
    }

    @Test
    void aReferenceToATierScaffoldDoesNotProvisionYetIsLeftOutAndTheUserTold() throws IOException {
        Path file = dir.resolve("blueprint.yaml");
        Files.writeString(file, """
                blueprint: shop
                region: us-east-1
                loadBalancers:
                  web: { healthCheck: { path: /health } }
                services:
                  app: { loadBalancer: web, image: ami-0abcdef1234567890,
                         environment: { MODE: live, CDN: "${cdn.site.domainName}" } }
                cdn:
                  site: { origin: loadBalancers.web }
                """);

        Expansion expansion = new Components().expansion(new BlueprintLoader(Map.of()).load(LoadRequest.of(file)));

        assertThat(expansion.notices()).contains("services.app.environment.CDN refers to ${cdn.site.domainName},"
                + " which is not provisioned yet: it is left out");
        assertThat(expansion.resources()).filteredOn(spec -> spec.address().equals(TEMPLATE)).singleElement()
                .satisfies(spec -> assertThat(spec.attributes().get("userData").toString())
                        .contains("MODE=live").doesNotContain("CDN="));
    }

    @Test
    void scalingOnRequestsTracksTheLoadBalancersRequestsPerServer() throws IOException {
        Map<String, Object> policy = expand("""
                services: { app: { loadBalancer: web, image: ami-0abcdef1234567890, scaleOn: { requestsPerTarget: 500 } } }
                """).get(POLICY).attributes();

        assertThat(policy).containsEntry("metric", "ALBRequestCountPerTarget").containsEntry("targetValue", 500)
                .containsEntry("loadBalancerArn", new Ref(ResourceAddress.parse("loadBalancers.web.alb"), "arn"))
                .containsEntry("targetGroupArn", new Ref(ResourceAddress.parse("loadBalancers.web.target-group"), "arn"));
    }

    private Map<ResourceAddress, ResourceSpec> expand(String services) throws IOException {
        Path file = dir.resolve("blueprint.yaml");
        Files.writeString(file, """
                blueprint: shop
                region: us-east-1
                loadBalancers:
                  web: { healthCheck: { path: /health } }
                """ + services);
        Blueprint blueprint = new BlueprintLoader(Map.of()).load(LoadRequest.of(file));
        return new Components().expand(blueprint).stream()
                .collect(Collectors.toMap(ResourceSpec::address, Function.identity()));
    }
}
