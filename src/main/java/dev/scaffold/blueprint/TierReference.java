package dev.scaffold.blueprint;

/**
 * {@code ${SECTION.NAME.ATTRIBUTE}}: an attribute of another tier, known only after apply, and so a graph edge.
 *
 * <p>Singleton sections (monitoring) are written {@code ${monitoring.ATTRIBUTE}}; their {@code name} is the
 * section name.
 */
public record TierReference(String section, String name, String attribute) implements Part {

    /** The tier this reference points at. */
    public TierName tier() {
        return new TierName(section, name);
    }

    @Override
    public String toString() {
        return TierAttributes.isSingleton(section)
                ? "${" + section + "." + attribute + "}"
                : "${" + section + "." + name + "." + attribute + "}";
    }
}
