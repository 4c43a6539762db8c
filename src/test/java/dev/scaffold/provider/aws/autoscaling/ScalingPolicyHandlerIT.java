package dev.scaffold.provider.aws.autoscaling;

import static dev.scaffold.provider.aws.Fixtures.ENV;
import static dev.scaffold.provider.aws.Fixtures.STACK;
import static dev.scaffold.provider.aws.Fixtures.assertNoChanges;
import static dev.scaffold.provider.aws.Fixtures.found;
import static dev.scaffold.provider.aws.Fixtures.known;
import static dev.scaffold.provider.aws.Fixtures.planned;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.EarlierReads;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.SharedReads;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.schema.AutoScalingTypes;
import dev.scaffold.schema.StackTags;
import dev.scaffold.state.Observed;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.Clients;
import dev.scaffold.testing.CountingCalls;
import dev.scaffold.testing.EmulatorGaps;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.FaultInjectingProxy;
import dev.scaffold.testing.FaultInjectingProxy.Fault;
import dev.scaffold.testing.TestApplyContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.autoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.ec2.model.Subnet;

@ExtendWith(AwsEmulator.class)
class ScalingPolicyHandlerIT {

    private static final String LINEAGE = "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    private static final ResourceAddress APP = ResourceAddress.of("services", "app", "group");
    private static final ResourceAddress JOBS = ResourceAddress.of("services", "jobs", "group");

    private static ScalingPolicyHandler handler;
    private static String loadBalancerArn;
    private static String targetGroupArn;

    private final ReadContext read = new ReadContext(STACK, ENV);

    @BeforeAll
    static void startFresh(AwsClients aws) {
        handler = new ScalingPolicyHandler(aws);
        String image = Clients.ec2(aws).describeImages().join().images().get(0).imageId();
        String template = Clients.ec2(aws).createLaunchTemplate(r -> r.launchTemplateName("shop-app")
                .launchTemplateData(d -> d.imageId(image).instanceType("t3.small"))).join().launchTemplate().launchTemplateId();
        List<String> subnets = Clients.ec2(aws).describeSubnets().join().subnets().stream().map(Subnet::subnetId)
                .sorted().limit(2).toList();
        for (String group : List.of("shop-app", "shop-jobs")) {
            Clients.autoscaling(aws).createAutoScalingGroup(r -> r.autoScalingGroupName(group).minSize(0).maxSize(2)
                    .launchTemplate(t -> t.launchTemplateId(template).version("1"))
                    .vpcZoneIdentifier(String.join(",", subnets))).join();
        }
        String vpcId = Clients.ec2(aws).describeVpcs().join().vpcs().get(0).vpcId();
        loadBalancerArn = Clients.elbv2(aws).createLoadBalancer(r -> r.name("shop-web").subnets(subnets)).join()
                .loadBalancers().get(0).loadBalancerArn();
        targetGroupArn = Clients.elbv2(aws).createTargetGroup(r -> r.name("shop-app").protocol("HTTP").port(8080)
                .vpcId(vpcId)).join().targetGroups().get(0).targetGroupArn();
    }

    /** Also covers {@link EmulatorGaps#PUT_SCALING_POLICY_OMITS_ARN}: the create reads the ARN back. */
    @Test
    void cpuPolicyIsPutReadChangedInPlaceAndDeleted(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("services", "app", "scaling-policy");
        ResourceSpec desired = cpu(address, "shop-app", "cpu", 60.0);

        TestApplyContext creating = new TestApplyContext(address);
        Observed created = handler.create(desired, creating).join();
        assertThat(creating.operations()).containsExactly("PutScalingPolicy", "DescribePolicies");
        assertThat(created.arn()).isEqualTo(policies(aws, "shop-app").get(0).policyARN());
        Observed afterCreate = found(handler.read(known(created), List.of(), read)).get(address);
        assertNoChanges(desired, afterCreate);

        ResourceSpec lower = cpu(address, "shop-app", "cpu", 45.0);
        TestApplyContext updating = new TestApplyContext(address);
        Observed updated = handler.update(lower, afterCreate, planned(lower, afterCreate), updating).join();
        assertThat(updating.operations()).containsExactly("PutScalingPolicy");
        assertThat(updated.arn()).isEqualTo(created.arn());
        assertNoChanges(lower, found(handler.read(known(updated), List.of(), read)).get(address));

        handler.delete(updated, new TestApplyContext(address)).join();
        assertThat(found(handler.read(known(updated), List.of(), read))).doesNotContainKey(address);
        assertThat(policies(aws, "shop-app")).isEmpty();
        handler.delete(updated, new TestApplyContext(address)).join();
    }

