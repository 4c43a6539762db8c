package dev.scaffold.bench;

import dev.scaffold.apply.ExecutionRequest;
import dev.scaffold.apply.ExecutionResult;
import dev.scaffold.apply.InMemoryStateStore;
import dev.scaffold.apply.ResourceOutcome;
import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.blueprint.BlueprintLoader;
import dev.scaffold.blueprint.LoadRequest;
import dev.scaffold.components.Components;
import dev.scaffold.engine.Applier;
import dev.scaffold.engine.PlanOptions;
import dev.scaffold.engine.Planner;
import dev.scaffold.engine.Stack;
import dev.scaffold.graph.Mode;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.DiffInput;
import dev.scaffold.plan.Plan;
import dev.scaffold.plan.PlanMode;
import dev.scaffold.provider.HandlerRegistry;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.AwsProvider;
import dev.scaffold.refresh.Actual;
import dev.scaffold.refresh.Refresher;
import dev.scaffold.state.State;
import dev.scaffold.testing.Certificates;
import dev.scaffold.testing.Clients;
import dev.scaffold.testing.EmulatorTarget;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures what a plan costs as a stack grows, against the AWS emulator (DESIGN.md §11: AWS calls
 * per plan grow with the resource types, not the resources; a 500-resource stack plans in ≤ 3×
 * the time of a 10-resource one).
 *
 * <p>Both stacks are blueprints of HTTPS load balancers (HTTP redirecting to HTTPS), 5 resources
 * each, plus the network's two lookups: 2 load balancers for the small stack, 100 for the big one. With
 * {@code web} as the last argument each load balancer has a service behind it (the web tier: 12 resources a
 * pair, plus the stack's KMS key and its account lookup).
 * They are loaded, expanded and planned as {@code scaffold plan} does (BlueprintLoader, Components,
 * Stack, Planner with its Refresher and Differ, on one {@link AwsClients}), and applied once with
 * the Applier; that setup is not timed. A timed plan is {@link Planner#plan} with refresh, from the
 * state the apply wrote, and must find no changes. Before each timed plan a refresh of its own
 * (the one the Planner runs, whose counts the Planner does not hand out) counts the calls by
 * operation; it is timed too, so that plan minus refresh shows what diffing costs.
 *
 * <p>A refresh finds the stack's resources by their tags (the Resource Groups Tagging API's
 * GetResources, one call per page) and describes them by id, so a stack's refresh should cost the
 * same whatever else the region holds. The small stack is measured alone (on an emulator holding
 * nothing else) and again as the series "10-resource stack with 500 other resources in the region",
 * beside the big stack, the two stacks' plans taking turns so that other load on the machine hits
 * both alike; the summary shows both series' calls and their difference, and the big stack's calls
 * per resource. Each series starts with one untimed plan (JIT, connections). Both stacks are
 * destroyed at the end.
 *
 * <p>The emulator ends a GetResources page at 100 tags, where AWS would fill it with up to 100
 * resources ({@link dev.scaffold.testing.EmulatorGaps#TAGGING_API_PAGES_BY_TAG_COUNT}), so its
 * GetResources figure for the big stack is higher than AWS's would be.
 *
 * <p>Start an emulator and run with:
 *
 * <pre>
 * SCAFFOLD_EMULATOR_PORT=4566 scripts/aws-emulator start
 * mvn -q test-compile exec:java -Dexec.mainClass=dev.scaffold.bench.RefreshCostBenchmark \
 *     -Dexec.classpathScope=test -Dexec.args="http://127.0.0.1:4566 [RUNS SMALL_LBS BIG_LBS PARALLELISM [web]]"
 *     (defaults: 5 2 100 10; PARALLELISM is {@code scaffold plan --parallelism})
 * </pre>
 */
public final class RefreshCostBenchmark {

    /** Where the benchmark's stacks live: the emulator's region and account. */
    private static final DiffInput.Location LOCATION = new DiffInput.Location("us-east-1", "123456789012");

    /** {@code scaffold plan}'s default {@code --parallelism}. */
    private static final int DEFAULT_PARALLELISM = 10;
    private static final double TARGET_RATIO = 3.0;
    /** How many calls a stack's refresh may differ by with other resources in the region. */
    private static final int SAME_COST_TOLERANCE = 2;
    /** The account moto reports for any credentials; the certificate request does not use it. */
    private static final String EMULATOR_ACCOUNT = "123456789012";

    private final AwsClients aws;
    private final HandlerRegistry handlers;
    private final Planner planner;
    private final Refresher refresher;
    private final Path blueprints;
    private final int runs;
    private final int parallelism;
    /** Whether each load balancer has a service behind it. */
    private final boolean services;

    private RefreshCostBenchmark(AwsClients aws, Path blueprints, int runs, int parallelism, boolean services) {
        this.aws = aws;
        this.handlers = AwsProvider.handlers(aws);
        this.refresher = new Refresher(handlers, parallelism);
        this.planner = new Planner(handlers, refresher);
        this.blueprints = blueprints;
        this.runs = runs;
        this.parallelism = parallelism;
        this.services = services;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        URI endpoint = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:4566");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int smallLoadBalancers = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int bigLoadBalancers = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        int parallelism = args.length > 4 ? Integer.parseInt(args[4]) : DEFAULT_PARALLELISM;
        boolean services = args.length > 5 && args[5].equals("web");
        EmulatorTarget emulator = new EmulatorTarget("moto", endpoint, EMULATOR_ACCOUNT);
        Path blueprints = Files.createTempDirectory("scaffold-refresh-cost");
        try (AwsClients aws = new AwsClients(emulator.settings())) {
            String certificate = Certificates.request(emulator, "bench.example.com");
            new RefreshCostBenchmark(aws, blueprints, runs, parallelism, services)
                    .run(certificate, smallLoadBalancers, bigLoadBalancers);
        } finally {
            try (var files = Files.list(blueprints)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(blueprints);
        }
    }

    private void run(String certificate, int smallLoadBalancers, int bigLoadBalancers) throws IOException {
        Stack small = stack("bench-small", smallLoadBalancers, certificate);
        Stack big = stack("bench-big", bigLoadBalancers, certificate);
        System.out.printf(Locale.ROOT, "emulator %s, refresh parallelism %d, %d timed plans per series; %s%n",
                aws.settings().endpoint(), parallelism, runs, services
                        ? "HTTPS load balancers, each with a service behind it (12 resources a pair, one KMS key a stack)"
                        : "HTTPS load balancers with HTTP redirecting (5 resources each)");

        Series smallAlone = new Series("small alone", small, apply(small, null), 0);
        measure(List.of(smallAlone));
        State bigState = apply(big, null);
        Series smallBeside = new Series("small + others", small, smallAlone.state, managed(big));
        Series bigSeries = new Series("big", big, bigState, managed(small));
        measure(List.of(smallBeside, bigSeries));

        List<Series> all = List.of(smallAlone, smallBeside, bigSeries);
        printLegend(all);
        printSummary(all);
        printCalls(all);
        System.out.println();
        printSameCost(smallAlone, smallBeside);
        printCallsPerResource(bigSeries);
        printRatio("big / small, both in the region", bigSeries, smallBeside);
        printRatio("big / small alone in the region", bigSeries, smallAlone);

        apply(big, bigSeries.state, PlanMode.DESTROY);
        apply(small, smallAlone.state, PlanMode.DESTROY);
        System.out.println("both stacks destroyed");
    }

    /** One stack planned repeatedly beside a fixed number of other resources: its timings and what a refresh calls. */
    private static final class Series {
        final String name;
        final Stack stack;
        final State state;
        final List<Long> planNanos = new ArrayList<>();
        final List<Long> refreshNanos = new ArrayList<>();
        /** The managed resources of other stacks in the region while the series runs. */
        final long others;
        Map<String, Integer> calls;
        int loadBalancersInRegion;

        Series(String name, Stack stack, State state, long others) {
            this.name = name;
            this.stack = stack;
            this.state = state;
            this.others = others;
        }

        long resources() {
            return managed(stack);
        }

        int totalCalls() {
            return calls.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private void measure(List<Series> series) {
        for (Series s : series) {
            s.loadBalancersInRegion = loadBalancersInRegion();
            planWithoutChanges(s); // warm-up, not reported
        }
        for (int run = 0; run < runs; run++) {
            for (Series s : series) {
                long start = System.nanoTime();
                Actual actual = refresher.refresh(s.state, s.stack.graph().resources());
                s.refreshNanos.add(System.nanoTime() - start);
                if (s.calls == null) {
                    s.calls = actual.callsByOperation();
                } else if (!s.calls.equals(actual.callsByOperation())) {
                    throw new IllegalStateException(s.name + ": the calls of a refresh changed from " + s.calls
                            + " to " + actual.callsByOperation());
                }
                start = System.nanoTime();
                planWithoutChanges(s);
                s.planNanos.add(System.nanoTime() - start);
            }
        }
    }

    // A plan with changes would time an apply's worth of diffing against a drifted emulator, not a steady stack.
    private void planWithoutChanges(Series s) {
        Plan plan = planner.plan(s.stack, s.state, LOCATION, PlanOptions.normal());
        if (plan.hasChanges()) {
            throw new IllegalStateException(s.name + ": the plan after apply has changes: " + plan.changes().stream()
                    .filter(change -> change.action().isChange())
                    .map(change -> change.action() + " " + change.address() + " " + change.changes()).toList());
        }
    }

    private static void printLegend(List<Series> all) {
        System.out.printf(Locale.ROOT, "%nseries%n");
        for (Series s : all) {
            System.out.printf(Locale.ROOT, "  %-16s %d-resource stack%s%n", s.name, s.resources(),
                    s.others == 0 ? ", alone in the region" : " with " + s.others + " other resources in the region");
        }
    }

    private void printSummary(List<Series> all) {
        System.out.printf(Locale.ROOT, "%n%-16s %9s %7s %6s %7s %13s %9s %9s %24s %15s%n", "series", "resources",
                "lookups", "types", "others", "LBs in region", "AWS calls", "calls/res", "plan ms median (min-max)",
                "refresh ms med.");
        for (Series s : all) {
            List<ResourceSpec> specs = s.stack.graph().resources();
            long types = specs.stream().map(ResourceSpec::type).distinct().count();
            System.out.printf(Locale.ROOT, "%-16s %9d %7d %6d %7d %13d %9d %9.2f %24s %15.0f%n", s.name, s.resources(),
                    specs.size() - s.resources(), types, s.others, s.loadBalancersInRegion, s.totalCalls(),
                    (double) s.totalCalls() / s.resources(),
                    String.format(Locale.ROOT, "%.0f (%.0f-%.0f)", median(s.planNanos) / 1e6,
                            s.planNanos.stream().mapToLong(Long::longValue).min().orElseThrow() / 1e6,
                            s.planNanos.stream().mapToLong(Long::longValue).max().orElseThrow() / 1e6),
                    median(s.refreshNanos) / 1e6);
        }
    }

    /** The small stack's calls alone and beside the others: the same, give or take {@value #SAME_COST_TOLERANCE}. */
    private static void printSameCost(Series alone, Series beside) {
        int difference = beside.totalCalls() - alone.totalCalls();
        System.out.printf(Locale.ROOT, "AWS calls of the %d-resource stack: %d alone, %d with %d other resources"
                        + " in the region: difference %+d (target within +-%d: %s)%n", alone.resources(),
                alone.totalCalls(), beside.totalCalls(), beside.others, difference, SAME_COST_TOLERANCE,
                Math.abs(difference) <= SAME_COST_TOLERANCE ? "met" : "missed");
    }

    private static void printCallsPerResource(Series big) {
        double perResource = (double) big.totalCalls() / big.resources();
        System.out.printf(Locale.ROOT, "AWS calls per resource of the %d-resource stack: %d / %d = %.2f"
                        + " (target <= 1: %s)%n", big.resources(), big.totalCalls(), big.resources(), perResource,
                perResource <= 1 ? "met" : "missed");
    }

    private static void printCalls(List<Series> all) {
        Set<String> operations = new TreeSet<>();
        all.forEach(s -> operations.addAll(s.calls.keySet()));
        System.out.printf(Locale.ROOT, "%nAWS calls per plan, by operation%n%-32s", "operation");
        all.forEach(s -> System.out.printf(Locale.ROOT, " %18s", s.name));
        System.out.println();
        for (String operation : operations) {
            System.out.printf(Locale.ROOT, "%-32s", operation);
            all.forEach(s -> System.out.printf(Locale.ROOT, " %18d", s.calls.getOrDefault(operation, 0)));
            System.out.println();
        }
    }

    private static void printRatio(String what, Series big, Series small) {
        double ratio = median(big.planNanos) / median(small.planNanos);
        System.out.printf(Locale.ROOT, "plan time %s: %.2f (target <= %.0f: %s)%n", what, ratio, TARGET_RATIO,
                ratio <= TARGET_RATIO ? "met" : "missed");
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }

    /**
     * A blueprint of {@code count} HTTPS load balancers, each with a service behind it when {@link #services} says
     * so, loaded and expanded as {@code scaffold plan} does.
     */
    private Stack stack(String name, int count, String certificate) throws IOException {
        StringBuilder yaml = new StringBuilder()
                .append("blueprint: ").append(name).append('\n')
                .append("region: us-east-1\n")
                .append("tags: { team: web }\n")
                .append("variables:\n  certificate: { type: string }\n")
                .append("network: { vpc: default, subnets: default }\n")
                .append("loadBalancers:\n");
        for (int i = 0; i < count; i++) {
            yaml.append(String.format(Locale.ROOT, "  web%03d:%n", i))
                    .append("    https: { certificate: \"${var.certificate}\" }\n")
                    .append("    redirectHttp: true\n")
                    .append("    healthCheck: { path: /health }\n");
        }
        if (services) {
            yaml.append("services:\n");
            for (int i = 0; i < count; i++) {
                // The emulator runs no instance refresh (EmulatorGaps.INSTANCE_REFRESHES_MISSING); a plan needs none.
                yaml.append(String.format(Locale.ROOT, "  app%03d:%n", i))
                        .append(String.format(Locale.ROOT, "    loadBalancer: web%03d%n", i))
                        .append("    image: ami-1e749f67\n")
                        .append("    capacity: { min: 1, max: 2 }\n")
                        .append("    deploy: { strategy: none }\n");
            }
        }
        Path file = blueprints.resolve(name + ".yaml");
        Files.writeString(file, yaml);
        Blueprint blueprint = new BlueprintLoader(Map.of())
                .load(new LoadRequest(file, null, Map.of("certificate", certificate), List.of()));
        return Stack.of(blueprint, new Components().expansion(blueprint));
    }

    private State apply(Stack stack, State prior) {
        return apply(stack, prior, PlanMode.NORMAL);
    }

    /** Plans and applies as {@code scaffold apply --auto-approve} does, returning the state it wrote last. */
    private State apply(Stack stack, State prior, PlanMode mode) {
        long start = System.nanoTime();
        Plan plan = planner.plan(stack, prior, LOCATION, new PlanOptions(mode, Set.of(), true));
        State from = Applier.startingState(plan, prior);
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        try {
            ExecutionResult result = new Applier().apply(stack, ExecutionRequest.of(plan, handlers, from,
                    new InMemoryStateStore(from), scheduler));
            if (!result.succeeded()) {
                throw new IllegalStateException(stack.name() + ": " + mode + " apply failed: "
                        + result.failures().stream().map(ResourceOutcome::describe).toList());
            }
            System.out.printf(Locale.ROOT, "setup: %s %s, %d changes in %.1f s%n", mode.name().toLowerCase(Locale.ROOT),
                    stack.name(), result.outcomes().size(), (System.nanoTime() - start) / 1e9);
            return result.state();
        } finally {
            scheduler.shutdownNow();
        }
    }

    private static long managed(Stack stack) {
        return stack.graph().resources().stream().filter(spec -> spec.mode() == Mode.MANAGED).count();
    }

    private int loadBalancersInRegion() {
        AtomicInteger count = new AtomicInteger();
        Clients.elbv2(aws).describeLoadBalancersPaginator(request -> { }).loadBalancers()
                .subscribe(lb -> count.incrementAndGet()).join();
        return count.get();
    }
}
