package dev.scaffold.plan;

/** What apply will do to one resource, with the symbol the plan shows for it. */
public enum Action {
    NO_OP(" "),
    CREATE("+"),
    UPDATE("~"),
    /** Delete the old resource and create a new one, because an attribute cannot change in place. */
    REPLACE("-/+"),
    DELETE("-");

    private final String symbol;

    Action(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether apply has anything to do. */
    public boolean isChange() {
        return this != NO_OP;
    }
}