    @Test
    void requestCountPolicyNamesItsTargetGroupByTheLabelOfBothArnsAndReadsThemBack(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("services", "app", "requests-policy");
        ResourceSpec desired = requests(address, "requests", 1000.0);

        Observed created = handler.create(desired, new TestApplyContext(address)).join();

        String label = policies(aws, "shop-app").get(0).targetTrackingConfiguration().predefinedMetricSpecification()
                .resourceLabel();
        assertThat(label).isEqualTo(loadBalancerArn.substring(loadBalancerArn.indexOf("loadbalancer/") + 13) + "/"
                + targetGroupArn.substring(targetGroupArn.lastIndexOf(':') + 1)).startsWith("app/shop-web/");
        assertNoChanges(desired, found(handler.read(known(created), List.of(), read)).get(address));
        handler.delete(created, new TestApplyContext(address)).join();
    }

    /**
     * A crash right after the create left the state without the policy: the next refresh finds it by its name in its
     * group, which the group's read found, and takes it as this state's as its group is; the upsert leaves one policy.
     */
    @Test
    void aPolicyTheStateDoesNotKnowIsFoundByNameThroughItsGroupAndStaysOne(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("services", "jobs", "scaling-policy");
        ResourceSpec resolved = cpu(address, "shop-jobs", "cpu", 70.0);
        handler.create(resolved, new TestApplyContext(address)).join();
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found = found(handler.read(List.of(), List.of(referringToItsGroup(resolved)),
                new ReadContext(STACK, ENV, calls, SharedReads.none(), groupsRead())));

        Observed policy = found.get(address);
        assertThat(policy.attributes()).isEqualTo(Map.of("groupName", "shop-jobs", "name", "cpu",
                "metric", "ASGAverageCPUUtilization", "targetValue", 70.0));
        assertThat(policy.tags()).as("its group's ownership, at its own address")
                .containsEntry(StackTags.LINEAGE, LINEAGE).containsEntry(StackTags.ADDRESS, address.toString());
        assertThat(calls.counts()).isEqualTo(Map.of("DescribePolicies", 1));
        handler.update(resolved, policy, planned(resolved, policy), new TestApplyContext(address)).join();
        assertThat(policies(aws, "shop-jobs")).singleElement().extracting(ScalingPolicy::policyARN)
                .isEqualTo(policy.arn());
        handler.delete(policy, new TestApplyContext(address)).join();
    }

