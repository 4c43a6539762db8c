package dev.scaffold.provider.aws.autoscaling;

import static dev.scaffold.provider.aws.Fixtures.ENV;
import static dev.scaffold.provider.aws.Fixtures.STACK;
import static dev.scaffold.provider.aws.Fixtures.assertNoChanges;
import static dev.scaffold.provider.aws.Fixtures.found;
import static dev.scaffold.provider.aws.Fixtures.known;
import static dev.scaffold.provider.aws.Fixtures.planned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.graph.Mode;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.provider.EarlierReads;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.SharedReads;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.Fixtures;
import dev.scaffold.provider.aws.TaggedResources;
import dev.scaffold.schema.AutoScalingTypes;
import dev.scaffold.state.Observed;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.Clients;
import dev.scaffold.testing.CountingCalls;
import dev.scaffold.testing.EmulatorGaps;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.FaultInjectingProxy;
import dev.scaffold.testing.FaultInjectingProxy.Fault;
import dev.scaffold.testing.TestApplyContext;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;
import software.amazon.awssdk.services.ec2.model.Subnet;

@ExtendWith(AwsEmulator.class)
class AutoScalingGroupHandlerIT {

    /** What creating a group waits on while AWS refuses the launch template's instance profile. */
    private static final String PROFILE_WAIT = "poll:the launch template's instance profile to reach Auto Scaling";
    private static final String INVALID_PROFILE = "You must use a valid fully-formed launch template. Value"
            + " (arn:aws:iam::123456789012:instance-profile/shop-app) for parameter iamInstanceProfile.arn is invalid."
            + " Invalid IAM Instance Profile ARN";

    private static AutoScalingGroupHandler handler;
    private static String templateId;
    private static List<String> subnets;
    private static String webTargets;
    private static String adminTargets;

    private final ReadContext read = new ReadContext(STACK, ENV);

    @BeforeAll
    static void startFresh(AwsClients aws) {
        handler = new AutoScalingGroupHandler(aws);
        String image = Clients.ec2(aws).describeImages().join().images().get(0).imageId();
        templateId = Clients.ec2(aws).createLaunchTemplate(r -> r.launchTemplateName("shop-app")
                .launchTemplateData(d -> d.imageId(image).instanceType("t3.small"))).join().launchTemplate().launchTemplateId();
        Clients.ec2(aws).createLaunchTemplateVersion(r -> r.launchTemplateId(templateId)
                .launchTemplateData(d -> d.imageId(image).instanceType("t3.large"))).join();
        String vpcId = Clients.ec2(aws).describeVpcs().join().vpcs().get(0).vpcId();
        subnets = Clients.ec2(aws).describeSubnets().join().subnets().stream().map(Subnet::subnetId).sorted().limit(2)
                .toList();
        webTargets = Clients.elbv2(aws).createTargetGroup(r -> r.name("shop-web").protocol("HTTP").port(8080)
                .vpcId(vpcId)).join().targetGroups().get(0).targetGroupArn();
        adminTargets = Clients.elbv2(aws).createTargetGroup(r -> r.name("shop-admin").protocol("HTTP").port(8081)
                .vpcId(vpcId)).join().targetGroups().get(0).targetGroupArn();
    }

    @Test
    void groupIsCreatedReadUpdatedInPlaceAndDeleted(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("services", "app", "group");
        ResourceSpec desired = spec(STACK, address, "shop-app", 1, 1, 2, List.of(webTargets), "web");

        TestApplyContext creating = new TestApplyContext(address);
        Observed created = handler.create(desired, creating).join();
        assertThat(creating.created()).as("recorded before the wait").singleElement()
                .extracting(Observed::physicalId).isEqualTo("shop-app");
        assertThat(creating.operations()).containsExactly(PROFILE_WAIT, "poll:Auto Scaling group described");
        assertThat(created.arn()).contains(":autoScalingGroupName/shop-app");
        Observed afterCreate = found(handler.read(known(created), List.of(), read)).get(address);
        assertNoChanges(desired, afterCreate);
        AutoScalingGroup group = group(aws, "shop-app");
        assertThat(group.healthCheckType()).isEqualTo("ELB");
        assertThat(group.targetGroupARNs()).containsExactly(webTargets);
        assertThat(group.tags()).allSatisfy(tag -> assertThat(tag.propagateAtLaunch())
                .as("tag %s on the instances", tag.key()).isEqualTo(!tag.key().startsWith("scaffold:")));

        ResourceSpec moved = spec(STACK, address, "shop-app", 2, 1, 3, List.of(adminTargets), "platform");
        TestApplyContext updating = new TestApplyContext(address);
        Observed updated = handler.update(moved, afterCreate, planned(moved, afterCreate), updating).join();
        assertThat(updating.operations()).as("no rolling update: the group only takes the new version")
                .containsExactly("UpdateAutoScalingGroup", "AttachLoadBalancerTargetGroups",
                        "DetachLoadBalancerTargetGroups", "CreateOrUpdateTags");
        assertNoChanges(moved, found(handler.read(known(updated), List.of(), read)).get(address));
        assertThat(group(aws, "shop-app").launchTemplate().version()).isEqualTo("2");

        TestApplyContext deleting = new TestApplyContext(address);
        handler.delete(updated, deleting).join();
        assertThat(deleting.operations()).containsExactly("poll:the group's scaling activities to end",
                "poll:Auto Scaling group deleted");
        assertThat(found(handler.read(known(updated), List.of(), read))).doesNotContainKey(address);
        handler.delete(updated, new TestApplyContext(address)).join();
    }

