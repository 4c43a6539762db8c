package dev.scaffold.provider.aws.ec2;

import static dev.scaffold.provider.aws.Fixtures.ENV;
import static dev.scaffold.provider.aws.Fixtures.STACK;
import static dev.scaffold.provider.aws.Fixtures.assertNoChanges;
import static dev.scaffold.provider.aws.Fixtures.found;
import static dev.scaffold.provider.aws.Fixtures.known;
import static dev.scaffold.provider.aws.Fixtures.planned;
import static dev.scaffold.provider.aws.Fixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.graph.Mode;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.Fixtures;
import dev.scaffold.schema.Ec2Types;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

@ExtendWith(AwsEmulator.class)
class SecurityGroupHandlerIT {

    private static SecurityGroupHandler handler;
    private static String vpcId;

    private final ReadContext read = new ReadContext(STACK, ENV);

    @BeforeAll
    static void startFresh(AwsClients aws) {
        handler = new SecurityGroupHandler(aws);
        vpcId = Clients.ec2(aws).describeVpcs().join().vpcs().get(0).vpcId();
    }

    @Test
    void groupIsCreatedReadUpdatedInPlaceAndDeleted() {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "web", "security-group");
        ResourceSpec desired = spec(address, "shop-web-alb", List.of(rule(80, "0.0.0.0/0"), rule(443, "0.0.0.0/0")));

        Observed created = handler.create(desired, new TestApplyContext(address)).join();
        Observed afterCreate = found(handler.read(known(created), List.of(), read)).get(address);
        assertNoChanges(desired, afterCreate);
        assertThat(afterCreate.physicalId()).isEqualTo(created.physicalId()).startsWith("sg-");

        Map<String, String> retagged = new LinkedHashMap<>(desired.tags());
        retagged.remove("team");
        retagged.put("owner", "payments");
        ResourceSpec changed = new ResourceSpec(address, desired.type(), desired.mode(),
                attributes("shop-web-alb", List.of(rule(443, "0.0.0.0/0"), rule(8443, "10.0.0.0/8"))),
                retagged, desired.dependsOn(), desired.sensitive());
        TestApplyContext updating = new TestApplyContext(address);
        Observed updated = handler.update(changed, afterCreate, planned(changed, afterCreate), updating).join();
        assertThat(updated.physicalId()).isEqualTo(created.physicalId());
        assertThat(updating.operations()).as("the planned changes only, no read of its own").containsExactly(
                "AuthorizeSecurityGroupIngress", "RevokeSecurityGroupIngress", "CreateTags", "DeleteTags");
        assertNoChanges(changed, found(handler.read(known(updated), List.of(), read)).get(address));

