package dev.scaffold.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DagTest {

    @Test
    void remainingWeightIsTheHeaviestPathToTheEnd() {
        Dag<String> dag = Dag.of(Map.of("a", List.of(), "b", List.of("a"), "c", List.of("a"), "d", List.of("c")));

        Map<String, Long> remaining = dag.remainingWeights(node -> node.equals("d") ? 10 : 1);

        assertThat(remaining).containsEntry("a", 12L).containsEntry("b", 1L).containsEntry("c", 11L).containsEntry("d", 10L);
    }

    @Test
    void aVeryLongChainNeitherOverflowsNorLoops() {
        Map<Integer, List<Integer>> chain = new java.util.HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            chain.put(i, i == 0 ? List.of() : List.of(i - 1));
        }

        Dag<Integer> dag = Dag.of(chain);

        assertThat(dag.topologicalOrder()).hasSize(20_000).startsWith(0, 1, 2);
        assertThat(dag.criticalPath(n -> 1).weight()).isEqualTo(20_000);
    }

    @Test
    void findCycleReturnsNothingForAnAcyclicGraph() {
        assertThat(Dag.findCycle(Map.of("a", List.of("b"), "b", List.of()))).isEmpty();
    }

    @Test
    void ofRefusesACycle() {
        assertThatThrownBy(() -> Dag.of(Map.of("a", List.of("b"), "b", List.of("a"))))
                .hasMessageContaining("a → b → a");
    }
}