    @Test
    void readMakesOneDescribePoliciesPerGroupForKnownAndDesiredPoliciesAndNoneForNothing() {
        ResourceAddress cpu = ResourceAddress.of("services", "app", "cpu-policy");
        ResourceAddress requests = ResourceAddress.of("services", "app", "requests-policy");
        ResourceAddress jobs = ResourceAddress.of("services", "jobs", "cpu-policy");
        Observed cpuPolicy = handler.create(cpu(cpu, "shop-app", "cpu", 60.0), new TestApplyContext(cpu)).join();
        Observed requestsPolicy = handler.create(requests(requests, "requests", 500.0),
                new TestApplyContext(requests)).join();
        ResourceSpec jobsSpec = cpu(jobs, "shop-jobs", "jobs-cpu", 80.0);
        Observed jobsPolicy = handler.create(jobsSpec, new TestApplyContext(jobs)).join();
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found = found(handler.read(known(cpuPolicy, requestsPolicy),
                List.of(referringToItsGroup(jobsSpec)), new ReadContext(STACK, ENV, calls, SharedReads.none(), groupsRead())));

        assertThat(found).containsOnlyKeys(cpu, requests, jobs);
        assertThat(calls.counts()).as("shop-app's for the two known, shop-jobs's for the desired one")
                .isEqualTo(Map.of("DescribePolicies", 2));
        CountingCalls none = new CountingCalls();
        assertThat(handler.read(List.of(), List.of(), new ReadContext(STACK, ENV, none))).isEmpty();
        assertThat(none.counts()).isEmpty();
        for (Observed policy : List.of(cpuPolicy, requestsPolicy, jobsPolicy)) {
            handler.delete(policy, new TestApplyContext(policy.address())).join();
        }
    }

    @Test
    void aPutWhoseAnswerWasLostIsRepeatedAndLeavesOnePolicy(AwsClients aws, EmulatorTarget emulator) throws Exception {
        ResourceAddress address = ResourceAddress.of("services", "app", "lossy-policy");
        ResourceSpec desired = cpu(address, "shop-app", "lossy", 55.0);
        Observed created;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients lossy = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.inject("PutScalingPolicy", Fault.LOST_RESPONSE);

            created = new ScalingPolicyHandler(lossy).create(desired, new TestApplyContext(address)).join();

            assertThat(proxy.forwardedOperations()).containsExactly("PutScalingPolicy", "PutScalingPolicy",
                    "DescribePolicies");
        }
        assertThat(policies(aws, "shop-app")).singleElement().extracting(ScalingPolicy::policyARN)
                .isEqualTo(created.arn());
        handler.delete(created, new TestApplyContext(address)).join();
    }

    /** What the group read found before the policies' read: both groups, this state's. */
    private static EarlierReads groupsRead() {
        return address -> {
            String name = address.equals(APP) ? "shop-app" : address.equals(JOBS) ? "shop-jobs" : null;
            return Optional.ofNullable(name).map(group -> new Observed(address, AutoScalingTypes.GROUP.name(), group,
                    null, Map.of("name", group), Map.of(StackTags.STACK, STACK, StackTags.ENVIRONMENT, ENV,
                    StackTags.LINEAGE, LINEAGE, StackTags.ADDRESS, address.toString())));
        };
    }

    /** The spec as the component writes it: its group named by a ref to the group's name. */
    private static ResourceSpec referringToItsGroup(ResourceSpec spec) {
        Map<String, Object> attributes = new LinkedHashMap<>(spec.attributes());
        attributes.put("groupName", new Ref("shop-app".equals(spec.attributes().get("groupName")) ? APP : JOBS, "name"));
        return spec.withAttributes(attributes);
    }

    private static List<ScalingPolicy> policies(AwsClients aws, String group) {
        return Clients.autoscaling(aws).describePolicies(r -> r.autoScalingGroupName(group)).join().scalingPolicies();
    }

    private static ResourceSpec cpu(ResourceAddress address, String group, String name, double target) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("groupName", group);
        attributes.put("name", name);
        attributes.put("metric", "ASGAverageCPUUtilization");
        attributes.put("targetValue", target);
        return ResourceSpec.managed(address, AutoScalingTypes.SCALING_POLICY.name(), attributes, Map.of());
    }

    private static ResourceSpec requests(ResourceAddress address, String name, double target) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("groupName", "shop-app");
        attributes.put("name", name);
        attributes.put("metric", "ALBRequestCountPerTarget");
        attributes.put("loadBalancerArn", loadBalancerArn);
        attributes.put("targetGroupArn", targetGroupArn);
        attributes.put("targetValue", target);
        return ResourceSpec.managed(address, AutoScalingTypes.SCALING_POLICY.name(), attributes, Map.of());
    }
}
