package dev.scaffold.provider.aws.elbv2;

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
import dev.scaffold.provider.HandlerException;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.Fixtures;
import dev.scaffold.schema.Elbv2Types;
import dev.scaffold.schema.StackTags;
import dev.scaffold.state.Observed;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.Clients;
import dev.scaffold.testing.CountingCalls;
import dev.scaffold.testing.EmulatorGaps;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.FaultInjectingProxy.Fault;
import dev.scaffold.testing.FaultInjectingProxy;
import dev.scaffold.testing.TestApplyContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

@ExtendWith(AwsEmulator.class)
class TargetGroupHandlerIT {

    private static TargetGroupHandler handler;
    private static String vpcId;

    private final ReadContext read = new ReadContext(STACK, ENV);

    @BeforeAll
    static void startFresh(AwsClients aws) {
        handler = new TargetGroupHandler(aws);
        vpcId = Clients.ec2(aws).describeVpcs().join().vpcs().get(0).vpcId();
    }

    @Test
    void targetGroupIsCreatedReadUpdatedInPlaceAndDeleted() {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "web", "target-group");
        ResourceSpec desired = spec(address, "shop-web", "/health", "least_outstanding_requests", false);

        Observed created = handler.create(desired, new TestApplyContext(address)).join();
        Observed afterCreate = found(handler.read(known(created), List.of(), read)).get(address);
        assertNoChanges(desired, afterCreate);

        ResourceSpec sticky = spec(address, "shop-web", "/ready", "round_robin", true);
        TestApplyContext updating = new TestApplyContext(address);
        Observed updated = handler.update(sticky, afterCreate, planned(sticky, afterCreate), updating).join();
        assertThat(updating.operations()).containsSubsequence("ModifyTargetGroup", "ModifyTargetGroupAttributes")
                .doesNotContain("AddTags", "RemoveTags");
        assertThat(updated.physicalId()).isEqualTo(created.physicalId());
        assertNoChanges(sticky, found(handler.read(known(updated), List.of(), read)).get(address));

