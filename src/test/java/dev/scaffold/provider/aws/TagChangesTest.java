package dev.scaffold.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
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
}
