package dev.scaffold.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TagChangesTest {

    @Test
    void changedAndNewTagsAreSetAndDroppedOnesRemovedButNeverAwsOwnedOnes() {
        Map<String, String> current = Map.of("team", "web", "owner", "ana", "aws:cloudformation:stack-name", "x",
                "scaffold:stack", "shop");
        Map<String, String> desired = Map.of("team", "payments", "cost-center", "4711", "scaffold:stack", "shop");

        TagChanges changes = TagChanges.between(current, desired);

        assertThat(changes.toSet()).isEqualTo(Map.of("team", "payments", "cost-center", "4711"));
        assertThat(changes.toRemove()).isEqualTo(Set.of("owner"));
    }

    @Test
    void equalTagsNeedNoChange() {
        assertThat(TagChanges.between(Map.of("a", "1"), Map.of("a", "1")).isEmpty()).isTrue();
    }

    @Test
    void tagsAreSetBeforeKeysAreRemoved() {
        List<String> calls = new ArrayList<>();

        TagChanges.between(Map.of("owner", "ana"), Map.of("team", "web")).apply(
                toSet -> record(calls, "set " + toSet),
                toRemove -> record(calls, "remove " + toRemove)).join();

        assertThat(calls).containsExactly("set {team=web}", "remove [owner]");
    }

    @Test
    void aSideWithNothingToDoMakesNoCall() {
        List<String> calls = new ArrayList<>();

        TagChanges.between(Map.of("owner", "ana", "team", "web"), Map.of("team", "web")).apply(
                toSet -> record(calls, "set " + toSet),
                toRemove -> record(calls, "remove " + toRemove)).join();

        assertThat(calls).containsExactly("remove [owner]");
    }

    private static CompletableFuture<Void> record(List<String> calls, String call) {
        calls.add(call);
        return CompletableFuture.completedFuture(null);
    }
}