        handler.delete(updated, new TestApplyContext(address)).join();
        assertThat(found(handler.read(known(updated), List.of(), read))).doesNotContainKey(address);
        handler.delete(updated, new TestApplyContext(address)).join();
    }

    @Test
    void updateUndoesChangesMadeOutsideScaffoldThatTheStateDoesNotKnow(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "drift", "security-group");
        ResourceSpec desired = spec(address, "shop-drift-alb", List.of(rule(443, "0.0.0.0/0")));
        Observed created = handler.create(desired, new TestApplyContext(address)).join();
        Clients.ec2(aws).authorizeSecurityGroupIngress(r -> r.groupId(created.physicalId())
                .ipPermissions(p -> p.ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(c -> c.cidrIp("0.0.0.0/0"))))
                .join();
        Clients.ec2(aws).createTags(r -> r.resources(created.physicalId()).tags(t -> t.key("rogue").value("yes"))).join();

        Observed drifted = found(handler.read(known(created), List.of(), read)).get(address);
        handler.update(desired, Fixtures.asRecorded(created), planned(desired, drifted), new TestApplyContext(address)).join();

        assertNoChanges(desired, found(handler.read(known(created), List.of(), read)).get(address));
        handler.delete(created, new TestApplyContext(address)).join();
    }

    /** A saved plan holds only a digest of rules that took a sensitive value; the group is described for them. */
    @Test
    void rulesThePlanHoldsOnlyAsADigestAreReadFromTheGroupBeforeTheyAreChanged() {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "secret", "security-group");
        ResourceSpec before = spec(address, "shop-secret-alb", List.of(rule(443, "0.0.0.0/0")));
        Observed created = handler.create(before, new TestApplyContext(address)).join();
        ResourceSpec after = spec(address, "shop-secret-alb", List.of(rule(8443, "0.0.0.0/0")));
        List<AttributeChange> digested = planned(after, created).stream().map(change -> change.name().equals("ingress")
                ? new AttributeChange("ingress", "pbkdf2-sha256:120000:00ff", change.after(), false, true)
                : change).toList();
        TestApplyContext updating = new TestApplyContext(address);

        handler.update(after, Fixtures.asRecorded(created), digested, updating).join();

        assertThat(updating.operations()).containsExactly("DescribeSecurityGroups", "AuthorizeSecurityGroupIngress",
                "RevokeSecurityGroupIngress");
        assertNoChanges(after, found(handler.read(known(created), List.of(), read)).get(address));
        handler.delete(created, new TestApplyContext(address)).join();
    }

    @Test
    void knownGroupWhoseStackTagsWereRemovedIsStillFoundByItsIdInTheSameCall(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "untagged", "security-group");
        Observed created = handler.create(spec(address, "shop-untagged-alb", List.of(rule(80, "0.0.0.0/0"))),
                new TestApplyContext(address)).join();
        Clients.ec2(aws).deleteTags(r -> r.resources(created.physicalId())
                .tags(t -> t.key(StackTags.STACK), t -> t.key(StackTags.ENVIRONMENT))).join();
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found = found(handler.read(known(created), List.of(), new ReadContext(STACK, ENV, calls)));

        assertThat(found).containsKey(address);
        assertThat(found.get(address).tags()).doesNotContainKey(StackTags.STACK);
        assertThat(calls.counts()).isEqualTo(Map.of("GetResources", 1, "DescribeSecurityGroups", 1));
        handler.delete(created, new TestApplyContext(address)).join();
    }

    @Test
    void groupTaggedWithTheStackButMissingFromTheStateIsFoundAtItsAddress() {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "orphan", "security-group");
        Observed created = handler.create(spec(address, "shop-orphan-alb", List.of(rule(80, "0.0.0.0/0"))),
                new TestApplyContext(address)).join();

        Map<ResourceAddress, Observed> found = found(handler.read(List.of(), List.of(), read));

        assertThat(found).containsKey(address);
        assertThat(found.get(address).physicalId()).isEqualTo(created.physicalId());
        handler.delete(created, new TestApplyContext(address)).join();
    }

    @Test
    void groupsOfOtherStacksAndEnvironmentsAreNotRead() {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "elsewhere", "security-group");
        ResourceSpec otherEnv = new ResourceSpec(address, Ec2Types.SECURITY_GROUP.name(), Mode.MANAGED,
                attributes("shop-prod-web-alb", List.of()), tags(STACK, "prod", address), Set.of(),
                Set.of());
        ResourceSpec otherStack = new ResourceSpec(address, Ec2Types.SECURITY_GROUP.name(), Mode.MANAGED,
                attributes("blog-web-alb", List.of()), tags("blog", ENV, address), Set.of(),
                Set.of());
        Observed prod = handler.create(otherEnv, new TestApplyContext(address)).join();
        Observed blog = handler.create(otherStack, new TestApplyContext(address)).join();

        assertThat(found(handler.read(List.of(), List.of(), read))).doesNotContainKey(address);

        handler.delete(prod, new TestApplyContext(address)).join();
        handler.delete(blog, new TestApplyContext(address)).join();
    }

    @Test
    void readMakesOneDescribeCallForAllGroupsOfTheStack() {
        List<Observed> created = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ResourceAddress address = new ResourceAddress("services", "app", "security-group", i);
            created.add(handler.create(spec(address, "shop-app-" + i, List.of(rule(8080, "10.0.0.0/16"))),
                    new TestApplyContext(address)).join());
        }
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found =
                found(handler.read(known(created.toArray(Observed[]::new)), List.of(), new ReadContext(STACK, ENV, calls)));

        assertThat(found).hasSize(4);
        assertThat(calls.counts()).isEqualTo(Map.of("GetResources", 1, "DescribeSecurityGroups", 1));
        created.forEach(group -> handler.delete(group, new TestApplyContext(group.address())).join());
    }

    /** Covers {@link EmulatorGaps#TAGGING_API_PAGES_BY_TAG_COUNT}: its pages hold 24 groups of 4 tags. */
    @Test
    void aStackTaggedOverSeveralPagesOfTheTaggingReadIsReadWhole() {
        String stack = "shop-pages";
        List<Observed> created = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ResourceAddress address = new ResourceAddress("services", "paged", "security-group", i);
            created.add(handler.create(ResourceSpec.managed(address, Ec2Types.SECURITY_GROUP.name(),
                    attributes("shop-paged-" + i, List.of()), tags(stack, ENV, address)),
                    new TestApplyContext(address)).join());
        }
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found = found(handler.read(List.of(), List.of(), new ReadContext(stack, ENV, calls)));

        assertThat(found).containsOnlyKeys(created.stream().map(Observed::address).toList());
        assertThat(calls.counts()).isEqualTo(Map.of("GetResources", 2, "DescribeSecurityGroups", 1));
        created.forEach(group -> handler.delete(group, new TestApplyContext(group.address())).join());
    }

    @Test
    void aCreateMadeTwiceGoesOnWithTheGroupTheFirstMade(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "again", "security-group");
        ResourceSpec desired = spec(address, "shop-again-alb", List.of(rule(80, "0.0.0.0/0"), rule(443, "0.0.0.0/0")));
        Observed first = handler.create(desired, new TestApplyContext(address)).join();
        TestApplyContext again = new TestApplyContext(address);

        Observed second = handler.create(desired, again).join();

        assertThat(second.physicalId()).isEqualTo(first.physicalId());
        assertThat(again.operations()).containsExactly("CreateSecurityGroup", "DescribeSecurityGroups");
        assertNoChanges(desired, found(handler.read(known(second), List.of(), read)).get(address));
        assertThat(groupsNamed(aws, "shop-again-alb")).hasSize(1);
        handler.delete(second, new TestApplyContext(address)).join();
    }

    @Test
    void aCreateWhoseEarlierAttemptMadeTheGroupButNotItsRulesAuthorizesThem(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "halfway", "security-group");
        ResourceSpec desired = spec(address, "shop-halfway-alb", List.of(rule(80, "0.0.0.0/0"), rule(443, "0.0.0.0/0")));
        String madeBefore = Clients.ec2(aws).createSecurityGroup(r -> r.groupName("shop-halfway-alb")
                .description("scaffold test group shop-halfway-alb").vpcId(vpcId)
                .tagSpecifications(Ec2Tags.onCreate(ResourceType.SECURITY_GROUP, desired.tags()))).join().groupId();

        Observed created = handler.create(desired, new TestApplyContext(address)).join();

        assertThat(created.physicalId()).isEqualTo(madeBefore);
        assertNoChanges(desired, found(handler.read(known(created), List.of(), read)).get(address));
        handler.delete(created, new TestApplyContext(address)).join();
    }

    @Test
    void aCreateWhoseAnswersWereLostRecordsTheGroupItMadeWithItsRules(AwsClients aws, EmulatorTarget emulator)
            throws Exception {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "lossy", "security-group");
        ResourceSpec desired = spec(address, "shop-lossy-alb", List.of(rule(80, "0.0.0.0/0"), rule(443, "0.0.0.0/0")));
        Observed created;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients lossy = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.inject("CreateSecurityGroup", Fault.LOST_RESPONSE);
            proxy.inject("AuthorizeSecurityGroupIngress", Fault.LOST_RESPONSE);

            created = new SecurityGroupHandler(lossy).create(desired, new TestApplyContext(address)).join();

            assertThat(proxy.forwardedOperations()).containsExactly("CreateSecurityGroup", "CreateSecurityGroup",
                    "DescribeSecurityGroups", "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupIngress");
        }
        assertThat(groupsNamed(aws, "shop-lossy-alb")).singleElement()
                .extracting(SecurityGroup::groupId).isEqualTo(created.physicalId());
        assertNoChanges(desired, found(handler.read(known(created), List.of(), read)).get(address));
        handler.delete(created, new TestApplyContext(address)).join();
    }

    /** Also covers {@link EmulatorGaps#SECURITY_GROUP_IN_UNKNOWN_VPC_ACCEPTED} with an error moto does return. */
    @Test
    void aGroupOfThatNameOfAnotherStackIsAClashNamingTheResourceOperationAndCode(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "twin", "security-group");
        ResourceSpec ours = spec(address, "shop-twin-alb", List.of());
        ResourceSpec theirs = new ResourceSpec(address, Ec2Types.SECURITY_GROUP.name(), Mode.MANAGED,
                attributes("shop-twin-alb", List.of()), tags("blog", ENV, address), Set.of(), Set.of());
        Observed existing = handler.create(theirs, new TestApplyContext(address)).join();

        assertThatThrownBy(() -> handler.create(ours, new TestApplyContext(address)).join())
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOfSatisfying(HandlerException.class, failure -> {
                    assertThat(failure.address()).isEqualTo(address);
                    assertThat(failure.operation()).isEqualTo("CreateSecurityGroup");
                    assertThat(failure.code()).isEqualTo("InvalidGroup.Duplicate");
                    assertThat(failure.getMessage()).isEqualTo("a security group named shop-twin-alb in " + vpcId
                            + " already exists and is not this stack's (its scaffold:stack is blog, not shop);"
                            + " delete it or rename the tier in the blueprint, then run again");
                });
        assertThat(groupsNamed(aws, "shop-twin-alb")).singleElement()
                .satisfies(group -> assertThat(Ec2Tags.toMap(group.tags())).isEqualTo(theirs.tags()));
        handler.delete(existing, new TestApplyContext(address)).join();
    }

    private static List<SecurityGroup> groupsNamed(AwsClients aws, String name) {
        return Clients.ec2(aws).describeSecurityGroups(r -> r.filters(f -> f.name("group-name").values(name)))
                .join().securityGroups();
    }

    private static ResourceSpec spec(ResourceAddress address, String name, List<Map<String, Object>> ingress) {
        return ResourceSpec.managed(address, Ec2Types.SECURITY_GROUP.name(), attributes(name, ingress), tags(address));
    }

    private static Map<String, Object> attributes(String name, List<Map<String, Object>> ingress) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", name);
        attributes.put("description", "scaffold test group " + name);
        attributes.put("vpcId", vpcId);
        attributes.put("ingress", ingress);
        return attributes;
    }

    private static Map<String, Object> rule(int port, String cidr) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("protocol", "tcp");
        rule.put("fromPort", port);
        rule.put("toPort", port);
        rule.put("cidr", cidr);
        return rule;
    }
}