    @Test
    void aRollingUpdateReadsBackAsTheStateRecordedItAndChangingItAloneCallsNothing() {
        ResourceAddress address = ResourceAddress.of("services", "rolling", "group");
        ResourceSpec desired = withRollingUpdate(spec(STACK, address, "shop-rolling", 1, 1, 2, List.of(), "web"), 90);
        Observed created = handler.create(desired, new TestApplyContext(address)).join();

        Observed known = found(handler.read(known(created), List.of(), read)).get(address);
        assertNoChanges(desired, known);
        Observed unknown = found(handler.read(List.of(), List.of(desired), read)).get(address);
        assertThat(unknown.attributes().get("rollingUpdate")).as("AWS keeps no such setting").isNull();

        ResourceSpec gentler = withRollingUpdate(desired, 50);
        List<AttributeChange> changes = planned(gentler, known);
        assertThat(changes).extracting(AttributeChange::name).containsExactly("rollingUpdate");
        TestApplyContext updating = new TestApplyContext(address);
        Observed updated = handler.update(gentler, known, changes, updating).join();
        assertThat(updating.operations()).isEmpty();
        assertNoChanges(gentler, found(handler.read(known(updated), List.of(), read)).get(address));
        handler.delete(updated, new TestApplyContext(address)).join();
    }

    /**
     * The emulator's tagging read returns no groups ({@link EmulatorGaps#TAGGING_API_OMITS_AUTO_SCALING_GROUPS}): the
     * known ones are described by name in one call, a desired one neither known nor tagged by its name in another.
     */
    @Test
    void readDescribesTheKnownGroupsInOneCallAndLooksForTheOthersTheBlueprintNamesInOneMore() {
        String stack = "shop-read";
        ResourceAddress web = ResourceAddress.of("services", "web", "group");
        ResourceAddress jobs = ResourceAddress.of("services", "jobs", "group");
        ResourceAddress orphan = ResourceAddress.of("services", "orphan", "group");
        Observed webGroup = handler.create(spec(stack, web, "shop-read-web", 1, 1, 1, List.of(), "web"),
                new TestApplyContext(web)).join();
        Observed jobsGroup = handler.create(spec(stack, jobs, "shop-read-jobs", 1, 1, 1, List.of(), "web"),
                new TestApplyContext(jobs)).join();
        ResourceSpec orphanSpec = spec(stack, orphan, "shop-read-orphan", 1, 1, 1, List.of(), "web");
        Observed orphanGroup = handler.create(orphanSpec, new TestApplyContext(orphan)).join();
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found = found(handler.read(known(webGroup, jobsGroup), List.of(orphanSpec),
                new ReadContext(stack, ENV, calls)));

        assertThat(found).containsOnlyKeys(web, jobs, orphan);
        assertThat(calls.counts()).isEqualTo(Map.of("GetResources", 1, "DescribeAutoScalingGroups", 2));
        assertThat(handler.read(List.of(), List.of(), new ReadContext("shop-nothing", ENV, calls))).isEmpty();
        assertThat(calls.counts()).as("nothing known, tagged or desired: the tagging read only")
                .isEqualTo(Map.of("GetResources", 2, "DescribeAutoScalingGroups", 2));
        for (Observed group : List.of(webGroup, jobsGroup, orphanGroup)) {
            handler.delete(group, new TestApplyContext(group.address())).join();
        }
    }

