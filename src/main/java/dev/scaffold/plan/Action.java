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

    /** The action's name in JSON documents: {@code no-op}, {@code create}, {@code update}, {@code replace}, {@code delete}. */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The action a {@link #jsonName()} names; anything else is an {@link IllegalArgumentException}. */
    public static Action fromJsonName(String name) {
        for (Action action : values()) {
            if (action.jsonName().equals(name)) {
                return action;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not an action");
    }

    /** Whether apply has anything to do. */
    public boolean isChange() {
        return this != NO_OP;
    }
}
