package dev.scaffold.bench;

import dev.scaffold.cli.ScaffoldCommand;
import dev.scaffold.testing.AwsLatencies;
import dev.scaffold.testing.FaultInjectingProxy;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the AWS calls, by action, of an apply that waits for many load balancers at once: a stack of
 * {@code COUNT} HTTP load balancers applied through a proxy that makes each call take {@code CALL_MILLIS}
 * and keeps every new load balancer {@code provisioning} for {@code PROVISION_SECONDS} ({@link AwsLatencies}),
 * as AWS does. The stack is planned and saved first, then the saved plan applied, so the apply's calls are
 * counted apart from the plan's (which looks up the names its creates will take). What it shows is how the
 * waits poll: one describe per waiting load balancer per interval, or one per batch of them. Destroys the
 * stack afterwards. Run with:
 *
 * <pre>
 * SCAFFOLD_EMULATOR_PORT=4568 scripts/aws-emulator start
 * mvn -q test-compile exec:java -Dexec.mainClass=dev.scaffold.bench.WaitPollsBenchmark \
 *     -Dexec.classpathScope=test -Dexec.args="http://127.0.0.1:4568 [COUNT PROVISION_SECONDS CALL_MILLIS]"   (defaults: 100 180 100)
 * SCAFFOLD_EMULATOR_PORT=4568 scripts/aws-emulator stop
 * </pre>
 */
public final class WaitPollsBenchmark {

    private WaitPollsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        URI emulator = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:4568");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Duration provisioning = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 180);
        Duration perCall = Duration.ofMillis(args.length > 3 ? Long.parseLong(args[3]) : 100);
        System.setProperty("aws.accessKeyId", System.getProperty("aws.accessKeyId", "test"));
        System.setProperty("aws.secretAccessKey", System.getProperty("aws.secretAccessKey", "test"));
        Path dir = Files.createTempDirectory("scaffold-wait-polls");
        Path blueprint = blueprint(dir, count);
        System.out.printf(Locale.ROOT, "%d load balancers, emulator %s behind a proxy: %d ms per call,"
                + " load balancers provisioning for %d s%n", count, emulator, perCall.toMillis(), provisioning.toSeconds());

        Path plan = dir.resolve("apply.plan");
        Map<String, Integer> planCalls;
        Map<String, Integer> applyCalls;
        int code;
        long start;
        Duration took;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator)) {
            proxy.shapeAnswers(new AwsLatencies(perCall, provisioning));
            code = quietly(new String[] {"plan", "-q", "-f", blueprint.toString(), "--out", plan.toString(),
                    "--endpoint-url", proxy.endpoint().toString()});
            planCalls = byOperation(proxy.forwardedOperations());
            int planned = proxy.forwardedOperations().size();
            start = System.nanoTime();
            code = code != 0 ? code : quietly(new String[] {"apply", "-q", plan.toString(),
                    "--endpoint-url", proxy.endpoint().toString()});
            took = Duration.ofNanos(System.nanoTime() - start);
            applyCalls = byOperation(proxy.forwardedOperations().subList(planned, proxy.forwardedOperations().size()));
        }
        print("plan", planCalls);
        System.out.printf(Locale.ROOT, "apply of the saved plan: exit %d in %.1f s%n", code, took.toMillis() / 1000.0);
        print("apply", applyCalls);
        // Every load balancer waits nearly the whole apply: created in its first seconds, active at its end.
        int describes = applyCalls.getOrDefault("DescribeLoadBalancers", 0);
        double intervals = took.toMillis() / 5000.0;
        System.out.printf(Locale.ROOT, "apply's DescribeLoadBalancers per 5 s of the apply: %.1f, that is one per %.1f"
                + " waiting load balancers%n", describes / intervals, count * intervals / Math.max(1, describes));
        System.out.println("destroy exit " + quietly(new String[] {"destroy", "--auto-approve", "-q", "-f",
                blueprint.toString(), "--endpoint-url", emulator.toString()}));
    }

    private static Map<String, Integer> byOperation(List<String> operations) {
        Map<String, Integer> calls = new TreeMap<>();
        operations.forEach(operation -> calls.merge(operation, 1, Integer::sum));
        return calls;
    }

    private static void print(String what, Map<String, Integer> calls) {
        System.out.printf(Locale.ROOT, "%s: %d calls%n", what, calls.values().stream().mapToInt(Integer::intValue).sum());
        calls.forEach((operation, n) -> System.out.printf(Locale.ROOT, "  %-36s %6d%n", operation, n));
    }

    private static Path blueprint(Path dir, int count) throws IOException {
        StringBuilder yaml = new StringBuilder("blueprint: polls\nregion: us-east-1\nloadBalancers:\n");
        for (int i = 0; i < count; i++) {
            yaml.append("  lb").append(i).append(": { healthCheck: { path: /health } }\n");
        }
        return Files.writeString(dir.resolve("blueprint.yaml"), yaml);
    }

    /** Runs scaffold in this JVM with its output discarded, so the figures stand alone. */
    private static int quietly(String[] args) {
        PrintStream console = System.out;
        System.setOut(new PrintStream(PrintStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return ScaffoldCommand.commandLineFor(args).execute(args);
        } finally {
            System.setOut(console);
        }
    }
}
