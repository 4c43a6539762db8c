package dev.scaffold.provider.aws.elasticache;

import static dev.scaffold.provider.aws.Fixtures.ENV;
import static dev.scaffold.provider.aws.Fixtures.STACK;
import static dev.scaffold.provider.aws.Fixtures.assertNoChanges;
import static dev.scaffold.provider.aws.Fixtures.found;
import static dev.scaffold.provider.aws.Fixtures.known;
import static dev.scaffold.provider.aws.Fixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.Fixtures;
import dev.scaffold.schema.ElastiCacheTypes;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.Subnet;

/** Cache subnet groups against the emulator; changes and deletes are in {@link CacheSubnetGroupHandlerTest} ({@link EmulatorGaps#CACHE_SUBNET_GROUP_MODIFY_AND_DELETE_MISSING}). */
@ExtendWith(AwsEmulator.class)
class CacheSubnetGroupHandlerIT {

    private static CacheSubnetGroupHandler handler;
    private static AwsClients aws;
    private static List<String> subnets;

    private final ReadContext read = new ReadContext(STACK, ENV);

    @BeforeAll
    static void startFresh(AwsClients clients) {
        aws = clients;
        handler = new CacheSubnetGroupHandler(clients);
        subnets = Clients.ec2(clients).describeSubnets(r -> r.filters(f -> f.name("default-for-az").values("true")))
                .join().subnets().stream().map(Subnet::subnetId).sorted().toList();
    }

    @Test
    void groupIsCreatedAndReadBackWithoutChanges() {
        ResourceAddress address = ResourceAddress.of("caches", "main", "subnet-group");
        ResourceSpec desired = spec(address, "shop-main", subnets.subList(0, 2), tags(address));
        TestApplyContext creating = new TestApplyContext(address);

        Observed created = handler.create(desired, creating).join();

        assertThat(creating.operations()).containsExactly("CreateCacheSubnetGroup");
        assertThat(creating.created()).singleElement().extracting(Observed::physicalId).isEqualTo("shop-main");
        assertThat(created.arn()).isEqualTo("arn:aws:elasticache:us-east-1:123456789012:subnetgroup:shop-main");
        assertNoChanges(desired, found(handler.read(known(created), List.of(), read)).get(address));
    }

    @Test
    void aCreateWhoseAnswerWasLostGoesOnWithTheGroupItMade(EmulatorTarget emulator) throws Exception {
        ResourceAddress address = ResourceAddress.of("caches", "lost", "subnet-group");
        ResourceSpec desired = spec(address, "shop-lost", subnets.subList(0, 2), tags(address));
        Observed created;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients through = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.inject("CreateCacheSubnetGroup", FaultInjectingProxy.Fault.LOST_RESPONSE);

            created = new CacheSubnetGroupHandler(through).create(desired, new TestApplyContext(address)).join();

            assertThat(proxy.forwardedOperations()).containsExactly("CreateCacheSubnetGroup", "CreateCacheSubnetGroup",
                    "DescribeCacheSubnetGroups", "ListTagsForResource");
        }
        assertThat(created.physicalId()).isEqualTo("shop-lost");
        assertThat(CacheClient.of(aws).describeCacheSubnetGroups(r -> r.cacheSubnetGroupName("shop-lost")).join()
                .cacheSubnetGroups()).hasSize(1);
        assertNoChanges(desired, found(handler.read(known(created), List.of(), read)).get(address));
    }

    @Test
    void aGroupOfThatNameOfAnotherLineageIsAClashAndIsLeftAlone() {
        ResourceAddress address = ResourceAddress.of("caches", "twin", "subnet-group");
        Observed theirs = handler.create(spec(address, "shop-twin", subnets.subList(0, 2),
                lineage(tags(address), "5d0c1a4e-0000-4000-8000-000000000001")), new TestApplyContext(address)).join();
        ResourceSpec ours = spec(address, "shop-twin", subnets.subList(1, 3),
                lineage(tags(address), "9b7e6f2a-0000-4000-8000-000000000002"));

        Fixtures.assertRefusedAsAnotherStacks(() -> handler.create(ours, new TestApplyContext(address)),
                "CreateCacheSubnetGroup", "CacheSubnetGroupAlreadyExists", "a cache subnet group named shop-twin"
                        + " already exists and is not this stack's (its scaffold:lineage is"
                        + " 5d0c1a4e-0000-4000-8000-000000000001, not 9b7e6f2a-0000-4000-8000-000000000002); delete it"
                        + " or rename the tier in the blueprint, then run again");

        assertThat(found(handler.read(known(theirs), List.of(), read)).get(address).attributes())
                .containsEntry("subnetIds", subnets.subList(0, 2));
    }

    @Test
    void theStacksGroupsAreFoundByTheTaggingReadAndDescribedOneCallEachWithoutTagCalls() {
        String stack = "shop-many";
        List<Observed> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ResourceAddress address = new ResourceAddress("caches", "many", "subnet-group", i);
            created.add(handler.create(spec(address, "shop-many-" + i, subnets.subList(0, 2), tags(stack, ENV, address)),
                    new TestApplyContext(address)).join());
        }
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found = found(handler.read(known(created.get(0)), List.of(),
                new ReadContext(stack, ENV, calls)));

        assertThat(found).containsOnlyKeys(created.stream().map(Observed::address).toList());
        assertThat(calls.counts()).isEqualTo(Map.of("GetResources", 1, "DescribeCacheSubnetGroups", 3));
        CountingCalls none = new CountingCalls();
        assertThat(handler.read(List.of(), List.of(), new ReadContext("nobody", ENV, none))).isEmpty();
        assertThat(none.counts()).isEqualTo(Map.of("GetResources", 1));
    }

    private static ResourceSpec spec(ResourceAddress address, String name, List<String> subnetIds,
                                     Map<String, String> tags) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", name);
        attributes.put("description", "the cache's subnets");
        attributes.put("subnetIds", subnetIds);
        return ResourceSpec.managed(address, ElastiCacheTypes.SUBNET_GROUP.name(), attributes, tags);
    }

    private static Map<String, String> lineage(Map<String, String> tags, String lineage) {
        Map<String, String> with = new LinkedHashMap<>(tags);
        with.put(StackTags.LINEAGE, lineage);
        return with;
    }
}