    /**
     * Where the tagging API returns groups, as AWS's does, they are described by the names in their ARNs. The
     * emulator's returns none ({@link EmulatorGaps#TAGGING_API_OMITS_AUTO_SCALING_GROUPS}), so the refresh's tagging
     * read is given here as AWS would answer it.
     */
    @Test
    void groupsTheTaggingReadReturnsAreDescribedByName() {
        ResourceAddress address = ResourceAddress.of("services", "tagged", "group");
        ResourceSpec desired = spec(STACK, address, "shop-tagged", 1, 1, 1, List.of(), "web");
        Observed made = handler.create(desired, new TestApplyContext(address)).join();
        CountingCalls calls = new CountingCalls();
        ReadContext refresh = new ReadContext(STACK, ENV, calls, SharedReads.perRefresh(), EarlierReads.NONE);
        refresh.shared().get(TaggedResources.KEY, () -> new TaggedResources(Map.of(made.arn(), desired.tags())));

        Map<ResourceAddress, Observed> found = found(handler.read(List.of(), List.of(), refresh));

        assertThat(found).containsOnlyKeys(address);
        assertNoChanges(desired, found.get(address));
        assertThat(calls.counts()).isEqualTo(Map.of("DescribeAutoScalingGroups", 1));
        handler.delete(made, new TestApplyContext(address)).join();
    }

