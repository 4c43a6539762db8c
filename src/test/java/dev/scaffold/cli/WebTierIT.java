package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.Clients;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.FaultInjectingProxy;
import dev.scaffold.testing.StackInEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;
import software.amazon.awssdk.services.kms.KmsAsyncClient;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;

/**
 * The web tier end to end, as a user drives it against the emulator: a load balancer with a certificate requested
 * by domain and a rate limit, and a service behind it, applied with every secure default checked through the SDK,
 * planned again with no changes, changed in place, destroyed clean. The emulator has no instance refreshes
 * ({@code EmulatorGaps.INSTANCE_REFRESHES_MISSING}), so the service rolls out with {@code deploy: none} here; the
 * rolling refresh is tested on a scripted client ({@code AutoScalingGroupRollingUpdateTest}).
 */
@ExtendWith(AwsEmulator.class)
class WebTierIT {

    /** An image the emulator has; in AWS, the user's own. */
    private static final String IMAGE = "ami-1e749f67";
    private static final String SECRET = "TOPSECRET-api-token-7";

    @TempDir
    Path dir;

    private EmulatorTarget emulator;
    private AwsClients aws;
    private Path blueprint;
    private String stack;

    @BeforeEach
    void writeBlueprint(EmulatorTarget emulator, AwsClients aws) throws Exception {
        this.emulator = emulator;
        this.aws = aws;
        this.stack = StackInEmulator.uniqueName("web", dir);
        Files.writeString(dir.resolve("app.sh.ftl"), """
                #!/bin/sh
                <#list env as name, value>
                export ${name}='${value}'
                </#list>
                """);
        this.blueprint = write("t3.micro", 3);
    }

