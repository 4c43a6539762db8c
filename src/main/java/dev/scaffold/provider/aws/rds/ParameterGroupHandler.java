package dev.scaffold.provider.aws.rds;

import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.provider.ApiCalls;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.provider.aws.ApplyCalls;
import dev.scaffold.provider.aws.ArnType;
import dev.scaffold.provider.aws.Attributes;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.AwsErrors;
import dev.scaffold.provider.aws.Creation;
import dev.scaffold.provider.aws.PerResourceReads;
import dev.scaffold.provider.aws.Planned;
import dev.scaffold.provider.aws.ReadCalls;
import dev.scaffold.provider.aws.SdkAttributes;
import dev.scaffold.schema.RdsTypes;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import software.amazon.awssdk.services.rds.model.ApplyMethod;
import software.amazon.awssdk.services.rds.model.CreateDbParameterGroupRequest;
import software.amazon.awssdk.services.rds.model.DBParameterGroup;
import software.amazon.awssdk.services.rds.model.Parameter;

/**
 * A DB parameter group ({@link RdsTypes#PARAMETER_GROUP}): the engine settings of a database's instances.
 *
 * <p>Attributes: {@code name} (the physical id), {@code family}, {@code description}, {@code parameters} (a map
 * of parameter name to value, strings, set with ApplyMethod {@code immediate}). A read gives only the
 * parameters the blueprint or the state names, as set by a user (source {@code user}), so AWS's hundreds of
 * defaults never show as drift. A parameter the blueprint drops goes back to its default. Refs name
 * {@code name} and {@code arn}.
 */
public final class ParameterGroupHandler implements ResourceHandler {

    private static final ArnType ARN_TYPE = new ArnType("rds", "pg:");
    private static final Set<String> GONE = Set.of("DBParameterGroupNotFound");
    private static final String DUPLICATE = "DBParameterGroupAlreadyExists";
    /** The most parameters one ModifyDBParameterGroup or ResetDBParameterGroup takes. */
    private static final int PARAMETERS_PER_CALL = 20;

    private static final SdkAttributes<DBParameterGroup> ATTRIBUTES = SdkAttributes.describedAs(DBParameterGroup.builder())
            .writtenTo(CreateDbParameterGroupRequest.builder())
            .member("name", "DBParameterGroupName")
            .member("family", "DBParameterGroupFamily")
            .member("description", "Description")
            .build();

    private final AwsClients aws;
    private final NamedGroups<DBParameterGroup> groups;

    public ParameterGroupHandler(AwsClients aws) {
        this.aws = aws;
        this.groups = new NamedGroups<>(aws, ARN_TYPE, "DescribeDBParameterGroups", GONE, name -> RdsClient.of(aws)
                .describeDBParameterGroups(r -> r.dbParameterGroupName(name)).thenApply(answer -> answer.dbParameterGroups()),
                DBParameterGroup::dbParameterGroupName, DBParameterGroup::dbParameterGroupArn);
    }

    @Override
    public ResourceType schema() {
        return RdsTypes.PARAMETER_GROUP;
    }