    /**
     * The retry of a create whose answer was lost meets the name in use, as AWS answers it (the emulator would
     * replace the group, {@link EmulatorGaps#CREATE_AUTO_SCALING_GROUP_REPLACES_A_GROUP_OF_THAT_NAME}), and goes on
     * with the group the first attempt made.
     */
    @Test
    void aCreateWhoseAnswerWasLostGoesOnWithTheGroupItMade(AwsClients aws, EmulatorTarget emulator) throws Exception {
        ResourceAddress address = ResourceAddress.of("services", "lossy", "group");
        ResourceSpec desired = spec(STACK, address, "shop-lossy", 1, 1, 2, List.of(webTargets), "web");
        Observed created;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients lossy = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.inject("CreateAutoScalingGroup", Fault.LOST_RESPONSE);
            proxy.answer("CreateAutoScalingGroup", 400, "AlreadyExists",
                    "AutoScalingGroup by this name already exists - A group with the name shop-lossy already exists");

            created = new AutoScalingGroupHandler(lossy).create(desired, new TestApplyContext(address)).join();

            assertThat(proxy.forwardedOperations()).containsExactly("CreateAutoScalingGroup",
                    "DescribeAutoScalingGroups", "DescribeAutoScalingGroups");
        }
        assertThat(created.arn()).isEqualTo(group(aws, "shop-lossy").autoScalingGroupARN());
        assertNoChanges(desired, found(handler.read(known(created), List.of(), read)).get(address));
        handler.delete(created, new TestApplyContext(address)).join();
    }

    /**
     * AWS's answer to a name in use is given by the proxy:
     * {@link EmulatorGaps#CREATE_AUTO_SCALING_GROUP_REPLACES_A_GROUP_OF_THAT_NAME}.
     */
    @Test
    void aGroupOfThatNameOfAnotherStackIsAClashAndIsLeftAlone(AwsClients aws, EmulatorTarget emulator) throws Exception {
        ResourceAddress address = ResourceAddress.of("services", "twin", "group");
        ResourceSpec ours = spec(STACK, address, "shop-twin", 1, 1, 1, List.of(), "web");
        ResourceSpec theirs = new ResourceSpec(address, AutoScalingTypes.GROUP.name(), Mode.MANAGED, ours.attributes(),
                Fixtures.tags(STACK, "prod", address), Set.of(), Set.of());
        Observed existing = handler.create(theirs, new TestApplyContext(address)).join();

        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients through = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.answer("CreateAutoScalingGroup", 400, "AlreadyExists",
                    "AutoScalingGroup by this name already exists - A group with the name shop-twin already exists");

            assertThatThrownBy(() -> new AutoScalingGroupHandler(through).create(ours, new TestApplyContext(address)).join())
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOfSatisfying(HandlerException.class, failure -> {
                        assertThat(failure.operation()).isEqualTo("CreateAutoScalingGroup");
                        assertThat(failure.code()).isEqualTo("AlreadyExists");
                        assertThat(failure.getMessage()).isEqualTo("an Auto Scaling group named shop-twin already exists"
                                + " and is not this stack's (its scaffold:env is prod, not default); delete it or rename"
                                + " the tier in the blueprint, then run again");
                    });
            assertThat(proxy.forwardedOperations()).containsExactly("DescribeAutoScalingGroups");
        }
        assertThat(tags(group(aws, "shop-twin"))).isEqualTo(theirs.tags());
        handler.delete(existing, new TestApplyContext(address)).join();
    }

    /** AWS refuses a new instance profile for some seconds; the proxy gives that answer, as the emulator does not check. */
    @Test
    void aCreateRefusedForAnInstanceProfileNotYetPropagatedIsTriedAgainUntilItGoesThrough(AwsClients aws,
                                                                                          EmulatorTarget emulator)
            throws Exception {
        ResourceAddress address = ResourceAddress.of("services", "fresh", "group");
        ResourceSpec desired = spec(STACK, address, "shop-fresh", 1, 1, 1, List.of(), "web");
        TestApplyContext creating = new TestApplyContext(address);
        Observed created;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients through = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.answer("CreateAutoScalingGroup", 400, "ValidationError", INVALID_PROFILE);
            proxy.answer("CreateAutoScalingGroup", 400, "ValidationError", INVALID_PROFILE);

            created = new AutoScalingGroupHandler(through).create(desired, creating).join();

            assertThat(proxy.forwardedOperations()).containsExactly("CreateAutoScalingGroup", "DescribeAutoScalingGroups");
        }
        assertThat(creating.operations()).containsExactly(PROFILE_WAIT, PROFILE_WAIT, PROFILE_WAIT,
                "poll:Auto Scaling group described");
        assertNoChanges(desired, found(handler.read(known(created), List.of(), read)).get(address));
        handler.delete(created, new TestApplyContext(address)).join();
    }

    @Test
    void anyOtherRefusalFailsTheCreateAtOnceInAwssWords(EmulatorTarget emulator) throws Exception {
        ResourceAddress address = ResourceAddress.of("services", "inverted", "group");
        ResourceSpec desired = spec(STACK, address, "shop-inverted", 1, 3, 1, List.of(), "web");
        TestApplyContext creating = new TestApplyContext(address);
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients through = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.answer("CreateAutoScalingGroup", 400, "ValidationError",
                    "Max bound, 1, must be greater than or equal to min bound, 3");

            assertThatThrownBy(() -> new AutoScalingGroupHandler(through).create(desired, creating).join())
                    .cause()
                    .isInstanceOfSatisfying(HandlerException.class, failure -> {
                        assertThat(failure.operation()).isEqualTo("CreateAutoScalingGroup");
                        assertThat(failure.code()).isEqualTo("ValidationError");
                        assertThat(failure.getMessage()).isEqualTo("Max bound, 1, must be greater than or equal to min"
                                + " bound, 3");
                    });
            assertThat(proxy.forwardedOperations()).isEmpty();
        }
        assertThat(creating.operations()).containsExactly(PROFILE_WAIT);
        assertThat(creating.created()).isEmpty();
    }

    private static AutoScalingGroup group(AwsClients aws, String name) {
        return Clients.autoscaling(aws).describeAutoScalingGroups(r -> r.autoScalingGroupNames(name)).join()
                .autoScalingGroups().get(0);
    }

    private static Map<String, String> tags(AutoScalingGroup group) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (TagDescription tag : group.tags()) {
            tags.put(tag.key(), tag.value());
        }
        return tags;
    }

    private static ResourceSpec withRollingUpdate(ResourceSpec spec, int minHealthyPercent) {
        Map<String, Object> attributes = new LinkedHashMap<>(spec.attributes());
        attributes.put("rollingUpdate", Map.of("minHealthyPercent", minHealthyPercent));
        return spec.withAttributes(attributes);
    }

    /** A group on launch template version {@code version}: {@code min} instances, at most {@code max}. */
    private static ResourceSpec spec(String stack, ResourceAddress address, String name, int version, int min, int max,
                                     List<String> targetGroups, String team) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", name);
        attributes.put("launchTemplateId", templateId);
        attributes.put("launchTemplateVersion", version);
        attributes.put("minSize", min);
        attributes.put("maxSize", max);
        attributes.put("desiredCapacity", min);
        attributes.put("subnetIds", subnets);
        attributes.put("targetGroupArns", targetGroups);
        attributes.put("healthCheckType", "ELB");
        attributes.put("healthCheckGracePeriodSeconds", 120);
        Map<String, String> tags = new LinkedHashMap<>(Fixtures.tags(stack, ENV, address));
        tags.put("team", team);
        return ResourceSpec.managed(address, AutoScalingTypes.GROUP.name(), Collections.unmodifiableMap(attributes), tags);
    }
}
