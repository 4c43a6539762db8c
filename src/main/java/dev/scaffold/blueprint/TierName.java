package dev.scaffold.blueprint;

/** A tier of the blueprint, such as {@code databases.main}: its section and its name in that section. */
public record TierName(String section, String name) {

    // Written out rather than generated: a record's generated equals and hashCode are bound on first use
    // through method handles, which costs every validate about 10 ms of start-up.
    @Override
    public boolean equals(Object other) {
        return other instanceof TierName t && section.equals(t.section) && name.equals(t.name);
    }

    @Override
    public int hashCode() {
        return section.hashCode() * 31 + name.hashCode();
    }

    @Override
    public String toString() {
        return section + "." + name;
    }
}