        handler.delete(updated, new TestApplyContext(address)).join();
        assertThat(found(handler.read(known(updated), List.of(), read))).doesNotContainKey(address);
        handler.delete(updated, new TestApplyContext(address)).join();
    }

    @Test
    void orphanIsFoundByItsAddressTagAndBothAreDescribedInOneCallWithTheirTagsFromTheTaggingRead() {
        String stack = "shop-orphan";
        ResourceAddress known = ResourceAddress.of("loadBalancers", "api", "target-group");
        ResourceAddress orphan = ResourceAddress.of("loadBalancers", "admin", "target-group");
        Observed inState = handler.create(spec(stack, known, "shop-api", "/", "round_robin", false),
                new TestApplyContext(known)).join();
        Observed notInState = handler.create(spec(stack, orphan, "shop-admin", "/", "round_robin", false),
                new TestApplyContext(orphan)).join();
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found =
                found(handler.read(known(inState), List.of(), new ReadContext(stack, ENV, calls)));

        assertThat(found).containsOnlyKeys(known, orphan);
        assertThat(found.get(orphan).attributes()).containsEntry("name", "shop-admin");
        assertThat(found.get(orphan).tags()).containsEntry(StackTags.ADDRESS, orphan.toString());
        assertThat(calls.counts()).isEqualTo(Map.of("GetResources", 1, "DescribeTargetGroups", 1,
                "DescribeTargetGroupAttributes", 2));
        handler.delete(inState, new TestApplyContext(known)).join();
        handler.delete(notInState, new TestApplyContext(orphan)).join();
    }

    /**
     * DescribeTargetGroups by ARNs fails the whole call when one ARN is gone; the batch is halved until
     * the gone one stands alone. Also covers, for all ELBv2 reads by ARN, {@link EmulatorGaps#ELBV2_DESCRIBE_BY_ARN_SKIPS_GONE_ARNS}.
     */
    @Test
    void knownTargetGroupDeletedOutsideScaffoldIsAbsentAndTheOthersOfItsBatchAreRead(AwsClients aws) {
        String stack = "shop-gone";
        ResourceAddress kept = ResourceAddress.of("loadBalancers", "kept", "target-group");
        ResourceAddress deleted = ResourceAddress.of("loadBalancers", "deleted", "target-group");
        Observed keptGroup = handler.create(spec(stack, kept, "shop-kept", "/", "round_robin", false),
                new TestApplyContext(kept)).join();
        Observed deletedGroup = handler.create(spec(stack, deleted, "shop-deleted", "/", "round_robin", false),
                new TestApplyContext(deleted)).join();
        Clients.elbv2(aws).deleteTargetGroup(r -> r.targetGroupArn(deletedGroup.arn())).join();
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found = found(handler.read(known(keptGroup, deletedGroup), List.of(),
                new ReadContext(stack, ENV, calls)));

        assertThat(found).containsOnlyKeys(kept);
        assertThat(calls.counts()).as("the batch of two, then each alone")
                .isEqualTo(Map.of("GetResources", 1, "DescribeTargetGroups", 3, "DescribeTargetGroupAttributes", 1));
        handler.delete(keptGroup, new TestApplyContext(kept)).join();
    }

    /** Provoked as {@link EmulatorGaps#REPEATED_CREATE_TARGET_GROUP_FAILS} describes. */
    @Test
    void aCreateMadeTwiceGoesOnWithTheGroupTheFirstMadeAndSetsItsAttributes(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "again", "target-group");
        ResourceSpec desired = spec(address, "shop-again", "/health", "least_outstanding_requests", true);
        Observed first = handler.create(desired, new TestApplyContext(address)).join();
        TestApplyContext again = new TestApplyContext(address);

        Observed second = handler.create(desired, again).join();

        assertThat(second.physicalId()).isEqualTo(first.physicalId());
        assertThat(again.operations()).containsExactly("CreateTargetGroup", "DescribeTargetGroups", "DescribeTags",
                "ModifyTargetGroupAttributes");
        assertNoChanges(desired, found(handler.read(known(second), List.of(), read)).get(address));
        assertThat(groupsNamed(aws, "shop-again")).hasSize(1);
        handler.delete(second, new TestApplyContext(address)).join();
    }

    @Test
    void aCreateWhoseAnswerWasLostRecordsTheGroupItMade(AwsClients aws, EmulatorTarget emulator) throws Exception {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "lossy", "target-group");
        ResourceSpec desired = spec(address, "shop-lossy", "/health", "round_robin", false);
        Observed created;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients lossy = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.inject("CreateTargetGroup", Fault.LOST_RESPONSE);

            created = new TargetGroupHandler(lossy).create(desired, new TestApplyContext(address)).join();

            assertThat(proxy.forwardedOperations()).startsWith("CreateTargetGroup", "CreateTargetGroup",
                    "DescribeTargetGroups");
        }
        assertThat(groupsNamed(aws, "shop-lossy")).singleElement()
                .extracting(TargetGroup::targetGroupArn).isEqualTo(created.physicalId());
        assertNoChanges(desired, found(handler.read(known(created), List.of(), read)).get(address));
        handler.delete(created, new TestApplyContext(address)).join();
    }

    @Test
    void aGroupOfThatNameOfAnotherStackIsAClashAndIsLeftAlone(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "twin", "target-group");
        ResourceSpec ours = spec(address, "shop-twin", "/health", "round_robin", false);
        ResourceSpec theirs = new ResourceSpec(address, Elbv2Types.TARGET_GROUP.name(), Mode.MANAGED, ours.attributes(),
                Fixtures.tags(STACK, "prod", address), Set.of(), Set.of());
        Observed existing = handler.create(theirs, new TestApplyContext(address)).join();

        assertThatThrownBy(() -> handler.create(ours, new TestApplyContext(address)).join())
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOfSatisfying(HandlerException.class, failure -> {
                    assertThat(failure.operation()).isEqualTo("CreateTargetGroup");
                    assertThat(failure.code()).isEqualTo("DuplicateTargetGroupName");
                    assertThat(failure.getMessage()).isEqualTo("a target group named shop-twin already exists and is"
                            + " not this stack's (its scaffold:env is prod, not default); delete it or rename the tier"
                            + " in the blueprint, then run again");
                });
        assertThat(new ElbTags(aws).readOne(new TestApplyContext(address), existing.physicalId()).join())
                .isEqualTo(theirs.tags());
        handler.delete(existing, new TestApplyContext(address)).join();
    }

    private static List<TargetGroup> groupsNamed(AwsClients aws, String name) {
        return Clients.elbv2(aws).describeTargetGroups(r -> r.names(name)).join().targetGroups();
    }

    private static ResourceSpec spec(ResourceAddress address, String name, String path, String algorithm,
                                     boolean sticky) {
        return spec(STACK, address, name, path, algorithm, sticky);
    }

    private static ResourceSpec spec(String stack, ResourceAddress address, String name, String path, String algorithm,
                                     boolean sticky) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", name);
        attributes.put("protocol", "HTTP");
        attributes.put("port", 8080);
        attributes.put("vpcId", vpcId);
        attributes.put("targetType", "instance");
        attributes.put("healthCheckPath", path);
        attributes.put("healthCheckIntervalSeconds", 15);
        attributes.put("healthCheckTimeoutSeconds", 5);
        attributes.put("healthyThresholdCount", 2);
        attributes.put("unhealthyThresholdCount", 3);
        attributes.put("healthCheckMatcher", "200-399");
        attributes.put("loadBalancingAlgorithm", algorithm);
        attributes.put("stickinessEnabled", sticky);
        attributes.put("stickinessType", "lb_cookie");
        return ResourceSpec.managed(address, Elbv2Types.TARGET_GROUP.name(), attributes, Fixtures.tags(stack, ENV, address));
    }
}
