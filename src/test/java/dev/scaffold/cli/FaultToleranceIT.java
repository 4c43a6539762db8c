package dev.scaffold.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.state.State;
import dev.scaffold.state.StateCodec;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.Certificates;
import dev.scaffold.testing.EmulatorGaps;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.FaultInjectingProxy.Fault;
import dev.scaffold.testing.FaultInjectingProxy;
import dev.scaffold.testing.StackInEmulator;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apply and destroy on a network and an AWS that fail a fifth of all calls: the command line runs
 * {@code blueprints/load-balancer.yaml} through a {@link FaultInjectingProxy} that throttles, answers
 * 500 and 503, drops connections and loses responses of calls AWS carried out. Every apply and every
 * destroy must finish on its first run, and afterwards the state must name exactly what AWS holds.
 *
 * <p>What AWS holds is read straight from the emulator, not through the proxy. Each cycle's problems
 * are collected and reported together, so one run shows every cycle that failed and how.
 */
@ExtendWith(AwsEmulator.class)
class FaultToleranceIT {

    private static final int CYCLES = 10;
    private static final double FAILURE_RATE = 0.2;
    private static final long SEED = 20_260_101L;
    /** The stack name of {@code blueprints/load-balancer.yaml}. */
    private static final String STACK = "edge";

    @TempDir
    Path dir;

    private String certificate;
    private Path blueprint;

    /**
     * The proxy answers a retried CreateLoadBalancer or CreateListener whose first response it lost as AWS
     * would, with what the emulator answered the first attempt: {@link EmulatorGaps#LOAD_BALANCER_AND_LISTENER_CREATES_DUPLICATE}.
     */
    @Test
    void applyAndDestroyCompleteOnTheirFirstRunInEveryCycleAndLeaveTheStateEqualToAws(
            AwsClients aws, EmulatorTarget emulator) throws Exception {
        certificate = Certificates.request(emulator, "edge.example.com");
        blueprint = dir.resolve("blueprint.yaml");
        Files.copy(Path.of("blueprints", "load-balancer.yaml"), blueprint);
        List<String> problems = new ArrayList<>();

        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(emulator.endpoint(), FAILURE_RATE, SEED,
                EnumSet.allOf(Fault.class))) {
            proxy.replayLostAnswersOf(Set.of("CreateLoadBalancer", "CreateListener"));
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                if (!cycle(cycle, proxy, aws, emulator, problems)) {
                    problems.add("cycle " + cycle + ": stopped here, as what it left could not be cleaned up");
                    break;
                }
            }

            System.out.println("faults injected, by kind and operation: " + proxy.injected().stream()
                    .collect(Collectors.groupingBy(fault -> fault, TreeMap::new, Collectors.counting())));
            assertThat(problems).as("%s", proxy).isEmpty();
            for (Fault fault : Fault.values()) {
                assertThat(proxy.count(fault)).as("%s injected (%s)", fault, proxy).isPositive();
            }
        }
    }

    /** One apply and one destroy through the proxy; false when what they left could not be cleaned up. */
    private boolean cycle(int cycle, FaultInjectingProxy proxy, AwsClients aws, EmulatorTarget emulator,
                          List<String> problems) throws Exception {
        Instant began = Instant.now();
        CommandLineRun apply = scaffold(proxy.endpoint(), "apply", "--auto-approve");
        Duration applied = Duration.between(began, Instant.now());
        if (apply.exitCode() != ExitCodes.OK) {
            problems.add("cycle " + cycle + ": apply exited " + apply.exitCode() + ":\n" + indent(apply.err()));
        }
        Set<String> inState = idsInState();
        Set<String> inAws = idsOfTheStackIn(aws);
        if (!inState.equals(inAws)) {
            problems.add("cycle " + cycle + ": after apply the state holds " + inState + " but AWS holds " + inAws);
        }
        CommandLineRun plan = scaffold(emulator.endpoint(), "plan", "--detailed-exitcode");
        if (plan.exitCode() != ExitCodes.OK) {
            problems.add("cycle " + cycle + ": a plan right after apply exited " + plan.exitCode() + ":\n"
                    + indent(plan.out() + plan.err()));
        }

        began = Instant.now();
        CommandLineRun destroy = scaffold(proxy.endpoint(), "destroy", "--auto-approve");
        Duration destroyed = Duration.between(began, Instant.now());
        if (destroy.exitCode() != ExitCodes.OK) {
            problems.add("cycle " + cycle + ": destroy exited " + destroy.exitCode() + ":\n" + indent(destroy.err()));
        }
        Set<String> left = idsOfTheStackIn(aws);
        if (!left.isEmpty()) {
            problems.add("cycle " + cycle + ": after destroy AWS still holds " + left);
        }
        System.out.printf("cycle %d: apply exit %d in %ds, destroy exit %d in %ds; %s%n", cycle, apply.exitCode(),
                applied.toSeconds(), destroy.exitCode(), destroyed.toSeconds(), proxy);
        return left.isEmpty() || cleanedUp(emulator, aws);
    }

    /** Destroys what a failed cycle left, without faults, so the next cycle starts from nothing. */
    private boolean cleanedUp(EmulatorTarget emulator, AwsClients aws) {
        scaffold(emulator.endpoint(), "destroy", "--auto-approve");
        return idsOfTheStackIn(aws).isEmpty();
    }

    private CommandLineRun scaffold(URI endpoint, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-f", blueprint.toString(), "--var", "certificate=" + certificate,
                "--endpoint-url", endpoint.toString()));
        return CommandLineRun.of(Map.of(), all.toArray(String[]::new));
    }

    /** The physical ids of every resource the state records. */
    private Set<String> idsInState() throws Exception {
        Path states = dir.resolve(".scaffold");
        if (!Files.isDirectory(states)) {
            return Set.of();
        }
        Path file;
        try (Stream<Path> files = Files.list(states)) {
            file = files.filter(f -> f.toString().endsWith(".state.json")).findFirst().orElse(null);
        }
        if (file == null) {
            return Set.of();
        }
        State state = new StateCodec().decode(Files.readAllBytes(file));
        Set<String> ids = new TreeSet<>();
        state.resources().values().forEach(resource -> ids.add(resource.physicalId()));
        return ids;
    }

    /** The ids of the security groups, and ARNs of the load balancers, target groups and listeners, tagged with the stack. */
    private static Set<String> idsOfTheStackIn(AwsClients aws) {
        Set<String> ids = new TreeSet<>();
        ids.addAll(StackInEmulator.securityGroupIds(aws, STACK));
        ids.addAll(StackInEmulator.loadBalancerArns(aws, STACK));
        ids.addAll(StackInEmulator.targetGroupArns(aws, STACK));
        ids.addAll(StackInEmulator.listenerArns(aws, STACK));
        return ids;
    }

    private static String indent(String text) {
        return text.strip().lines().map(line -> "    " + line).reduce((a, b) -> a + "\n" + b).orElse("    (nothing)");
    }
}
