package dev.scaffold.provider.aws.elbv2;

import static dev.scaffold.provider.aws.Fixtures.ENV;
import static dev.scaffold.provider.aws.Fixtures.STACK;
import static dev.scaffold.provider.aws.Fixtures.assertNoChanges;
import static dev.scaffold.provider.aws.Fixtures.found;
import static dev.scaffold.provider.aws.Fixtures.known;
import static dev.scaffold.provider.aws.Fixtures.planned;
import static dev.scaffold.provider.aws.Fixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.scaffold.testing.FaultInjectingProxy;
import dev.scaffold.testing.TestApplyContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.Subnet;

@ExtendWith(AwsEmulator.class)
class LoadBalancerHandlerIT {

    private static LoadBalancerHandler handler;
    private static List<String> subnets;
    private static String groupA;
    private static String groupB;

    private final ReadContext read = new ReadContext(STACK, ENV);

    @BeforeAll
    static void startFresh(AwsClients aws) {
        handler = new LoadBalancerHandler(aws);
        String vpcId = Clients.ec2(aws).describeVpcs(r -> r.filters(f -> f.name("is-default").values("true")))
                .join().vpcs().get(0).vpcId();
        subnets = Clients.ec2(aws).describeSubnets(r -> r.filters(f -> f.name("default-for-az").values("true")))
                .join().subnets().stream().map(Subnet::subnetId).sorted().toList();
        groupA = Clients.ec2(aws).createSecurityGroup(r -> r.groupName("a").description("a").vpcId(vpcId)).join().groupId();
        groupB = Clients.ec2(aws).createSecurityGroup(r -> r.groupName("b").description("b").vpcId(vpcId)).join().groupId();
    }

    @Test
    void loadBalancerIsCreatedActiveReadUpdatedInPlaceAndDeleted() {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "web", "alb");
        ResourceSpec desired = spec(address, "shop-web", subnets.subList(0, 2), List.of(groupA), false, 60);

        Observed created = handler.create(desired, new TestApplyContext(address)).join();
        assertThat(created.arn()).startsWith("arn:aws:elasticloadbalancing:").isEqualTo(created.physicalId());
        assertThat(created.attributes().get("dnsName")).asString().isNotBlank();
        assertThat(created.attributes().get("canonicalHostedZoneId")).asString().isNotBlank();
        Observed afterCreate = found(handler.read(known(created), List.of(), read)).get(address);
        assertNoChanges(desired, afterCreate);
        assertThat(afterCreate.attributes()).containsEntry("dnsName", created.attributes().get("dnsName"));

        ResourceSpec changed = spec(address, "shop-web", subnets.subList(0, 3), List.of(groupB), true, 120);
        TestApplyContext updating = new TestApplyContext(address);
        Observed updated = handler.update(changed, afterCreate, planned(changed, afterCreate), updating).join();
        assertThat(updating.operations()).containsSubsequence("SetSubnets", "SetSecurityGroups", "ModifyLoadBalancerAttributes");
        assertNoChanges(changed, found(handler.read(known(updated), List.of(), read)).get(address));