    /**
     * Reads the groups as {@link SubnetGroupHandler} reads its own: one DescribeDBParameterGroups per group (it
     * takes one name), one ListTagsForResource per group the tagging read did not give; then the user-set
     * parameters of each, one DescribeDBParameters per page of 100, the groups in parallel.
     */
    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx) {
        Map<String, Set<String>> named = new HashMap<>();
        known.forEach(state -> addNames(named, state.physicalId(), state.attributes().get("parameters")));
        desired.forEach(spec -> addNames(named, spec.attributes().get("name"), spec.attributes().get("parameters")));
        return PerResourceReads.observed(schema().name(), groups.read(known, desired, ctx), ATTRIBUTES,
                DBParameterGroup::dbParameterGroupName, DBParameterGroup::dbParameterGroupArn,
                group -> AwsErrors.unless(userParameters(ReadCalls.of(ctx), group.dbParameterGroupName(), null),
                        GONE).thenApply(found -> found.map(parameters -> {
                            parameters.keySet().retainAll(named.getOrDefault(group.dbParameterGroupName(), Set.of()));
                            return Map.<String, Object>of("parameters", parameters);
                        })));
    }

    /**
     * Creates the group with its tags, then sets its parameters. A create that meets DBParameterGroupAlreadyExists
     * goes on with the group of that name if it carries this stack's tags.
     */
    @Override
    public CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
        Attributes desired = Attributes.of(spec);
        String name = desired.string("name");
        return Creation.call(ctx, spec, "CreateDBParameterGroup", () -> RdsClient.of(aws).createDBParameterGroup(r ->
                        ATTRIBUTES.write(r, desired).tags(RdsTags.toSdk(spec.tags()))), made -> made.dbParameterGroup())
                .orExisting(DUPLICATE, "a DB parameter group named " + name, () -> groups.existing(ctx, name))
                .recorded(group -> written(spec, group.dbParameterGroupName(), group.dbParameterGroupArn()))
                .thenCompose(group -> modify(ctx, name, parameters(desired.values().get("parameters")))
                        .thenApply(done -> written(spec, group.dbParameterGroupName(), group.dbParameterGroupArn())));
    }

    /** Sets the parameters the plan adds or changes, resets those it drops to AWS's defaults, then changes the tags. */
    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> changes,
                                              ApplyContext ctx) {
        Planned planned = new Planned(changes);
        String name = current.physicalId();
        Map<String, String> before = parameters(planned.before("parameters"));
        Map<String, String> after = parameters(spec.attributes().get("parameters"));
        Map<String, String> toSet = new TreeMap<>(after);
        toSet.entrySet().removeIf(entry -> entry.getValue().equals(before.get(entry.getKey())));
        Set<String> toReset = new HashSet<>(before.keySet());
        toReset.removeAll(after.keySet());
        CompletableFuture<?> parameters = !planned.changes("parameters") ? ApplyCalls.none()
                : modify(ctx, name, toSet).thenCompose(done -> reset(ctx, name, toReset));
        return parameters.thenCompose(done -> groups.tags().update(ctx, current.arn(), planned.tags()))
                .thenApply(done -> written(spec, name, current.arn()));
    }

    @Override
    public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        return ApplyCalls.callUnless(ctx, "DeleteDBParameterGroup", GONE, () -> RdsClient.of(aws)
                .deleteDBParameterGroup(r -> r.dbParameterGroupName(current.physicalId())));
    }

    private CompletableFuture<Void> modify(ApplyContext ctx, String name, Map<String, String> values) {
        List<Parameter> all = values.entrySet().stream().map(entry -> Parameter.builder().parameterName(entry.getKey())
                .parameterValue(entry.getValue()).applyMethod(ApplyMethod.IMMEDIATE).build()).toList();
        return inBatches(all, batch -> ApplyCalls.call(ctx, "ModifyDBParameterGroup", () -> RdsClient.of(aws)
                .modifyDBParameterGroup(r -> r.dbParameterGroupName(name).parameters(batch))));
    }

    private CompletableFuture<Void> reset(ApplyContext ctx, String name, Set<String> names) {
        List<Parameter> all = new TreeSet<>(names).stream().map(key -> Parameter.builder().parameterName(key)
                .applyMethod(ApplyMethod.IMMEDIATE).build()).toList();
        return inBatches(all, batch -> ApplyCalls.call(ctx, "ResetDBParameterGroup", () -> RdsClient.of(aws)
                .resetDBParameterGroup(r -> r.dbParameterGroupName(name).parameters(batch))));
    }

    /** One call per {@value #PARAMETERS_PER_CALL} parameters, one after another (AWS refuses concurrent changes of a group). */
    private static CompletableFuture<Void> inBatches(List<Parameter> all,
                                                     Function<List<Parameter>, CompletableFuture<?>> call) {
        CompletableFuture<?> done = ApplyCalls.none();
        for (int from = 0; from < all.size(); from += PARAMETERS_PER_CALL) {
            List<Parameter> batch = all.subList(from, Math.min(all.size(), from + PARAMETERS_PER_CALL));
            done = done.thenCompose(ignored -> call.apply(batch));
        }
        return done.thenApply(ignored -> null);
    }

    /** The user-set parameters of a group, page after page of DescribeDBParameters. */
    private CompletableFuture<Map<String, String>> userParameters(ApiCalls calls, String name, String marker) {
        return calls.call("DescribeDBParameters", () -> RdsClient.of(aws).describeDBParameters(r -> r
                        .dbParameterGroupName(name).source("user").maxRecords(100).marker(marker)))
                .thenCompose(page -> {
                    Map<String, String> values = new TreeMap<>();
                    page.parameters().forEach(p -> values.put(p.parameterName(), p.parameterValue()));
                    return page.marker() == null || page.marker().isEmpty() ? CompletableFuture.completedFuture(values)
                            : userParameters(calls, name, page.marker()).thenApply(more -> {
                                values.putAll(more);
                                return values;
                            });
                });
    }

    private static void addNames(Map<String, Set<String>> named, Object group, Object parameters) {
        if (group instanceof String name && parameters instanceof Map<?, ?> map) {
            map.keySet().forEach(key -> named.computeIfAbsent(name, n -> new HashSet<>()).add(String.valueOf(key)));
        }
    }

    private static Map<String, String> parameters(Object value) {
        Map<String, String> parameters = new TreeMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, v) -> parameters.put(String.valueOf(key), Objects.toString(v)));
        }
        return parameters;
    }

    private static Observed written(ResourceSpec spec, String name, String arn) {
        return ATTRIBUTES.written(spec, RdsTypes.PARAMETER_GROUP.name(), name, arn, null);
    }
}
