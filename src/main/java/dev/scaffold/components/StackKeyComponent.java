package dev.scaffold.components;

import dev.scaffold.blueprint.Blueprint;
import dev.scaffold.graph.Interpolation;
import dev.scaffold.graph.Mode;
import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.schema.KmsTypes;
import dev.scaffold.schema.StsTypes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stack's own KMS key, with rotation on, which encrypts what the tiers keep (the services' log groups, the
 * databases' storage, the caches and their tokens, the queues), and the lookup of the account and region it lives in, which its policy names. Expanded when a tier needs
 * it. The key policy lets the account administer the key (as AWS's default policy does) and lets CloudWatch
 * Logs use it only for this stack's log groups, {@code /scaffold/STACK[/ENV]/…}.
 */
public final class StackKeyComponent implements SectionComponent {

    static final ResourceAddress KEY = ResourceAddress.of("stack", "main", "key");
    static final ResourceAddress ACCOUNT = ResourceAddress.of("stack", "main", "account");

    @Override
    public String section() {
        return "stack";
    }

    @Override
    public List<ResourceSpec> expand(StackContext stack, Blueprint blueprint, TierValues values) {
        if (blueprint.services().isEmpty() && blueprint.queues().isEmpty() && blueprint.databases().isEmpty()
                && blueprint.caches().isEmpty()) {
            return List.of();
        }
        ResourceSpec account = new ResourceSpec(ACCOUNT, StsTypes.ACCOUNT.name(), Mode.DATA, Map.of(), Map.of(),
                Set.of(), Set.of());
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("description", "scaffold " + stack.stack() + " " + stack.environment() + ": logs and data");
        attributes.put("keyRotation", true);
        attributes.put("policy", policy(stack));
        return List.of(account, ResourceSpec.managed(KEY, KmsTypes.KEY.name(), attributes, stack.tagsFor(KEY)));
    }

    /** The key's ARN, for the resources it encrypts. */
    static Ref keyArn() {
        return new Ref(KEY, "arn");
    }

    /** {@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE} of this run's account and region, known at plan. */
    static Object arn(String service, boolean regional, String resource) {
        return regional
                ? Interpolation.of("arn:", partition(), ":" + service + ":", region(), ":", accountId(), ":" + resource)
                : Interpolation.of("arn:", partition(), ":" + service + "::", accountId(), ":" + resource);
    }

    /** The ARN of an AWS-managed IAM policy in this run's partition. */
    static Object managedPolicy(String name) {
        return Interpolation.of("arn:", partition(), ":iam::aws:policy/" + name);
    }

    /** The region this run works in, known at plan. */
    static Ref region() {
        return new Ref(ACCOUNT, "region");
    }

    private static Ref partition() {
        return new Ref(ACCOUNT, "partition");
    }

    private static Ref accountId() {
        return new Ref(ACCOUNT, "accountId");
    }

    private static Map<String, Object> policy(StackContext stack) {
        Map<String, Object> administer = new LinkedHashMap<>();
        administer.put("Sid", "AccountAdministersTheKey");
        administer.put("Effect", "Allow");
        administer.put("Principal", Map.of("AWS", arn("iam", false, "root")));
        administer.put("Action", "kms:*");
        administer.put("Resource", "*");
        Map<String, Object> logs = new LinkedHashMap<>();
        logs.put("Sid", "LogsEncryptThisStacksGroups");
        logs.put("Effect", "Allow");
        logs.put("Principal", Map.of("Service", Interpolation.of("logs.", region(), ".amazonaws.com")));
        logs.put("Action", List.of("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                "kms:Describe*"));
        logs.put("Resource", "*");
        logs.put("Condition", Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn",
                arn("logs", true, "log-group:" + ResourceNames.logGroupPrefix(stack) + "*"))));
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("Version", "2012-10-17");
        policy.put("Statement", List.of(administer, logs));
        return policy;
    }
}
