package dev.scaffold.provider.aws.iam;

import dev.scaffold.provider.ApiCalls;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.aws.ApplyCalls;
import dev.scaffold.provider.aws.Attributes;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.AwsErrors;
import dev.scaffold.provider.aws.Planned;
import dev.scaffold.provider.aws.PolicyDocuments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;

/**
 * A role's policies, which IAM keeps apart from the role: {@code managedPolicyArns}, the managed policies
 * attached (AttachRolePolicy, DetachRolePolicy), and {@code inlinePolicies}, each inline policy's document by
 * its name (PutRolePolicy, DeleteRolePolicy). Read one list call each per role (IAM has no batched form) and
 * one GetRolePolicy per inline policy.
 */
final class RolePolicies {

    static final String MANAGED = "managedPolicyArns";
    static final String INLINE = "inlinePolicies";
    /** More than a role's managed policies (at most 20) and inline ones (at most 10,240 characters): one page. */
    private static final int ALL = 1000;

    /**
     * A role's policies.
     *
     * @param inline each document by its policy's name; {@code null} documents where only the names were read
     */
    private record Held(List<String> managed, Map<String, Object> inline) {
        static final Held NONE = new Held(List.of(), Map.of());
    }

    private final AwsClients aws;

    RolePolicies(AwsClients aws) {
        this.aws = aws;
    }

    /** The role's policies as attributes, the inline documents read in parallel; empty when the role is gone. */
    CompletableFuture<Optional<Map<String, Object>>> read(ApiCalls calls, String role) {
        return listed(calls, role).thenCompose(listed -> listed.isEmpty()
                ? CompletableFuture.completedFuture(Optional.empty())
                : documents(calls, role, listed.get()).thenApply(held -> held.map(read ->
                        Map.of(MANAGED, read.managed(), INLINE, read.inline()))));
    }

    /** Attaches and puts the policies of a role just created. */
    CompletableFuture<Void> create(ApplyContext ctx, String role, Attributes desired) {
        return change(ctx, role, Held.NONE, desired(desired));
    }

    /**
     * Makes the planned changes of the role's policies, from what the plan read before (or, where the plan holds
     * only a digest, what IAM has), attaching and putting before detaching and deleting, so that a policy that
     * only changes never leaves the role without it.
     */
    CompletableFuture<Void> update(ApplyContext ctx, String role, Planned planned, Attributes desired) {
        if (!planned.changesAny(List.of(MANAGED, INLINE))) {
            return ApplyCalls.none();
        }
        Held want = desired(desired);
        Object managed = planned.changes(MANAGED) ? planned.before(MANAGED) : want.managed();
        Object inline = planned.changes(INLINE) ? planned.before(INLINE) : want.inline();
        if (managed instanceof List<?> arns && inline instanceof Map<?, ?> documents) {
            return change(ctx, role, new Held(arns.stream().map(String::valueOf).toList(), named(documents)), want);
        }
        return read(ApplyCalls.of(ctx), role).thenCompose(had -> change(ctx, role, had.map(read -> new Held(
                strings(read.get(MANAGED)), named((Map<?, ?>) read.get(INLINE)))).orElse(Held.NONE), want));
    }

    /** Detaches and deletes every policy of the role, as IAM requires before it deletes a role. */
    CompletableFuture<Void> removeAll(ApplyContext ctx, String role) {
        return listed(ApplyCalls.of(ctx), role).thenCompose(had -> change(ctx, role, had.orElse(Held.NONE), Held.NONE));
    }

