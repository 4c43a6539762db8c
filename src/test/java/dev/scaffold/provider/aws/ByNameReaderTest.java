package dev.scaffold.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.ApiCalls;
import dev.scaffold.provider.EarlierReads;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.SharedReads;
import dev.scaffold.schema.StackTags;
import dev.scaffold.state.Observed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ByNameReaderTest {

    private static final ResourceAddress GROUP = ResourceAddress.parse("services.app.group");
    private static final ResourceAddress POLICY = ResourceAddress.parse("services.app.scaling-policy");
    private static final Map<String, String> GROUP_TAGS = Map.of(StackTags.STACK, "shop", StackTags.ENVIRONMENT,
            "default", StackTags.LINEAGE, "11111111-0000-4000-8000-000000000000", StackTags.ADDRESS, GROUP.toString(),
            "team", "web");

    /** A child that cannot carry tags, named by its group and its own name, as AWS describes it. */
    private record Policy(String group, String name) {
    }

    private final List<Set<String>> lookups = new ArrayList<>();
    private final ByNameReader<String, Policy> reader = ByNameReader.ownedThrough("groupName",
            List.of("groupName", "name"), named -> named.string("groupName") + "/" + named.string("name"),
            policy -> policy.group() + "/" + policy.name(),
            (calls, names) -> {
                lookups.add(Set.copyOf(names));
                return CompletableFuture.completedFuture(
                        names.stream().map(name -> new Policy(name.split("/")[0], name.split("/")[1])).toList());
            });

    @Test
    void aChildFoundByItsNameStandsAtItsSpecsAddressWithItsParentsOwnership() {
        Observed group = new Observed(GROUP, "AWS::AutoScaling::AutoScalingGroup", "shop-app", null,
                Map.of("name", "shop-app"), GROUP_TAGS);

        List<Found<Policy>> found = reader.read(List.of(policy()), List.of(), context(address ->
                address.equals(GROUP) ? Optional.of(group) : Optional.empty()));

        assertThat(found).singleElement().satisfies(policy -> {
            assertThat(policy.address()).isEqualTo(POLICY);
            assertThat(policy.resource()).isEqualTo(new Policy("shop-app", "cpu"));
            assertThat(policy.tags()).containsEntry(StackTags.LINEAGE, GROUP_TAGS.get(StackTags.LINEAGE))
                    .containsEntry(StackTags.ADDRESS, POLICY.toString()).doesNotContainKey("team");
        });
    }

    @Test
    void aChildWhoseParentNoEarlierReadFoundHasNothingToFindAndCostsNoCall() {
        List<Found<Policy>> found = reader.read(List.of(policy()), List.of(), context(EarlierReads.NONE));

        assertThat(found).isEmpty();
        assertThat(lookups).isEmpty();
    }

    @Test
    void aSpecAlreadyFoundByIdOrTagIsNotLookedForAgain() {
        Found<Policy> byTag = new Found<>(POLICY, new Policy("shop-app", "cpu"), Map.of());

        assertThat(reader.read(List.of(policy()), List.of(byTag), context(address -> Optional.empty()))).isEmpty();
        assertThat(lookups).isEmpty();
    }

    private static ResourceSpec policy() {
        return ResourceSpec.managed(POLICY, "AWS::AutoScaling::ScalingPolicy",
                Map.of("groupName", new Ref(GROUP, "name"), "name", "cpu", "targetValue", 60), Map.of());
    }

    private static ReadContext context(EarlierReads earlier) {
        return new ReadContext("shop", "default", ApiCalls.DIRECT, SharedReads.none(), earlier);
    }
}
