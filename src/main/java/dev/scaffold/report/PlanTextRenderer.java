package dev.scaffold.report;

import dev.scaffold.plan.Action;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.plan.Differ;
import dev.scaffold.plan.ForeignResource;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.plan.ResourceChange;
import dev.scaffold.plan.Standing;
import dev.scaffold.schema.StackTags;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a {@link Plan} for a person at a terminal, the way Terraform does: one block per resource
 * that changes, with its symbol, address, type and attribute differences, then a summary line.
 * Colour is the caller's decision (TTY, {@code --no-color}, {@code NO_COLOR}).
 */
public final class PlanTextRenderer {

    private static final String RESET = "\u001B[0m";
    private static final String BOLD = "\u001B[1m";
    private static final String NORMAL = "\u001B[22m";
    private static final String RED = "\u001B[31m";
    private static final String GREEN = "\u001B[32m";
    private static final String YELLOW = "\u001B[33m";
    private static final String ARROW = " → ";
    private static final String LINEAGE_TAG = "tags." + StackTags.LINEAGE;
    /** What the lineage tag of a stack's first apply shows as: each plan before it picks another. */
    static final String NEW_LINEAGE = "(new lineage)";

    private final boolean color;
    private final boolean awsRead;

    /** @param color whether to use ANSI colours */
    public PlanTextRenderer(boolean color) {
        this(color, true);
    }

    /**
     * @param color whether to use ANSI colours
     * @param awsRead whether the plan was made after reading AWS; without that ({@code --refresh=false})
     *     it compares the blueprint with the state only, and must not claim that AWS matches
     */
    public PlanTextRenderer(boolean color, boolean awsRead) {
        this.color = color;
        this.awsRead = awsRead;
    }

    /** The whole plan as text, ending with a newline. */
    public String render(Plan plan) {
        List<ResourceChange> shown = shown(plan);
        StringBuilder out = new StringBuilder();
        if (plan.hasChanges()) {
            legend(out, shown);
            out.append("scaffold will perform the following actions:\n");
        }
        if (!shown.isEmpty()) {
            out.append('\n').append(blocks(shown, plan.newState())).append('\n');
        }
        out.append(summary(plan)).append('\n');
        long adopted = shown.stream().filter(ResourceChange::adopted).count();
        if (adopted > 0) {
            out.append(adopted == 1 ? "1 resource was" : adopted + " resources were")
                    .append(" found in AWS but missing from the state; apply will record ")
                    .append(adopted == 1 ? "it" : "them").append(" there.\n");
        }
        notProvisioned(out, plan);
        awaitingYou(out, plan);
        foreign(out, plan);
        refusal(out, plan);
        return out.toString();
    }

    /**
     * The warning about what the blueprint asks for that scaffold does not build yet: the plan leaves it
     * out, so a reviewer must not read the plan as complete. On stdout, with the plan, so {@code -q} keeps it.
     */
    private void notProvisioned(StringBuilder out, Plan plan) {
        if (!plan.notProvisioned().isEmpty()) {
            out.append('\n').append(notProvisionedWarning(plan));
        }
    }

