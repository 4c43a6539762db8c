package dev.scaffold.components;

import dev.scaffold.schema.StackTags;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The one naming rule for AWS names scaffold chooses: {@code stack[-env]-item[-suffix]}, lower case,
 * the environment left out when it is {@code default}.
 *
 * <p>Load balancer and target group names allow 32 characters (queue names 80, below) of letters, digits and hyphens. A
 * name that is longer, or that had to be changed to fit those characters, keeps its first 25
 * characters and ends in {@code -} plus 6 hex digits of the SHA-256 of the full name, so it stays
 * deterministic and distinct: {@code a-very-long-stack-name-pr-3f9a1c}.
 */
public final class ResourceNames {

    /** The longest load balancer or target group name AWS accepts. */
    private static final int ELB_MAX = 32;
    private static final int HASH_LENGTH = 6;
    /** The longest queue name SQS accepts, a FIFO queue's suffix included. */
    private static final int SQS_MAX = 80;
    private static final String FIFO_SUFFIX = ".fifo";

    private ResourceNames() {
    }

    /** The name of a load balancer tier's ALB. */
    public static String loadBalancer(StackContext stack, String item) {
        return elbName(join(stack, item, null));
    }

    /**
     * The name of a load balancer tier's target group, ending in the targets' port: a new port
     * means a new group, and its own name lets the new group exist beside the old one while the
     * listener moves over.
     */
    public static String targetGroup(StackContext stack, String item, int port) {
        return elbName(join(stack, item, String.valueOf(port)));
    }

    /** The name of a load balancer tier's WAF web ACL. */
    public static String webAcl(StackContext stack, String item) {
        return join(stack, item, null);
    }

    /** The name of a service's launch template and Auto Scaling group. */
    public static String service(StackContext stack, String item) {
        return join(stack, item, null);
    }

    /**
     * The prefix of the stack's CloudWatch Logs groups, {@code /scaffold/STACK[/ENV]/}: the stack key's policy
     * lets CloudWatch Logs use the key for the groups under it.
     */
    public static String logGroupPrefix(StackContext stack) {
        return "/scaffold/" + stack.stack()
                + (stack.environment().equals(StackTags.DEFAULT_ENVIRONMENT) ? "" : "/" + stack.environment()) + "/";
    }

    /**
     * The name of a data tier's resource: a database's instance identifier and subnet group, a cache's replication
     * group and subnet group; {@code suffix} tells others apart, e.g. {@code replica-1}, or is {@code null}.
     */
    public static String data(StackContext stack, String item, String suffix) {
        return join(stack, item, suffix);
    }

    /** The name of a tier's security group; {@code role} says whose it is, e.g. {@code alb}. */
    public static String securityGroup(StackContext stack, String item, String role) {
        return join(stack, item, role);
    }

    /**
     * The name of a queue; a FIFO queue's ends in {@code .fifo}, as SQS requires. SQS takes 80 characters, the
     * suffix included: a longer name is cut as load balancers' are, before the suffix.
     */
    public static String queue(StackContext stack, String item, boolean fifo) {
        String suffix = fifo ? FIFO_SUFFIX : "";
        String full = join(stack, item, null);
        int room = SQS_MAX - suffix.length();
        return (full.length() <= room ? full : shortened(full, full, room)) + suffix;
    }

    private static String join(StackContext stack, String item, String suffix) {
        StringBuilder name = new StringBuilder(stack.stack());
        if (!stack.environment().equals(StackTags.DEFAULT_ENVIRONMENT)) {
            name.append('-').append(stack.environment());
        }
        name.append('-').append(item);
        if (suffix != null) {
            name.append('-').append(suffix);
        }
        return name.toString().toLowerCase(Locale.ROOT);
    }

    static String elbName(String full) {
        String clean = full.replaceAll("[^a-z0-9-]", "-").replaceAll("-{2,}", "-").replaceAll("^-+|-+$", "");
        if (clean.startsWith("internal-")) {
            clean = "i" + clean;
        }
        if (clean.length() <= ELB_MAX && clean.equals(full)) {
            return clean;
        }
        return shortened(clean, full, ELB_MAX);
    }

    /** {@code clean} cut to fit {@code max} with {@code -} and the start of the hash of {@code full}. */
    private static String shortened(String clean, String full, int max) {
        String head = clean.substring(0, Math.min(clean.length(), max - HASH_LENGTH - 1)).replaceAll("-+$", "");
        return (head.isEmpty() ? "s" : head) + "-" + sha256(full).substring(0, HASH_LENGTH);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
