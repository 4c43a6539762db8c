package dev.scaffold.provider.aws;

import static dev.scaffold.provider.aws.Fixtures.ENV;
import static dev.scaffold.provider.aws.Fixtures.STACK;
import static dev.scaffold.provider.aws.Fixtures.assertNoChanges;
import static dev.scaffold.provider.aws.Fixtures.known;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.Mode;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.provider.Observed;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.EmulatorGaps;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.FaultInjectingProxy;
import dev.scaffold.testing.FaultInjectingProxy.Fault;
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
        handler = new TargetGroupHandler(aws.elbv2());
        vpcId = aws.ec2().describeVpcs().join().vpcs().get(0).vpcId();
    }

    @Test
    void targetGroupIsCreatedReadUpdatedInPlaceAndDeleted() {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "web", "target-group");
        ResourceSpec desired = spec(address, "shop-web", "/health", "least_outstanding_requests", false);

        Observed created = handler.create(desired, new TestApplyContext(address)).join();
        Observed afterCreate = handler.read(known(created), read).get(address);
        assertNoChanges(desired, afterCreate);

        ResourceSpec sticky = spec(address, "shop-web", "/ready", "round_robin", true);
        TestApplyContext updating = new TestApplyContext(address);
        Observed updated = handler.update(sticky, afterCreate, updating).join();
        assertThat(updating.operations()).containsSubsequence("ModifyTargetGroup", "ModifyTargetGroupAttributes")
                .doesNotContain("AddTags", "RemoveTags");
        assertThat(updated.physicalId()).isEqualTo(created.physicalId());
        assertNoChanges(sticky, handler.read(known(updated), read).get(address));

        handler.delete(updated, new TestApplyContext(address)).join();
        assertThat(handler.read(known(updated), read)).doesNotContainKey(address);
        handler.delete(updated, new TestApplyContext(address)).join();
    }

    @Test
    void orphanIsFoundByItsAddressTagWithOneDescribeAndOneTagCall() {
        ResourceAddress known = ResourceAddress.of("loadBalancers", "api", "target-group");
        ResourceAddress orphan = ResourceAddress.of("loadBalancers", "admin", "target-group");
        Observed inState = handler.create(spec(known, "shop-api", "/", "round_robin", false),
                new TestApplyContext(known)).join();
        handler.create(spec(orphan, "shop-admin", "/", "round_robin", false), new TestApplyContext(orphan)).join();
        Fixtures.CountingCalls calls = new Fixtures.CountingCalls();

        Map<ResourceAddress, Observed> found = handler.read(known(inState), new ReadContext(STACK, ENV, calls));

        assertThat(found).containsKeys(known, orphan);
        assertThat(found.get(orphan).attributes()).containsEntry("name", "shop-admin");
        assertThat(calls.counts()).containsEntry("DescribeTargetGroups", 1).containsEntry("DescribeTags", 1);
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
        assertNoChanges(desired, handler.read(known(second), read).get(address));
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

            created = new TargetGroupHandler(lossy.elbv2()).create(desired, new TestApplyContext(address)).join();

            assertThat(proxy.forwardedOperations()).startsWith("CreateTargetGroup", "CreateTargetGroup",
                    "DescribeTargetGroups");
        }
        assertThat(groupsNamed(aws, "shop-lossy")).singleElement()
                .extracting(TargetGroup::targetGroupArn).isEqualTo(created.physicalId());
        assertNoChanges(desired, handler.read(known(created), read).get(address));
        handler.delete(created, new TestApplyContext(address)).join();
    }

    @Test
    void aGroupOfThatNameOfAnotherStackIsAClashAndIsLeftAlone(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "twin", "target-group");
        ResourceSpec ours = spec(address, "shop-twin", "/health", "round_robin", false);
        ResourceSpec theirs = new ResourceSpec(address, TargetGroupHandler.TYPE, Mode.MANAGED, ours.attributes(),
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
        assertThat(ElbTags.describeOne(aws.elbv2(), new TestApplyContext(address), existing.physicalId()).join())
                .isEqualTo(theirs.tags());
        handler.delete(existing, new TestApplyContext(address)).join();
    }

    private static List<TargetGroup> groupsNamed(AwsClients aws, String name) {
        return aws.elbv2().describeTargetGroups(r -> r.names(name)).join().targetGroups();
    }

    private static ResourceSpec spec(ResourceAddress address, String name, String path, String algorithm,
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
        return ResourceSpec.managed(address, TargetGroupHandler.TYPE, attributes, Fixtures.tags(address));
    }
}
