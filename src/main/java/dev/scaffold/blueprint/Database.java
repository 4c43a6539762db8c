package dev.scaffold.blueprint;

import java.util.List;

/**
 * A relational database with optional read replicas.
 *
 * @param version   engine version, or {@code null} for the engine's current default
 * @param kmsKey the ARN of the KMS key that encrypts it, or {@code null} for the stack's own key
 * @param allowFrom the tiers allowed through the database's firewall
 */
public record Database(
        String name,
        Engine engine,
        String version,
        String instanceClass,
        int storageGb,
        boolean multiAz,
        int readReplicas,
        int backupRetentionDays,
        boolean deletionProtection,
        boolean skipFinalSnapshot,
        String kmsKey,
        List<TierName> allowFrom) {

    public Database {
        allowFrom = List.copyOf(allowFrom);
    }

    /** The port the engine listens on. */
    public int port() {
        return engine.port();
    }

    /** The database engines scaffold supports. */
    public enum Engine {
        POSTGRES(5432),
        MYSQL(3306),
        MARIADB(3306);

        private final int port;

        Engine(int port) {
            this.port = port;
        }

        public int port() {
            return port;
        }
    }
}
