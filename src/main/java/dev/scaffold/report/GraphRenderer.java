package dev.scaffold.report;

import dev.scaffold.graph.DesiredGraph;
import dev.scaffold.graph.Mode;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;

/** Draws the desired graph as Graphviz dot or a Mermaid flowchart; an edge points at what is needed first. */
public final class GraphRenderer {

    /** The diagram languages {@code scaffold graph} writes. */
    public enum Format { dot, mermaid }

    private GraphRenderer() {
    }

    public static String render(DesiredGraph graph, Format format) {
        return switch (format) {
            case dot -> dot(graph);
            case mermaid -> mermaid(graph);
        };
    }

    private static String dot(DesiredGraph graph) {
        StringBuilder text = new StringBuilder("digraph scaffold {\n  rankdir=LR;\n  node [shape=box];\n");
        for (ResourceSpec spec : graph.resources()) {
            text.append("  \"").append(spec.address()).append("\" [label=\"").append(spec.address())
                    .append("\\n").append(spec.type()).append('"')
                    .append(spec.mode() == Mode.DATA ? ", style=dashed" : "").append("];\n");
        }
        for (ResourceSpec spec : graph.resources()) {
            for (ResourceAddress dependency : graph.dependenciesOf(spec.address())) {
                text.append("  \"").append(spec.address()).append("\" -> \"").append(dependency).append("\";\n");
            }
        }
        return text.append("}\n").toString();
    }

    private static String mermaid(DesiredGraph graph) {
        StringBuilder text = new StringBuilder("flowchart LR\n");
        for (ResourceSpec spec : graph.resources()) {
            String shape = spec.mode() == Mode.DATA ? "[/\"%s<br/>%s\"/]" : "[\"%s<br/>%s\"]";
            text.append("  ").append(id(spec.address()))
                    .append(String.format(shape, spec.address(), spec.type())).append('\n');
        }
        for (ResourceSpec spec : graph.resources()) {
            for (ResourceAddress dependency : graph.dependenciesOf(spec.address())) {
                text.append("  ").append(id(spec.address())).append(" --> ").append(id(dependency)).append('\n');
            }
        }
        return text.toString();
    }

    /** Mermaid node ids may not hold dots or brackets. */
    private static String id(ResourceAddress address) {
        return address.toString().replaceAll("[^A-Za-z0-9_]", "_");
    }
}
