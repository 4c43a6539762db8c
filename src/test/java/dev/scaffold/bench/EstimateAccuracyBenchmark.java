package dev.scaffold.bench;

import dev.scaffold.cli.ScaffoldCommand;
import dev.scaffold.testing.AwsLatencies;
import dev.scaffold.testing.Certificates;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.FaultInjectingProxy;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Compares the estimate apply prints before it starts (from the schema's typical durations and the
 * plan's longest chain) with how long the apply then takes, for {@code blueprints/load-balancer.yaml},
 * against the emulator behind a proxy that makes it as slow as AWS where it matters: each call takes
 * {@code CALL_MILLIS} and a new load balancer stays {@code provisioning} for {@code PROVISION_SECONDS}
 * ({@link AwsLatencies}; the emulator makes it active at once). Destroys the stack afterwards. Run with:
 *
 * <pre>
 * SCAFFOLD_EMULATOR_PORT=4568 scripts/aws-emulator start
 * mvn -q test-compile exec:java -Dexec.mainClass=dev.scaffold.bench.EstimateAccuracyBenchmark \
 *     -Dexec.classpathScope=test -Dexec.args="http://127.0.0.1:4568 [PROVISION_SECONDS CALL_MILLIS]"   (defaults: 180 100)
 * SCAFFOLD_EMULATOR_PORT=4568 scripts/aws-emulator stop
 * </pre>
 */
public final class EstimateAccuracyBenchmark {

    private EstimateAccuracyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        URI emulator = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:4568");
        Duration provisioning = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 180);
        Duration perCall = Duration.ofMillis(args.length > 2 ? Long.parseLong(args[2]) : 100);
        System.setProperty("aws.accessKeyId", System.getProperty("aws.accessKeyId", "test"));
        System.setProperty("aws.secretAccessKey", System.getProperty("aws.secretAccessKey", "test"));
        String certificate = Certificates.request(new EmulatorTarget("moto", emulator, "123456789012"),
                "estimate.example.com");
        Path dir = Files.createTempDirectory("scaffold-estimate");
        Path blueprint = Files.copy(Path.of("blueprints", "load-balancer.yaml"), dir.resolve("blueprint.yaml"));
        System.out.printf(Locale.ROOT, "emulator %s behind a proxy: %d ms per call, load balancers provisioning for %d s%n",
                emulator, perCall.toMillis(), provisioning.toSeconds());

        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator)) {
            proxy.shapeAnswers(new AwsLatencies(perCall, provisioning));
            String[] apply = {"apply", "--auto-approve", "-f", blueprint.toString(), "--var", "certificate=" + certificate,
                    "--endpoint-url", proxy.endpoint().toString()};
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            PrintStream console = System.out;
            System.setOut(new PrintStream(new Tee(console, printed), true, StandardCharsets.UTF_8));
            long start = System.nanoTime();
            int code;
            try {
                code = ScaffoldCommand.commandLineFor(apply).execute(apply);
            } finally {
                System.setOut(console);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String estimate = printed.toString(StandardCharsets.UTF_8).lines()
                    .filter(line -> line.startsWith("Starting ")).findFirst().orElse("(no estimate printed)");
            System.out.printf(Locale.ROOT, "%napply exit %d%nestimate printed: %s%napply took (whole command, refresh and"
                    + " plan included): %.1f s%n", code, estimate, took.toMillis() / 1000.0);
        }
        String[] destroy = {"destroy", "--auto-approve", "-f", blueprint.toString(), "--var", "certificate=" + certificate,
                "--endpoint-url", emulator.toString(), "-q"};
        System.out.println("destroy exit " + ScaffoldCommand.commandLineFor(destroy).execute(destroy));
    }

    /** Writes to the console and keeps a copy, to find the estimate line in. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