        ResourceSpec unprotected = spec(address, "shop-web", subnets.subList(0, 3), List.of(groupB), false, 120);
        Observed lowered = handler.update(unprotected, updated, planned(unprotected, updated), new TestApplyContext(address)).join();
        handler.delete(lowered, new TestApplyContext(address)).join();
        assertThat(found(handler.read(known(lowered), List.of(), read))).doesNotContainKey(address);
    }

    @Test
    void updateUndoesAttributeAndTagChangesMadeOutsideScaffold(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "drift", "alb");
        ResourceSpec desired = spec(address, "shop-drift", subnets.subList(0, 2), List.of(groupA), false, 60);
        Observed created = handler.create(desired, new TestApplyContext(address)).join();
        Clients.elbv2(aws).modifyLoadBalancerAttributes(r -> r.loadBalancerArn(created.arn()).attributes(
                a -> a.key("routing.http.drop_invalid_header_fields.enabled").value("false"))).join();
        Clients.elbv2(aws).addTags(r -> r.resourceArns(created.arn()).tags(t -> t.key("rogue").value("yes"))).join();

        Observed drifted = found(handler.read(known(created), List.of(), read)).get(address);
        handler.update(desired, Fixtures.asRecorded(created), planned(desired, drifted), new TestApplyContext(address)).join();

        assertNoChanges(desired, found(handler.read(known(created), List.of(), read)).get(address));
        handler.delete(created, new TestApplyContext(address)).join();
    }

    /** Covers {@link EmulatorGaps#LOAD_BALANCER_ATTRIBUTES_LISTED_ONLY_ONCE_SET}. */
    @Test
    void attributesNeverSetReadAsAwsDefaults(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "bare", "alb");
        String arn = Clients.elbv2(aws).createLoadBalancer(r -> r.name("shop-bare").subnets(subnets.subList(0, 2))
                .securityGroups(groupA).tags(ElbTags.toSdk(tags(address)))).join().loadBalancers().get(0).loadBalancerArn();

        Observed bare = found(handler.read(List.of(), List.of(), read)).get(address);

        assertThat(bare.physicalId()).isEqualTo(arn);
        assertThat(bare.attributes()).containsEntry("dropInvalidHeaderFields", false)
                .containsEntry("deletionProtection", false).containsEntry("idleTimeoutSeconds", 60);
        handler.delete(bare, new TestApplyContext(address)).join();
    }

    /**
     * A plan deletes a protected load balancer only when the blueprint turns its protection off (destroy and other
     * plans refuse it: {@code SchemaFlagsTest}); the delete then lowers it first, as AWS would refuse otherwise
     * ({@link EmulatorGaps#LOAD_BALANCER_DELETION_PROTECTION_NOT_ENFORCED}: the emulator would not).
     */
    @Test
    void aProtectedLoadBalancerAPlanDeletesHasItsProtectionLoweredFirst() {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "prod", "alb");
        Observed created = handler.create(spec(address, "shop-prod-web", subnets.subList(0, 2), List.of(groupA), true, 60),
                new TestApplyContext(address)).join();
        Observed observed = found(handler.read(known(created), List.of(), read)).get(address);
        TestApplyContext deleting = new TestApplyContext(address);

        handler.delete(observed, deleting).join();

        assertThat(deleting.operations()).containsExactly("ModifyLoadBalancerAttributes", "DeleteLoadBalancer",
                "poll:load balancer deleted");
        assertThat(found(handler.read(known(created), List.of(), read))).doesNotContainKey(address);
    }

    @Test
    void readFindsOrphansByTheirTagsAndDescribesTheStacksLoadBalancersInOneCall() {
        String stack = "shop-many";
        List<Observed> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ResourceAddress address = new ResourceAddress("loadBalancers", "many", "alb", i);
            created.add(handler.create(spec(address, "shop-many-" + i, stack), new TestApplyContext(address)).join());
        }
        ResourceAddress stranger = ResourceAddress.of("loadBalancers", "web", "alb");
        Observed blog = handler.create(spec(stranger, "blog-web", "blog"), new TestApplyContext(stranger)).join();
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found =
                found(handler.read(known(created.get(0)), List.of(), new ReadContext(stack, ENV, calls)));

        assertThat(found).containsOnlyKeys(created.stream().map(Observed::address).toList());
        assertThat(calls.counts()).as("the tags come with the tagging read: no DescribeTags")
                .isEqualTo(Map.of("GetResources", 1, "DescribeLoadBalancers", 1, "DescribeLoadBalancerAttributes", 3));
        created.forEach(lb -> handler.delete(lb, new TestApplyContext(lb.address())).join());
        handler.delete(blog, new TestApplyContext(stranger)).join();
    }

    @Test
    void knownLoadBalancerWhoseStackTagsWereRemovedIsReadByItsArnWithItsOwnTagCall(AwsClients aws) {
        String stack = "shop-untagged";
        ResourceAddress address = ResourceAddress.of("loadBalancers", "untagged", "alb");
        Observed created = handler.create(spec(address, "shop-untagged", stack), new TestApplyContext(address)).join();
        Clients.elbv2(aws).removeTags(r -> r.resourceArns(created.arn()).tagKeys(StackTags.STACK, StackTags.ENVIRONMENT)).join();
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found =
                found(handler.read(known(created), List.of(), new ReadContext(stack, ENV, calls)));

        assertThat(found).containsOnlyKeys(address);
        assertThat(found.get(address).tags()).doesNotContainKey(StackTags.STACK).containsEntry("team", "web");
        assertThat(calls.counts()).isEqualTo(Map.of("GetResources", 1, "DescribeLoadBalancers", 1,
                "DescribeTags", 1, "DescribeLoadBalancerAttributes", 1));
        handler.delete(created, new TestApplyContext(address)).join();
    }

    /** Covers {@link EmulatorGaps#ELBV2_DESCRIBE_BY_ARN_SKIPS_GONE_ARNS} as far as the emulator can: the result. */
    @Test
    void knownLoadBalancerDeletedOutsideScaffoldIsAbsentAndTheOthersAreRead(AwsClients aws) {
        String stack = "shop-gone";
        List<Observed> created = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ResourceAddress address = new ResourceAddress("loadBalancers", "gone", "alb", i);
            created.add(handler.create(spec(address, "shop-gone-" + i, stack), new TestApplyContext(address)).join());
        }
        Clients.elbv2(aws).deleteLoadBalancer(r -> r.loadBalancerArn(created.get(1).arn())).join();

        Map<ResourceAddress, Observed> found = found(handler.read(known(created.get(0), created.get(1)), List.of(),
                new ReadContext(stack, ENV)));

        assertThat(found).containsOnlyKeys(created.get(0).address());
        handler.delete(created.get(0), new TestApplyContext(created.get(0).address())).join();
    }

    /** Covers {@link EmulatorGaps#LOAD_BALANCER_AND_LISTENER_CREATES_DUPLICATE}: the proxy gives AWS's answer to a taken name. */
    @Test
    void aCreateAnsweredThatTheNameIsTakenGoesOnWithTheLoadBalancerOfThatNameWhenItIsThisStacks(
            AwsClients aws, EmulatorTarget emulator) throws Exception {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "again", "alb");
        ResourceSpec desired = spec(address, "shop-again", subnets.subList(0, 2), List.of(groupA), false, 60);
        Observed first = handler.create(desired, new TestApplyContext(address)).join();
        Observed second;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients through = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.answer("CreateLoadBalancer", 400, "DuplicateLoadBalancerName",
                    "A load balancer with the specified name already exists.");

            second = new LoadBalancerHandler(through).create(desired, new TestApplyContext(address)).join();

            assertThat(proxy.forwardedOperations()).startsWith("DescribeLoadBalancers", "DescribeTags",
                    "ModifyLoadBalancerAttributes").doesNotContain("CreateLoadBalancer");
        }

        assertThat(second.physicalId()).isEqualTo(first.physicalId());
        assertThat(second.attributes()).containsEntry("dnsName", first.attributes().get("dnsName"));
        assertNoChanges(desired, found(handler.read(known(second), List.of(), read)).get(address));
        handler.delete(second, new TestApplyContext(address)).join();
    }

    /** Covers {@link EmulatorGaps#LOAD_BALANCER_AND_LISTENER_CREATES_DUPLICATE}: the proxy gives AWS's answer to a taken name. */
    @Test
    void aLoadBalancerOfThatNameOfAnotherStackIsAClashAndIsLeftAlone(AwsClients aws, EmulatorTarget emulator)
            throws Exception {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "twin", "alb");
        ResourceSpec ours = spec(address, "shop-twin", subnets.subList(0, 2), List.of(groupA), false, 60);
        Map<String, String> otherLineage = new LinkedHashMap<>(ours.tags());
        otherLineage.put("scaffold:lineage", "5d0c1a4e-0000-4000-8000-000000000001");
        Map<String, String> ourLineage = new LinkedHashMap<>(ours.tags());
        ourLineage.put("scaffold:lineage", "9b7e6f2a-0000-4000-8000-000000000002");
        Observed existing = handler.create(ResourceSpec.managed(address, Elbv2Types.LOAD_BALANCER.name(), ours.attributes(),
                otherLineage), new TestApplyContext(address)).join();
        ResourceSpec oursWithLineage = ResourceSpec.managed(address, Elbv2Types.LOAD_BALANCER.name(), ours.attributes(),
                ourLineage);

        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients through = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.answer("CreateLoadBalancer", 400, "DuplicateLoadBalancerName",
                    "A load balancer with the specified name already exists.");
            LoadBalancerHandler lossy = new LoadBalancerHandler(through);

            assertThatThrownBy(() -> lossy.create(oursWithLineage, new TestApplyContext(address)).join())
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOfSatisfying(HandlerException.class, failure -> {
                        assertThat(failure.operation()).isEqualTo("CreateLoadBalancer");
                        assertThat(failure.code()).isEqualTo("DuplicateLoadBalancerName");
                        assertThat(failure.getMessage()).isEqualTo("a load balancer named shop-twin already exists"
                                + " and is not this stack's (its scaffold:lineage is 5d0c1a4e-0000-4000-8000-000000000001,"
                                + " not 9b7e6f2a-0000-4000-8000-000000000002); delete it or rename the tier in the"
                                + " blueprint, then run again");
                    });
            assertThat(proxy.forwardedOperations()).containsExactly("DescribeLoadBalancers", "DescribeTags");
        }
        assertThat(found(handler.read(known(existing), List.of(), read)).get(address).tags()).isEqualTo(otherLineage);
        handler.delete(existing, new TestApplyContext(address)).join();
    }

    private static ResourceSpec spec(ResourceAddress address, String name, List<String> subnets, List<String> groups,
                                     boolean protection, int idleTimeout) {
        return ResourceSpec.managed(address, Elbv2Types.LOAD_BALANCER.name(),
                attributes(name, subnets, groups, protection, idleTimeout), tags(address));
    }

    /** A load balancer of {@code stack} named {@code name}: two subnets, group A, unprotected, 60 s idle. */
    private static ResourceSpec spec(ResourceAddress address, String name, String stack) {
        return ResourceSpec.managed(address, Elbv2Types.LOAD_BALANCER.name(),
                attributes(name, subnets.subList(0, 2), List.of(groupA), false, 60), tags(stack, ENV, address));
    }

    private static Map<String, Object> attributes(String name, List<String> subnets, List<String> groups,
                                                  boolean protection, int idleTimeout) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", name);
        attributes.put("scheme", "internet-facing");
        attributes.put("subnets", subnets);
        attributes.put("securityGroups", groups);
        attributes.put("dropInvalidHeaderFields", true);
        attributes.put("deletionProtection", protection);
        attributes.put("idleTimeoutSeconds", idleTimeout);
        return attributes;
    }
}
