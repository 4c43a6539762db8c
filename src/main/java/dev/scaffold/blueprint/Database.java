package dev.scaffold.blueprint;

import java.util.List;

/**
 * A relational database with optional read replicas.
 *
 * @param version   engine version, or {@code null} for the engine's current default
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
        POSTGRES("postgres", 5432),
        MYSQL("mysql", 3306),
        MARIADB("mariadb", 3306);

        private final String keyword;
        private final int port;

        Engine(String keyword, int port) {
            this.keyword = keyword;
            this.port = port;
        }

        public String keyword() {
            return keyword;
        }

        public int port() {
            return port;
        }
    }
}
