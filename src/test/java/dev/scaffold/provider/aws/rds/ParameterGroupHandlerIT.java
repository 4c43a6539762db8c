package dev.scaffold.provider.aws.rds;

import static dev.scaffold.provider.aws.Fixtures.ENV;
import static dev.scaffold.provider.aws.Fixtures.STACK;
import static dev.scaffold.provider.aws.Fixtures.assertNoChanges;
import static dev.scaffold.provider.aws.Fixtures.assertRefusedAsAnotherStacks;
import static dev.scaffold.provider.aws.Fixtures.found;
import static dev.scaffold.provider.aws.Fixtures.known;
import static dev.scaffold.provider.aws.Fixtures.planned;
import static dev.scaffold.provider.aws.Fixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.schema.RdsTypes;
import dev.scaffold.state.Observed;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.CountingCalls;
import dev.scaffold.testing.EmulatorGaps;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.FaultInjectingProxy;
import dev.scaffold.testing.FaultInjectingProxy.Fault;
import dev.scaffold.testing.TestApplyContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.rds.model.ApplyMethod;

@ExtendWith(AwsEmulator.class)
class ParameterGroupHandlerIT {

    private static ParameterGroupHandler handler;

    private final ReadContext read = new ReadContext(STACK, ENV);

    @BeforeAll
    static void startFresh(AwsClients aws) {
        handler = new ParameterGroupHandler(aws);
    }

    /** Dropping a parameter is {@code ParameterGroupUpdateTest}'s: {@link EmulatorGaps#RDS_PARAMETER_GROUP_RESET_MISSING}. */
    @Test
    void parameterGroupIsCreatedWithItsParametersReadUpdatedInPlaceAndDeleted() {
        ResourceAddress address = ResourceAddress.of("databases", "main", "parameter-group");
        ResourceSpec desired = spec(address, "shop-main", Map.of("rds.force_ssl", "1"));

        TestApplyContext creating = new TestApplyContext(address);
        Observed created = handler.create(desired, creating).join();
        assertThat(creating.operations()).containsExactly("CreateDBParameterGroup", "ModifyDBParameterGroup");
        assertThat(created.arn()).isEqualTo("arn:aws:rds:us-east-1:123456789012:pg:shop-main");
        Observed afterCreate = found(handler.read(known(created), List.of(), read)).get(address);
        assertNoChanges(desired, afterCreate);

        ResourceSpec changed = spec(address, "shop-main", Map.of("rds.force_ssl", "1", "log_min_duration_statement", "500"));
        TestApplyContext updating = new TestApplyContext(address);
        Observed updated = handler.update(changed, afterCreate, planned(changed, afterCreate), updating).join();
        assertThat(updating.operations()).containsExactly("ModifyDBParameterGroup");
        assertNoChanges(changed, found(handler.read(known(updated), List.of(), read)).get(address));

        handler.delete(updated, new TestApplyContext(address)).join();
        assertThat(found(handler.read(known(updated), List.of(changed), read))).doesNotContainKey(address);
    }

    /** The emulator lists no defaults at all ({@link EmulatorGaps#RDS_PARAMETER_GROUP_RESET_MISSING}); one set outside scaffold stands for them. */
    @Test
    void aReadGivesOnlyTheParametersTheBlueprintOrTheStateNames(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("databases", "quiet", "parameter-group");
        ResourceSpec desired = spec(address, "shop-quiet", Map.of("rds.force_ssl", "1"));
        Observed created = handler.create(desired, new TestApplyContext(address)).join();
        RdsClient.of(aws).modifyDBParameterGroup(r -> r.dbParameterGroupName("shop-quiet").parameters(p -> p
                .parameterName("work_mem").parameterValue("8192").applyMethod(ApplyMethod.IMMEDIATE))).join();

        assertThat(found(handler.read(known(created), List.of(), read)).get(address).attributes())
                .containsEntry("parameters", Map.of("rds.force_ssl", "1"));
        assertThat(found(handler.read(List.of(), List.of(spec(address, "shop-quiet", Map.of("work_mem", "4096"))),
                read)).get(address).attributes()).as("found by name, as the blueprint names it")
                .containsEntry("parameters", Map.of("work_mem", "8192"));
        handler.delete(created, new TestApplyContext(address)).join();
    }

