package dev.scaffold.blueprint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The valid blueprints {@link BlueprintMutations} starts from: every example under {@code blueprints/}, every
 * starter of {@code scaffold init} and the test fixtures, two of them with the fragments they import.
 */
public final class MutationSeeds {

    private MutationSeeds() {}

    /**
     * A valid blueprint to mutate: its main file and the fragments it imports, by path relative to a directory.
     *
     * @param files every file of the seed, the main one first
     */
    public record Seed(String name, Map<String, String> files) {
        public String mainFile() {
            return files.keySet().iterator().next();
        }
    }

    /** Whether a file of a seed is a blueprint or fragment, not a file one names (a user-data template). */
    public static boolean isBlueprintFile(String path) {
        return path.endsWith(".yaml") || path.endsWith(".yml");
    }

    /** The seeds: every example under {@code blueprints/}, every starter of {@code scaffold init}, the fixtures. */
    public static List<Seed> all(Path projectDirectory, Map<String, String> starters) {
        List<Seed> seeds = new ArrayList<>();
        Path examples = projectDirectory.resolve("blueprints");
        String baseline = read(examples.resolve("shared/baseline.yaml"));
        seeds.add(new Seed("blueprints/web-app.yaml", files("blueprint.yaml", read(examples.resolve("web-app.yaml")),
                "shared/baseline.yaml", baseline,
                "templates/user-data/app.sh.ftl", read(examples.resolve("templates/user-data/app.sh.ftl")))));
        seeds.add(new Seed("blueprints/minimal.yaml", files("blueprint.yaml", read(examples.resolve("minimal.yaml")))));
        seeds.add(new Seed("blueprints/load-balancer.yaml",
                files("blueprint.yaml", read(examples.resolve("load-balancer.yaml")))));
        starters.forEach((name, text) -> seeds.add(new Seed("init " + name, files("blueprint.yaml", text))));
        seeds.add(new Seed("fixture placeholder-blueprint.yaml", files("blueprint.yaml",
                read(projectDirectory.resolve("src/test/resources/schema/placeholder-blueprint.yaml")))));
        seeds.add(new Seed("fixture every-type", files("blueprint.yaml", EVERY_TYPE)));
        Path fragments = projectDirectory.resolve("src/test/resources/schema/fragments");
        seeds.add(new Seed("fixture fragments", files("blueprint.yaml", read(fragments.resolve("blueprint.yaml")),
                "shared/baseline.yaml", read(fragments.resolve("shared/baseline.yaml")),
                "shared/network.yaml", read(fragments.resolve("shared/network.yaml")),
                "shared/web.yaml", read(fragments.resolve("shared/web.yaml")))));
        return seeds;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> files(String... pathsAndTexts) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            files.put(pathsAndTexts[i], pathsAndTexts[i + 1]);
        }
        return files;
    }

    /** A fixture with a variable of every type and every tier, so that mutations reach all of them. */
    private static final String EVERY_TYPE = """
            blueprint: fixture
            region: eu-west-1
            tags: { team: data, cost-center: "4711" }
            variables:
              instanceType: { type: string, default: t3.small }
              minInstances: { type: integer, default: 1 }
              cpuTarget: { type: number, default: 55.5 }
              multiAz: { type: boolean, default: true }
              domains: { type: list, default: [ www.fixture.example.com ] }
              labels: { type: map, default: { tier: web } }
              alarmEmail: { type: string, default: ops@fixture.example.com, sensitive: false }
            environments:
              staging:
                variables: { minInstances: 1, multiAz: false }
                services: { app: { capacity: { max: 2 } } }
              prod: { production: true, variables: { minInstances: 2 } }
            state: { backend: local }
            moved: [ { from: caches.old, to: caches.sessions } ]
            network: { vpc: vpc-0123456789abcdef0, subnets: [ subnet-0123456789abcdef0, subnet-0123456789abcdef1 ] }
            loadBalancers:
              web:
                algorithm: sticky
                https: { certificate: "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b" }
                healthCheck: { path: /health, intervalSeconds: 10, healthyThreshold: 3, unhealthyThreshold: 2 }
                rateLimit: { requestsPer5Minutes: 1000 }
                idleTimeoutSeconds: 120
            services:
              app:
                loadBalancer: web
                port: 8080
                image: ami-0abcdef1234567890
                instanceType: ${var.instanceType}
                capacity: { min: "${var.minInstances}", max: 4, desired: 2 }
                scaleOn: { cpuPercent: "${var.cpuTarget}" }
                environment: { DB_HOST: "${databases.main.endpoint}", MODE: "plain" }
            databases:
              main: { engine: mysql, version: "8.0", multiAz: "${var.multiAz}", readReplicas: 1, allowFrom: [ services.app ] }
            caches:
              sessions: { engine: valkey, replicas: 2, allowFrom: [ services.app ] }
            queues:
              jobs: { fifo: false, visibilityTimeoutSeconds: 120, retentionDays: 7, maxReceives: 3, consumers: [ services.app ], producers: [ services.app ] }
            cdn:
              site:
                origin: loadBalancers.web
                aliases: "${var.domains}"
                certificate: "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
            backups:
              nightly: { resources: [ databases.main ], rpoHours: 12, retentionDays: 14, copyToRegion: eu-central-1 }
            monitoring:
              notify: ${var.alarmEmail}
              alarms: { cpuPercent: 75.5, p95LatencyMs: 800 }
            policy:
              waive: [ { rule: SCF-RDS-004, reason: "fixture", until: 2030-01-31 } ]
            """;
}
