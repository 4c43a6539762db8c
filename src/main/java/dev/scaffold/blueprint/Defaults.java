package dev.scaffold.blueprint;

/**
 * Every default of blueprint v1 in one place, chosen to be what a Terraform or CDK user expects and secure:
 * HTTPS redirects, deletion protection, Multi-AZ, encrypted and private by default.
 */
final class Defaults {

    private Defaults() {}

    static final LoadBalancer.Algorithm ALGORITHM = LoadBalancer.Algorithm.ROUND_ROBIN;
    static final String TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
    static final boolean REDIRECT_HTTP = true;
    static final String HEALTH_CHECK_PATH = "/";
    static final int HEALTH_CHECK_INTERVAL_SECONDS = 30;
    static final int HEALTHY_THRESHOLD = 5;
    static final int UNHEALTHY_THRESHOLD = 2;
    static final int IDLE_TIMEOUT_SECONDS = 60;

    static final int SERVICE_PORT = 8080;
    static final String INSTANCE_TYPE = "t3.micro";
    static final int CAPACITY_MIN = 1;
    static final int CAPACITY_MAX = 2;
    static final double SCALE_ON_CPU_PERCENT = 60;
    static final int MIN_HEALTHY_PERCENT = 90;
    static final int LOG_RETENTION_DAYS = 30;

    static final String DB_INSTANCE_CLASS = "db.t4g.micro";
    static final int DB_STORAGE_GB = 20;
    static final boolean MULTI_AZ = true;
    static final int READ_REPLICAS = 0;
    static final int BACKUP_RETENTION_DAYS = 7;
    static final boolean DELETION_PROTECTION = true;
    static final boolean SKIP_FINAL_SNAPSHOT = false;

    static final String CACHE_NODE_TYPE = "cache.t4g.micro";
    static final int CACHE_REPLICAS = 1;
    static final int CACHE_SNAPSHOT_RETENTION_DAYS = 7;

    static final boolean QUEUE_FIFO = false;
    static final int QUEUE_VISIBILITY_TIMEOUT_SECONDS = 60;
    static final int QUEUE_RETENTION_DAYS = 4;
    static final int QUEUE_MAX_RECEIVES = 5;

    static final String PRICE_CLASS = "PriceClass_100";
    static final boolean WEB_ACL = true;

    static final int RPO_HOURS = 24;
    static final int BACKUP_VAULT_RETENTION_DAYS = 35;

    static final double ALARM_CPU_PERCENT = 80;
    static final double ALARM_HTTP_5XX_PERCENT = 1;
    static final int ALARM_P95_LATENCY_MS = 1000;
    static final int ALARM_REPLICA_LAG_SECONDS = 30;
}
