package dev.scaffold.refresh;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.provider.EarlierReads;
import dev.scaffold.schema.StackTags;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import dev.scaffold.state.State;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the reads of one refresh have found so far, for the reads that come after them: lookups, and
 * managed resources as {@link Ownership} will judge them, this state's only. At an address the state
 * records, that is the resource found with the recorded id (unless it carries another lineage); at
 * any other address, one tagged with the state's lineage.
 */
final class ReadSoFar implements EarlierReads {

    private final State state;
    private final Map<ResourceAddress, Observed> lookups = new ConcurrentHashMap<>();
    private final Map<ResourceAddress, List<Observed>> managed = new ConcurrentHashMap<>();

    ReadSoFar(State state) {
        this.state = state;
    }

    void addLookups(Collection<Observed> read) {
        read.forEach(observed -> lookups.put(observed.address(), observed));
    }

    void addManaged(Collection<Observed> read) {
        read.forEach(observed -> managed.computeIfAbsent(observed.address(), address -> new CopyOnWriteArrayList<>())
                .add(observed));
    }

    @Override
    public Optional<Observed> at(ResourceAddress address) {
        Observed lookup = lookups.get(address);
        if (lookup != null) {
            return Optional.of(lookup);
        }
        ResourceState recorded = state.resources().get(address);
        String lineage = state.lineage().toString();
        return managed.getOrDefault(address, List.of()).stream().filter(observed -> {
            String tagged = observed.tags().get(StackTags.LINEAGE);
            return recorded != null && recorded.physicalId() != null
                    ? recorded.physicalId().equals(observed.physicalId()) && (tagged == null || tagged.equals(lineage))
                    : Objects.equals(lineage, tagged);
        }).findFirst();
    }
}