    @Test
    void readDescribesEachGroupItsTagsAndItsParametersOneCallEach() {
        Observed first = create(ResourceAddress.of("databases", "a", "parameter-group"), "shop-a");
        Observed second = create(ResourceAddress.of("databases", "b", "parameter-group"), "shop-b");
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found = found(handler.read(known(first, second), List.of(),
                new ReadContext(STACK, ENV, calls)));

        assertThat(found).containsOnlyKeys(first.address(), second.address());
        assertThat(calls.counts()).isEqualTo(Map.of("GetResources", 1, "DescribeDBParameterGroups", 2,
                "ListTagsForResource", 2, "DescribeDBParameters", 2));
        found.values().forEach(group -> handler.delete(group, new TestApplyContext(group.address())).join());
    }

    @Test
    void aCreateWhoseAnswerWasLostGoesOnWithTheGroupItMadeAndSetsItsParameters(AwsClients aws, EmulatorTarget emulator)
            throws Exception {
        ResourceAddress address = ResourceAddress.of("databases", "lossy", "parameter-group");
        ResourceSpec desired = spec(address, "shop-lossy", Map.of("rds.force_ssl", "1"));
        Observed created;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients lossy = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.inject("CreateDBParameterGroup", Fault.LOST_RESPONSE);

            created = new ParameterGroupHandler(lossy).create(desired, new TestApplyContext(address)).join();

            assertThat(proxy.forwardedOperations()).containsExactly("CreateDBParameterGroup", "CreateDBParameterGroup",
                    "DescribeDBParameterGroups", "ListTagsForResource", "ModifyDBParameterGroup");
        }
        assertThat(RdsClient.of(aws).describeDBParameterGroups().join().dbParameterGroups())
                .filteredOn(group -> group.dbParameterGroupName().equals("shop-lossy")).hasSize(1);
        assertNoChanges(desired, found(handler.read(known(created), List.of(), read)).get(address));
        handler.delete(created, new TestApplyContext(address)).join();
    }

    @Test
    void aGroupOfThatNameOfAnotherStackIsAClashAndIsLeftAlone() {
        ResourceAddress address = ResourceAddress.of("databases", "twin", "parameter-group");
        ResourceSpec ours = spec(address, "shop-twin", Map.of("rds.force_ssl", "1"));
        Observed theirs = handler.create(ResourceSpec.managed(address, RdsTypes.PARAMETER_GROUP.name(), ours.attributes(),
                tags(STACK, "prod", address)), new TestApplyContext(address)).join();

        assertRefusedAsAnotherStacks(() -> handler.create(ours, new TestApplyContext(address)), "CreateDBParameterGroup",
                "DBParameterGroupAlreadyExists", "a DB parameter group named shop-twin already exists and is not this"
                        + " stack's (its scaffold:env is prod, not default); delete it or rename the tier in the"
                        + " blueprint, then run again");
        handler.delete(theirs, new TestApplyContext(address)).join();
    }

    private Observed create(ResourceAddress address, String name) {
        return handler.create(spec(address, name, Map.of("rds.force_ssl", "1")), new TestApplyContext(address)).join();
    }

    static ResourceSpec spec(ResourceAddress address, String name, Map<String, String> parameters) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", name);
        attributes.put("family", "postgres16");
        attributes.put("description", "The settings of the database " + name);
        attributes.put("parameters", parameters);
        return ResourceSpec.managed(address, RdsTypes.PARAMETER_GROUP.name(), attributes, tags(address));
    }
}