    /** The warning about the parts of the blueprint a plan leaves out, one per line; empty when there are none. */
    public String notProvisionedWarning(Plan plan) {
        if (plan.notProvisioned().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append(paint(YELLOW, "warning:")).append(' ').append(NOT_PROVISIONED).append(":\n");
        plan.notProvisioned().forEach(part -> out.append("  ").append(part).append('\n'));
        return out.toString();
    }

    /** What AWS waits on the user for, one instruction a line: without it, apply waits until it gives up. */
    private void awaitingYou(StringBuilder out, Plan plan) {
        if (plan.awaitingYou().isEmpty()) {
            return;
        }
        out.append('\n').append(paint(YELLOW, "note:")).append(' ').append(AWAITING_YOU).append(":\n");
        plan.awaitingYou().forEach(instruction -> out.append("  ").append(instruction).append('\n'));
    }

    /** What the note about what AWS waits on the user for says before listing it. */
    static final String AWAITING_YOU = "AWS cannot finish these resources until you act, and apply waits for them";

    /** What the warning about parts not provisioned says before listing them. */
    static final String NOT_PROVISIONED = "this plan does not provision all the blueprint asks for; scaffold validates"
            + " these parts but does not build them yet, and apply leaves them out";

    /**
     * The warning about resources of another state: they are listed, never touched, and the user
     * is told what taking one over or removing it takes; a create that would clash is named.
     */
    private void foreign(StringBuilder out, Plan plan) {
        if (plan.foreign().isEmpty()) {
            return;
        }
        out.append('\n').append(paint(YELLOW, "warning:")).append(' ').append(plan.foreign().size())
                .append(plan.foreign().size() == 1 ? " resource" : " resources")
                .append(" in AWS that this state does not own stand where this plan's do: tagged with this stack and"
                        + " environment by another state (another checkout or a lost state file), or with the name a"
                        + " resource of this plan takes; scaffold will not adopt, change or delete them:\n");
        for (ForeignResource resource : plan.foreign()) {
            out.append("  ").append(resource.address()).append(" (").append(resource.type()).append(' ')
                    .append(resource.physicalId()).append(", ").append(resource.owner(plan.stack())).append(")\n");
        }
        out.append("To take one over, use scaffold import once it exists; to remove one, run scaffold destroy from the"
                + " checkout whose state owns it, or delete it in AWS.\n");
    }

    /** What apply or destroy will refuse the plan for, said in the plan as apply will say it. */
    private void refusal(StringBuilder out, Plan plan) {
        plan.refusal().ifPresent(why -> out.append('\n').append(paint(YELLOW, "warning:")).append(' ').append(why)
                .append('\n'));
    }

    /** The changes a plan shows: those that do something, and resources it adopts. */
    static List<ResourceChange> shown(Plan plan) {
        return plan.changes().stream().filter(c -> c.action().isChange() || c.adopted()).toList();
    }

    /**
     * One block per change, a blank line between them: the body of the plan, without legend and summary.
     *
     * @param newLineage whether the plan is made before the stack's first apply, when the {@code scaffold:lineage}
     *     tag it creates holds a lineage this plan alone picked: it shows as {@code (new lineage)}, so that two plans
     *     of the same blueprint read alike
     */
    String blocks(List<ResourceChange> shown, boolean newLineage) {
        StringBuilder out = new StringBuilder();
        for (ResourceChange change : shown) {
            if (out.length() > 0) {
                out.append('\n');
            }
            block(out, change, newLineage);
        }
        return out.toString();
    }

    /** The counts of the summary line, e.g. {@code 3 to add, 1 to change, 0 to replace, 0 to destroy.} */
    static String counts(Plan plan) {
        Map<Action, Integer> counts = plan.counts();
        return counts.get(Action.CREATE) + " to add, " + counts.get(Action.UPDATE) + " to change, "
                + plan.replaceCount() + " to replace, " + counts.get(Action.DELETE) + " to destroy.";
    }

    /**
     * What follows "No changes." for a plan, made after reading AWS or from the state alone; a plan that leaves
     * parts of the blueprint out does not claim to match all of it.
     */
    static String noChanges(Plan plan, boolean awsRead) {
        PlanMode mode = plan.mode();
        String blueprint = plan.notProvisioned().isEmpty() ? "the blueprint"
                : "the blueprint as far as scaffold provisions it (see the warning below)";
        if (!awsRead) {
            return (mode == PlanMode.DESTROY ? "The state holds nothing to destroy;" : "The state matches " + blueprint + ";")
                    + " AWS was not read (--refresh=false).";
        }
        return mode == PlanMode.DESTROY ? "There is nothing to destroy." : "AWS matches " + blueprint + ".";
    }

    private void legend(StringBuilder out, List<ResourceChange> shown) {
        Set<Action> used = EnumSet.noneOf(Action.class);
        shown.forEach(c -> used.add(c.action()));
        used.remove(Action.NO_OP);
        out.append("Resource actions are shown with these symbols:\n");
        for (Action action : used) {
            out.append(symbol(action)).append(' ').append(legendText(action)).append('\n');
        }
        out.append('\n');
    }

    private void block(StringBuilder out, ResourceChange change, boolean newLineage) {
        out.append("  # ").append(change.address()).append(' ').append(headline(change)).append('\n');
        if (change.adopted()) {
            out.append("  # (found in AWS by its scaffold tags, but missing from the state)\n");
        }
        out.append(symbol(change.action())).append(' ').append(bold(change.address().toString()))
                .append(" (").append(change.type()).append(")\n");
        int width = change.changes().stream().mapToInt(a -> a.name().length()).max().orElse(0);
        for (AttributeChange attribute : change.changes()) {
            attributeLine(out, attribute, width, newLineage);
        }
    }

    private void attributeLine(StringBuilder out, AttributeChange attribute, int width, boolean newLineage) {
        String name = attribute.name() + ":";
        out.append("      ").append(attributeSymbol(attribute)).append(' ')
                .append(name).append(" ".repeat(width + 1 - name.length())).append(' ')
                .append(newLineage && attribute.name().equals(LINEAGE_TAG) && attribute.before() == null
                        ? NEW_LINEAGE : values(attribute));
        if (attribute.forcesReplace()) {
            out.append(paint(RED, " # forces replacement"));
        }
        out.append('\n');
    }

    private static String values(AttributeChange attribute) {
        if (attribute.sensitive()) {
            return PlanValueText.SENSITIVE;
        }
        if (attribute.before() == null) {
            return PlanValueText.format(attribute.after());
        }
        return PlanValueText.format(attribute.before()) + ARROW + PlanValueText.format(attribute.after());
    }

    private String attributeSymbol(AttributeChange attribute) {
        if (attribute.before() == null) {
            return paint(GREEN, "+");
        }
        return attribute.after() == null ? paint(RED, "-") : paint(YELLOW, "~");
    }

    private static String headline(ResourceChange change) {
        return switch (change.action()) {
            case CREATE -> change.standing() == Standing.VANISHED
                    ? "was deleted outside scaffold: will be created" : "will be created";
            case UPDATE -> switch (change.standing()) {
                case ADOPTED -> "will be adopted and updated in place";
                case UNFINISHED -> "was left half-created: its create will be finished in place";
                default -> "will be updated in place";
            };
            case CREATE_THEN_DELETE, DELETE_THEN_CREATE -> change.replaceReasons().contains(Differ.TAINTED)
                    ? "is tainted, so it must be replaced" : "must be replaced";
            case DELETE -> change.standing() == Standing.VANISHED
                    ? "was deleted outside scaffold: will be removed from the state" : "will be destroyed";
            case NO_OP -> "will be adopted as it is";
        };
    }

    private static String legendText(Action action) {
        return switch (action) {
            case CREATE -> "create";
            case UPDATE -> "update in place, applied at once (never left for a maintenance window)";
            case CREATE_THEN_DELETE -> "create replacement and then destroy";
            case DELETE_THEN_CREATE -> "destroy and then create replacement";
            case DELETE -> "destroy";
            case NO_OP -> "no change";
        };
    }

    private String symbol(Action action) {
        String padded = " ".repeat(3 - action.symbol().length()) + action.symbol();
        return switch (action) {
            case CREATE -> paint(GREEN, padded);
            case UPDATE -> paint(YELLOW, padded);
            case CREATE_THEN_DELETE -> paint(GREEN, "+/") + paint(RED, "-");
            case DELETE_THEN_CREATE -> paint(RED, "-/") + paint(GREEN, "+");
            case DELETE -> paint(RED, padded);
            case NO_OP -> padded;
        };
    }

    private String summary(Plan plan) {
        if (!plan.hasChanges()) {
            return bold("No changes.") + " " + noChanges(plan, awsRead);
        }
        return bold("Plan:") + " " + counts(plan);
    }

    /** Bold, ended by normal intensity ({@code ESC[22m}) rather than a reset, as picocli's help is. */
    private String bold(String text) {
        return color ? BOLD + text + NORMAL : text;
    }

    private String paint(String code, String text) {
        return color ? code + text + RESET : text;
    }
}
