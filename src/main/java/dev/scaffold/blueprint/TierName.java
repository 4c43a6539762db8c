package dev.scaffold.blueprint;

/** A tier of the blueprint, such as {@code databases.main}: its section and its name in that section. */
public record TierName(String section, String name) {

    @Override
    public String toString() {
        return section + "." + name;
    }
}
