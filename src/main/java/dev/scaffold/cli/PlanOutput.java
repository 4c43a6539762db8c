package dev.scaffold.cli;

import dev.scaffold.plan.Plan;
import dev.scaffold.report.PlanJsonRenderer;
import dev.scaffold.report.PlanMarkdownRenderer;
import dev.scaffold.report.PlanTextRenderer;
import java.io.PrintWriter;

/** Prints a plan the way the user asked: JSON, or text with colour on a terminal. */
final class PlanOutput {

    private PlanOutput() {
    }

    /** The plan formats {@code scaffold plan --format} offers. */
    enum Format {
        text, json, markdown;

        /** The format when none is named: JSON with {@code --json}, else text. */
        static Format of(OutputOptions output) {
            return output.json() ? json : text;
        }
    }

    /**
     * @param color whether the text may be coloured
     * @param awsRead whether the plan was made after reading AWS, so "no changes" may say AWS matches
     */
    static void print(Plan plan, Format format, boolean color, boolean awsRead, PrintWriter out) {
        switch (format) {
            case json -> out.print(new PlanJsonRenderer().render(plan));
            case markdown -> out.print(new PlanMarkdownRenderer(awsRead).render(plan));
            case text -> out.print(new PlanTextRenderer(color, awsRead).render(plan));
        }
        out.flush();
    }
}