    private CompletableFuture<Void> change(ApplyContext ctx, String role, Held had, Held want) {
        List<String> attach = new ArrayList<>(want.managed());
        attach.removeAll(had.managed());
        List<String> detach = new ArrayList<>(had.managed());
        detach.removeAll(want.managed());
        Map<String, Object> put = new LinkedHashMap<>(want.inline());
        put.entrySet().removeIf(policy -> policy.getValue().equals(had.inline().get(policy.getKey())));
        List<String> delete = new ArrayList<>(had.inline().keySet());
        delete.removeAll(want.inline().keySet());
        return each(attach, arn -> ApplyCalls.call(ctx, "AttachRolePolicy", () -> IamClient.of(aws)
                        .attachRolePolicy(r -> r.roleName(role).policyArn(arn))))
                .thenCompose(ignored -> each(List.copyOf(put.keySet()), name -> ApplyCalls.call(ctx, "PutRolePolicy",
                        () -> IamClient.of(aws).putRolePolicy(r -> r.roleName(role).policyName(name)
                                .policyDocument(PolicyDocuments.toJson(put.get(name)))))))
                .thenCompose(ignored -> each(detach, arn -> ApplyCalls.callUnless(ctx, "DetachRolePolicy", IamReader.GONE,
                        () -> IamClient.of(aws).detachRolePolicy(r -> r.roleName(role).policyArn(arn)))))
                .thenCompose(ignored -> each(delete, name -> ApplyCalls.callUnless(ctx, "DeleteRolePolicy", IamReader.GONE,
                        () -> IamClient.of(aws).deleteRolePolicy(r -> r.roleName(role).policyName(name)))));
    }

    /** The managed policies and the names of the inline ones, listed in parallel; empty when the role is gone. */
    private CompletableFuture<Optional<Held>> listed(ApiCalls calls, String role) {
        CompletableFuture<List<String>> managed = calls.call("ListAttachedRolePolicies", () -> IamClient.of(aws)
                        .listAttachedRolePolicies(r -> r.roleName(role).maxItems(ALL)))
                .thenApply(answer -> answer.attachedPolicies().stream().map(AttachedPolicy::policyArn).sorted().toList());
        CompletableFuture<Map<String, Object>> inline = calls.call("ListRolePolicies", () -> IamClient.of(aws)
                        .listRolePolicies(r -> r.roleName(role).maxItems(ALL)))
                .thenApply(answer -> {
                    Map<String, Object> names = new LinkedHashMap<>();
                    answer.policyNames().forEach(name -> names.put(name, null));
                    return names;
                });
        return AwsErrors.unless(managed.thenCombine(inline, Held::new), IamReader.GONE);
    }

    /** The inline policies' documents, one GetRolePolicy each, in parallel; empty when the role is gone. */
    private CompletableFuture<Optional<Held>> documents(ApiCalls calls, String role, Held listed) {
        Map<String, CompletableFuture<Object>> reading = new LinkedHashMap<>();
        listed.inline().keySet().forEach(name -> reading.put(name, calls.call("GetRolePolicy", () -> IamClient.of(aws)
                .getRolePolicy(r -> r.roleName(role).policyName(name))
                .thenApply(answer -> PolicyDocuments.fromUrlEncoded(answer.policyDocument())))));
        CompletableFuture<Held> read = CompletableFuture.allOf(reading.values().toArray(CompletableFuture[]::new))
                .thenApply(done -> {
                    Map<String, Object> documents = new LinkedHashMap<>();
                    reading.forEach((name, document) -> documents.put(name, document.join()));
                    return new Held(listed.managed(), documents);
                });
        return AwsErrors.unless(read, IamReader.GONE);
    }

    private static Held desired(Attributes desired) {
        return new Held(desired.has(MANAGED) ? desired.strings(MANAGED) : List.of(),
                desired.has(INLINE) ? desired.map(INLINE) : Map.of());
    }

    /** Runs {@code call} for each item, in parallel. */
    private static <I> CompletableFuture<Void> each(List<I> items, Function<I, CompletableFuture<?>> call) {
        return CompletableFuture.allOf(items.stream().map(call).toArray(CompletableFuture[]::new));
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    private static Map<String, Object> named(Map<?, ?> documents) {
        Map<String, Object> named = new LinkedHashMap<>();
        documents.forEach((name, document) -> named.put(String.valueOf(name), document));
        return named;
    }
}