    @Test
    void theWebTierAppliesWithItsSecureDefaultsPlansEmptyChangesInPlaceAndDestroysClean() throws Exception {
        CommandLineRun apply = scaffold("apply", "--auto-approve");
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
        assertThat(apply.out()).contains("Apply complete: 16 done, 0 failed");
        assertThat(scaffold("plan", "--detailed-exitcode").exitCode()).as("the next plan is empty").isZero();

        LaunchTemplateVersion template = launchTemplateVersion();
        ResponseLaunchTemplateData data = template.launchTemplateData();
        assertThat(data.metadataOptions().httpTokensAsString()).isEqualTo("required");
        assertThat(data.metadataOptions().httpPutResponseHopLimit()).isEqualTo(1);
        assertThat(data.blockDeviceMappings()).singleElement().satisfies(root -> assertThat(root.ebs().encrypted()).isTrue());
        assertThat(data.networkInterfaces()).singleElement()
                .satisfies(nic -> assertThat(nic.associatePublicIpAddress()).isFalse());
        assertThat(new String(Base64.getDecoder().decode(data.userData()), StandardCharsets.UTF_8))
                .as("the secret reaches the servers").contains("export API_TOKEN='" + SECRET + "'");
        AutoScalingGroup group = group();
        assertThat(group.minSize()).isEqualTo(1);
        assertThat(group.maxSize()).isEqualTo(3);
        assertThat(group.healthCheckType()).isEqualTo("ELB");
        assertThat(group.targetGroupARNs()).singleElement().asString().contains(":targetgroup/" + stack + "-web-8080/");
        assertThat(Clients.autoscaling(aws).describePolicies(r -> r.autoScalingGroupName(stack + "-app")).join()
                .scalingPolicies()).singleElement().satisfies(policy -> {
                    assertThat(policy.targetTrackingConfiguration().predefinedMetricSpecification()
                            .predefinedMetricTypeAsString()).isEqualTo("ASGAverageCPUUtilization");
                    assertThat(policy.targetTrackingConfiguration().targetValue()).isEqualTo(55.0);
                });
        String alb = StackInEmulator.loadBalancerArns(aws, stack).get(0);
        assertThat(Clients.wafv2(aws).getWebACLForResource(r -> r.resourceArn(alb)).join().webACL().rules())
                .anySatisfy(rule -> assertThat(rule.statement().rateBasedStatement().limit()).isEqualTo(2000L));
        assertThat(Clients.logs(aws).describeLogGroups(r -> r.logGroupNamePrefix("/scaffold/" + stack + "/")).join()
                .logGroups()).singleElement().satisfies(logGroup -> {
                    assertThat(logGroup.logGroupName()).isEqualTo("/scaffold/" + stack + "/app");
                    assertThat(logGroup.retentionInDays()).isEqualTo(14);
                    assertThat(logGroup.kmsKeyId()).contains(":key/");
                });
        String role = stack + "-app-us-east-1";
        assertThat(Clients.iam(aws).listAttachedRolePolicies(r -> r.roleName(role)).join().attachedPolicies())
                .extracting(policy -> policy.policyArn())
                .containsExactly("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
        assertThat(Clients.iam(aws).listRolePolicies(r -> r.roleName(role)).join().policyNames())
                .containsExactly("write-own-logs");
        assertThat(keyOfTheStack().keyRotation()).isTrue();

        write("t3.small", 3);
        CommandLineRun newType = scaffold("plan");
        assertThat(newType.out()).contains("~ services.app.launch-template (AWS::EC2::LaunchTemplate)")
                .contains("~ instanceType: \"t3.micro\" → \"t3.small\"")
                .contains("~ services.app.group (AWS::AutoScaling::AutoScalingGroup)")
                .contains("Plan: 0 to add, 2 to change, 0 to replace, 0 to destroy.");
        assertThat(scaffold("apply", "--auto-approve").exitCode()).isZero();
        assertThat(group().launchTemplate().version()).isEqualTo("2");
        assertThat(scaffold("plan", "--detailed-exitcode").exitCode()).isZero();

        write("t3.small", 6);
        assertThat(scaffold("plan").out()).contains("~ maxSize: 3 → 6")
                .contains("Plan: 0 to add, 1 to change, 0 to replace, 0 to destroy.")
                .doesNotContain("services.app.launch-template will");

        CommandLineRun destroy = scaffold("destroy", "--auto-approve");
        assertThat(destroy.exitCode()).as(destroy.out() + destroy.err()).isZero();
        assertThat(taggedWithTheStack()).as("a KMS key waits 7 days, pending deletion, before AWS deletes it")
                .allSatisfy(resource -> assertThat(resource.resourceARN()).contains(":kms:"));
        assertThat(keyOfTheStack().state()).isEqualTo(KeyState.PENDING_DELETION);
        assertThat(Clients.autoscaling(aws).describeAutoScalingGroups(r -> r.autoScalingGroupNames(stack + "-app"))
                .join().autoScalingGroups()).isEmpty();
    }

    @Test
    void aSensitiveValueInAServicesEnvironmentNeverReachesAPlanTheStateOrALog() throws Exception {
        Path saved = dir.resolve("web.plan");
        List<CommandLineRun> runs = List.of(
                scaffold("plan", "--out", saved.toString(), "-vvv"),
                scaffold("plan", "--json"),
                // A saved plan holds no sensitive value: apply takes it again from the environment.
                onTheEmulator(Map.of("SCAFFOLD_VAR_apiToken", SECRET), List.of("apply", saved.toString(), "-vv",
                        "--debug-http")));

        assertThat(runs.get(2).exitCode()).as(runs.get(2).err()).isZero();
        for (CommandLineRun run : runs) {
            assertThat(run.out() + run.err()).doesNotContain(SECRET);
        }
        assertThat(Files.readString(saved)).doesNotContain(SECRET);
        assertThat(Files.readString(dir.resolve(".scaffold").resolve(stack + ".state.json"))).doesNotContain(SECRET);
        assertThat(scaffold("destroy", "--auto-approve").exitCode()).isZero();
    }

    @Test
    void createsWhoseAnswersAreLostLeaveExactlyOneLaunchTemplateGroupAndKey() throws Exception {
        CommandLineRun apply;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint())) {
            // As AWS does: a launch template's client token answers its retry with the template made; a group's
            // retry meets AlreadyExists; CreateKey is not retried, its key found again by its tags.
            proxy.replayLostAnswersOf(Set.of("CreateLaunchTemplate"));
            proxy.inject("CreateLaunchTemplate", FaultInjectingProxy.Fault.LOST_RESPONSE);
            proxy.inject("CreateAutoScalingGroup", FaultInjectingProxy.Fault.LOST_RESPONSE);
            proxy.answer("CreateAutoScalingGroup", 400, "AlreadyExists", "AutoScalingGroup by this name already exists");
            proxy.inject("CreateKey", FaultInjectingProxy.Fault.LOST_RESPONSE);

            apply = CommandLineRun.of(Map.of(), "apply", "--auto-approve", "-f", blueprint.toString(),
                    "--endpoint-url", proxy.endpoint().toString());

            assertThat(proxy.injected()).contains("LOST_RESPONSE CreateLaunchTemplate", "LOST_RESPONSE CreateKey",
                    "LOST_RESPONSE CreateAutoScalingGroup");
        }

        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
        assertThat(Clients.ec2(aws).describeLaunchTemplates(r -> r.filters(f -> f.name("tag:scaffold:stack")
                .values(stack))).join().launchTemplates()).hasSize(1);
        assertThat(Clients.autoscaling(aws).describeAutoScalingGroups(r -> r.autoScalingGroupNames(stack + "-app"))
                .join().autoScalingGroups()).hasSize(1);
        assertThat(taggedWithTheStack()).filteredOn(resource -> resource.resourceARN().contains(":kms:")).hasSize(1);
        assertThat(scaffold("plan", "--detailed-exitcode").exitCode()).isZero();
        assertThat(scaffold("destroy", "--auto-approve").exitCode()).isZero();
    }

    private Path write(String instanceType, int max) throws Exception {
        return Files.writeString(dir.resolve("blueprint.yaml"), """
                blueprint: %s
                region: us-east-1
                variables:
                  apiToken: { type: string, sensitive: true, default: %s }
                loadBalancers:
                  web:
                    https: { domain: %s.example.com }
                    healthCheck: { path: /health }
                    rateLimit: { requestsPer5Minutes: 2000 }
                services:
                  app:
                    loadBalancer: web
                    port: 8080
                    image: %s
                    instanceType: %s
                    capacity: { min: 1, max: %d }
                    scaleOn: { cpuPercent: 55 }
                    logRetentionDays: 14
                    deploy: { strategy: none }
                    userData: app.sh.ftl
                    environment: { API_TOKEN: "${var.apiToken}", PUBLIC_URL: "https://${loadBalancers.web.dnsName}" }
                """.formatted(stack, SECRET, stack, IMAGE, instanceType, max));
    }

    /** scaffold on this test's blueprint, against the emulator. */
    private CommandLineRun scaffold(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-f", blueprint.toString()));
        return onTheEmulator(Map.of(), all);
    }

    private CommandLineRun onTheEmulator(Map<String, String> environment, List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--endpoint-url", emulator.endpoint().toString()));
        return CommandLineRun.of(environment, all.toArray(String[]::new));
    }

    private LaunchTemplateVersion launchTemplateVersion() {
        return Clients.ec2(aws).describeLaunchTemplateVersions(r -> r.launchTemplateName(stack + "-app")
                .versions("$Default")).join().launchTemplateVersions().get(0);
    }

    private AutoScalingGroup group() {
        return Clients.autoscaling(aws).describeAutoScalingGroups(r -> r.autoScalingGroupNames(stack + "-app")).join()
                .autoScalingGroups().get(0);
    }

    private record Key(boolean keyRotation, KeyState state) {
    }

    private Key keyOfTheStack() {
        String arn = taggedWithTheStack().stream().map(ResourceTagMapping::resourceARN)
                .filter(resource -> resource.contains(":kms:")).findFirst().orElseThrow();
        KmsAsyncClient kms = Clients.kms(aws);
        KeyState state = kms.describeKey(r -> r.keyId(arn)).join().keyMetadata().keyState();
        boolean rotation = state == KeyState.ENABLED && kms.getKeyRotationStatus(r -> r.keyId(arn)).join().keyRotationEnabled();
        return new Key(rotation, state);
    }

    private List<ResourceTagMapping> taggedWithTheStack() {
        return aws.tagging().getResources(r -> r.tagFilters(f -> f.key("scaffold:stack").values(stack))).join()
                .resourceTagMappingList();
    }
}
