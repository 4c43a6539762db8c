package dev.scaffold.provider.aws.wafv2;

import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.provider.ApiCalls;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.provider.aws.ApplyCalls;
import dev.scaffold.provider.aws.Attributes;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.ByNameReader;
import dev.scaffold.provider.aws.Found;
import dev.scaffold.provider.aws.IdBatches;
import dev.scaffold.provider.aws.Planned;
import dev.scaffold.provider.aws.ReadCalls;
import dev.scaffold.provider.aws.SdkAttributes;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.schema.Wafv2Types;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.wafv2.model.AssociateWebAclRequest;

/**
 * The association of a web ACL with the load balancer it guards ({@link Wafv2Types#WEB_ACL_ASSOCIATION}).
 *
 * <p>Attributes: {@code webAclArn}, {@code resourceArn}, which is also its physical id: a load balancer has at most
 * one web ACL. WAFv2 has no description of an association of its own, so one is described as the AssociateWebACL
 * request that makes it. It carries no tags and stands with its load balancer's ownership; a refresh finds it by
 * asking WAFv2 for the web ACL of each load balancer, one GetWebACLForResource per association (WAFv2 has no
 * batched form), for those the state knows and, through their load balancers, those the blueprint names.
 */
public final class WebAclAssociationHandler implements ResourceHandler {

    /** WAFv2 may not see a load balancer or web ACL made moments ago yet, and asks to try again. */
    private static final Set<String> NOT_VISIBLE_YET = Set.of("WAFUnavailableEntityException");
    private static final Duration RETRY = Duration.ofSeconds(5);
    private static final Duration VISIBLE_TIMEOUT = Duration.ofMinutes(5);

    private static final SdkAttributes<AssociateWebAclRequest> ATTRIBUTES = SdkAttributes
            .describedAs(AssociateWebAclRequest.builder())
            .writtenTo(AssociateWebAclRequest.builder())
            .member("webAclArn", "WebACLArn")
            .member("resourceArn", "ResourceArn")
            .build();

    private final AwsClients aws;
    private final ByNameReader<String, AssociateWebAclRequest> byName;

    public WebAclAssociationHandler(AwsClients aws) {
        this.aws = aws;
        this.byName = ByNameReader.ownedThrough("resourceArn", List.of("resourceArn"),
                named -> named.string("resourceArn"), AssociateWebAclRequest::resourceArn, this::associations);
    }

    @Override
    public ResourceType schema() {
        return Wafv2Types.WEB_ACL_ASSOCIATION;
    }

    /**
     * Reads the associations of the load balancers the state knows associations of, then through their load
     * balancers those the blueprint names that the state does not know: one GetWebACLForResource each.
     */
    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx) {
        Map<String, ResourceState> byResource = new HashMap<>();
        known.stream().filter(state -> state.physicalId() != null)
                .forEach(state -> byResource.put(state.physicalId(), state));
        List<Found<AssociateWebAclRequest>> found = new ArrayList<>();
        ReadCalls.join(associations(ReadCalls.of(ctx), byResource.keySet())).forEach(association -> found.add(
                new Found<>(byResource.get(association.resourceArn()).address(), association, Map.of())));
        found.addAll(byName.read(desired, found, ctx));
        return found.stream().map(f -> f.observed(schema().name(), f.resource().resourceArn(), null,
                ATTRIBUTES.read(f.resource()))).toList();
    }

    /** Associates the web ACL with the load balancer; associating again is harmless, so a retry needs no recovery. */
    @Override
    public CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
        return associate(ctx, spec);
    }

    /** Associates the other web ACL, which replaces the association. */
    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> changes,
                                              ApplyContext ctx) {
        return new Planned(changes).changes("webAclArn") ? associate(ctx, spec)
                : CompletableFuture.completedFuture(written(spec));
    }

    @Override
    public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        return ApplyCalls.callUnless(ctx, "DisassociateWebACL", WafClient.GONE, () -> WafClient.of(aws)
                .disassociateWebACL(r -> r.resourceArn(current.physicalId())));
    }

    private CompletableFuture<Observed> associate(ApplyContext ctx, ResourceSpec spec) {
        return ApplyCalls.callOnceSettled(ctx, "AssociateWebACL", "web ACL and load balancer visible to WAF",
                        NOT_VISIBLE_YET, Set.of(), RETRY, VISIBLE_TIMEOUT, () -> WafClient.of(aws)
                                .associateWebACL(r -> ATTRIBUTES.write(r, Attributes.of(spec))))
                .thenApply(ignored -> written(spec));
    }

    /** The associations of these resources, one GetWebACLForResource each; none for a resource without one or gone. */
    private CompletableFuture<List<AssociateWebAclRequest>> associations(ApiCalls calls, Collection<String> resources) {
        return IdBatches.describe(calls, "GetWebACLForResource", resources, 1, WafClient.GONE, batch -> WafClient
                .of(aws).getWebACLForResource(r -> r.resourceArn(batch.get(0)))
                .thenApply(answer -> answer.webACL() == null ? List.of() : List.of(AssociateWebAclRequest.builder()
                        .webACLArn(answer.webACL().arn()).resourceArn(batch.get(0)).build())));
    }

    private static Observed written(ResourceSpec spec) {
        return ATTRIBUTES.written(spec, Wafv2Types.WEB_ACL_ASSOCIATION.name(),
                Attributes.of(spec).string("resourceArn"), null, null);
    }
}
