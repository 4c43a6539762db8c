package dev.scaffold.graph;

import java.util.List;

/**
 * The heaviest chain of a graph and its total weight: the least time the whole graph can take.
 *
 * @param nodes the chain, each node depending on the one before it
 * @param weight the sum of the nodes' weights
 * @param <K> the node type
 */
public record CriticalPath<K>(List<K> nodes, long weight) {

    public CriticalPath {
        nodes = List.copyOf(nodes);
    }

    /** The chain as {@code a → b → c}. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (K node : nodes) {
            if (!text.isEmpty()) {
                text.append(" → ");
            }
            text.append(node);
        }
        return text.toString();
    }
}
