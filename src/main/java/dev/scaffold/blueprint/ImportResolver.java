package dev.scaffold.blueprint;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a blueprint file with its {@code imports}: each import is read (with its own imports) relative to
 * the importing file and merged first, in order, so that the importing file wins. Cycles are errors.
 *
 * <p>An imported file is a <em>fragment</em>: the sections of a blueprint, none of them required, since the
 * merged document is what must be complete. A fragment's own {@code blueprint:} is left out of the merge, as
 * the importing blueprint alone names the stack; so a file can be a blueprint of its own and imported too.
 */
final class ImportResolver {

    private final YamlReader reader;
    private final Diagnostics diagnostics;

    ImportResolver(YamlReader reader, Diagnostics diagnostics) {
        this.reader = reader;
        this.diagnostics = diagnostics;
    }

    /** The merged tree of {@code file}, or {@code null} when the file itself could not be read. */
    YamlNode.Mapping resolve(Path file) {
        return read(file, file.toString(), new ArrayDeque<>());
    }

    private YamlNode.Mapping read(Path file, String display, Deque<Visit> chain) {
        YamlNode node = reader.readFile(file, display, diagnostics);
        if (node == null) {
            return null;
        }
        if (!(node instanceof YamlNode.Mapping doc)) {
            String got = node instanceof YamlNode.Scalar s && s.isNull() ? "an empty document" : node.describe();
            diagnostics.error(node.origin(), "not-a-mapping", "a blueprint must be a mapping of keys such as "
                    + "'blueprint:' and 'region:', got " + got);
            return null;
        }
        boolean fragment = !chain.isEmpty();
        chain.push(new Visit(key(file), display));
        YamlNode merged = TreeMerge.empty(doc.origin());
        for (YamlNode item : items(doc.get("imports"))) {
            YamlNode.Mapping imported = importOne(item, file, display, chain);
            if (imported != null) {
                merged = TreeMerge.merge(merged, imported);
            }
        }
        chain.pop();
        YamlNode.Mapping own = fragment ? TreeMerge.without(doc, "imports", "blueprint") : TreeMerge.without(doc, "imports");
        return (YamlNode.Mapping) TreeMerge.merge(merged, own);
    }

    private List<YamlNode> items(YamlNode imports) {
        if (imports == null) {
            return List.of();
        }
        if (imports instanceof YamlNode.Sequence seq) {
            return seq.items();
        }
        diagnostics.error(imports.origin(), Fields.isNull(imports) ? "no-value" : "type",
                "imports must be a list of paths, got " + imports.describe());
        return List.of();
    }

    private YamlNode.Mapping importOne(YamlNode item, Path file, String display, Deque<Visit> chain) {
        if (item instanceof YamlNode.Mapping m && m.get("url") != null) {
            diagnostics.error(item.origin(), "import-unsupported", "imports from a URL are not supported yet; "
                    + "download the file and import it by path");
            return null;
        }
        if (!(item instanceof YamlNode.Scalar s) || !(s.value() instanceof String target)) {
            diagnostics.error(item.origin(), "type", "an import must be a path relative to " + display
                    + ", got " + (item instanceof YamlNode.Scalar s ? Fields.shown(s) : item.describe()));
            return null;
        }
        if (Fields.isBlank(target) || target.codePoints().anyMatch(Character::isISOControl)) {
            diagnostics.error(item.origin(), "invalid-path", "an import must be a path relative to " + display
                    + ", without control characters, got " + Quoted.of(target));
            return null;
        }
        if (target.startsWith("s3://") || target.contains("://")) {
            diagnostics.error(item.origin(), "import-unsupported", "import " + Quoted.of(target)
                    + " is not supported yet; only paths relative to the importing file are");
            return null;
        }
        Path path;
        try {
            path = file.resolveSibling(target).normalize();
        } catch (InvalidPathException e) {
            diagnostics.error(item.origin(), "invalid-path", "import " + Quoted.of(target)
                    + " is not a path this system can open: " + Quoted.oneLine(e.getReason()));
            return null;
        }
        String shown = displayOf(display, target);
        String key = key(path);
        List<Visit> visits = new ArrayList<>(chain);
        Collections.reverse(visits);
        for (int i = 0; i < visits.size(); i++) {
            if (visits.get(i).key().equals(key)) {
                String cycle = visits.subList(i, visits.size()).stream().map(v -> Quoted.bare(v.display()))
                        .collect(Collectors.joining(" → ")) + " → " + Quoted.bare(shown);
                diagnostics.error(item.origin(), "import-cycle", "import cycle: " + cycle);
                return null;
            }
        }
        if (!Files.isRegularFile(path)) {
            diagnostics.error(item.origin(), "import-not-found", "imported file " + Quoted.of(shown) + " does not exist");
            return null;
        }
        return read(path, shown, chain);
    }

    private static String displayOf(String importer, String target) {
        Path parent = Path.of(importer).getParent();
        return (parent == null ? Path.of(target) : parent.resolve(target)).normalize().toString();
    }

    private static String key(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }

    private record Visit(String key, String display) {}
}
