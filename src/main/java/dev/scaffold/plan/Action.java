package dev.scaffold.plan;

import java.util.Locale;

/**
 * What apply will do to one resource, with the symbol the plan shows for it. A replace is planned
 * with its order, so apply carries out the order the plan showed and never decides another.
 */
public enum Action {
    NO_OP(" "),
    CREATE("+"),
    UPDATE("~"),
    /** Create the new resource, move what uses the old one over, then delete the old one. */
    CREATE_THEN_DELETE("+/-"),
    /** Delete the old resource, then create the new one: the two cannot exist at once. */
    DELETE_THEN_CREATE("-/+"),
    DELETE("-");

    private final String symbol;

    Action(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /**
     * The action's name in JSON documents: {@code no-op}, {@code create}, {@code update},
     * {@code create-then-delete}, {@code delete-then-create}, {@code delete}.
     */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
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

    /** Whether the resource is replaced, in either order. */
    public boolean isReplace() {
        return this == CREATE_THEN_DELETE || this == DELETE_THEN_CREATE;
    }

    /** Whether apply deletes a resource: a delete or the delete half of a replace. */
    public boolean deletes() {
        return this == DELETE || isReplace();
    }

    /** Whether apply creates or updates a resource: a create, an update or the create half of a replace. */
    public boolean applies() {
        return this == CREATE || this == UPDATE || isReplace();
    }
}
