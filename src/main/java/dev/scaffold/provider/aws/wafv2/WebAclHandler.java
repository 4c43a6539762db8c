package dev.scaffold.provider.aws.wafv2;

import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.provider.aws.ApplyCalls;
import dev.scaffold.provider.aws.ArnType;
import dev.scaffold.provider.aws.Attributes;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.AwsErrors;
import dev.scaffold.provider.aws.Creation;
import dev.scaffold.provider.aws.Planned;
import dev.scaffold.provider.aws.SdkAttributes;
import dev.scaffold.provider.aws.SdkTags;
import dev.scaffold.provider.aws.TaggedReader;
import dev.scaffold.provider.aws.TagsOneByOne;
import dev.scaffold.provider.aws.wafv2.WebAclNames.Named;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.schema.Wafv2Types;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.services.wafv2.model.AllowAction;
import software.amazon.awssdk.services.wafv2.model.CreateWebAclRequest;
import software.amazon.awssdk.services.wafv2.model.GetWebAclResponse;
import software.amazon.awssdk.services.wafv2.model.Tag;
import software.amazon.awssdk.services.wafv2.model.UpdateWebAclRequest;
import software.amazon.awssdk.services.wafv2.model.WebACL;

/**
 * A WAFv2 web ACL ({@link Wafv2Types#WEB_ACL}) that allows what its rules ({@link WebAclRules}) do not block.
 *
 * <p>Attributes: {@code name}, {@code scope} ({@code REGIONAL}), {@code description}, {@code rateLimit},
 * {@code managedRuleGroups}. Its physical id is WAFv2's id (refs name {@code id} and {@code arn}); WAFv2 describes
 * and tags it by its ARN, which the state records beside the id.
 */
public final class WebAclHandler implements ResourceHandler {

    private static final ArnType ARN_TYPE = new ArnType("wafv2", "regional/webacl/");
    private static final String DUPLICATE = "WAFDuplicateItemException";
    /** Right after its association is gone, WAFv2 may still refuse to delete a web ACL for a moment. */
    private static final Set<String> STILL_ASSOCIATED = Set.of("WAFAssociatedItemException");
    private static final List<String> RULES = List.of("rateLimit", "managedRuleGroups");
    private static final List<String> UPDATED = List.of("description", "rateLimit", "managedRuleGroups");
    private static final Duration RETRY = Duration.ofSeconds(5);
    private static final Duration RELEASE_TIMEOUT = Duration.ofMinutes(5);

    private static final SdkAttributes<WebACL> ATTRIBUTES = SdkAttributes.describedAs(WebACL.builder())
            .writtenTo(CreateWebAclRequest.builder(), UpdateWebAclRequest.builder())
            .member("name", "Name")
            .read("scope", webAcl -> WebAclNames.scopeOf(webAcl.arn()), "Scope")
            .member("description", "Description")
            .read("rateLimit", WebAclRules::rateLimit, null)
            .read("managedRuleGroups", WebAclRules::managedRuleGroups, null)
            .build();

    private final AwsClients aws;
    private final TagsOneByOne tags;
    private final WebAclNames names;
    private final TaggedReader<WebACL> reader;

    public WebAclHandler(AwsClients aws) {
        this.aws = aws;
        this.names = new WebAclNames(aws);
        this.tags = TagsOneByOne.readBy("ListTagsForResource", WafClient.GONE, arn -> WafClient.of(aws)
                        .listTagsForResource(r -> r.resourceARN(arn))
                        .thenApply(answer -> SdkTags.toMap(answer.tagInfoForResource().tagList(), Tag::key, Tag::value)))
                .setBy("TagResource", (arn, toSet) -> WafClient.of(aws).tagResource(r -> r.resourceARN(arn)
                        .tags(toSdk(toSet))))
                .removedBy("UntagResource", (arn, keys) -> WafClient.of(aws).untagResource(r -> r.resourceARN(arn)
                        .tagKeys(keys)));
        this.reader = TaggedReader.of(aws, ARN_TYPE, WebACL::arn)
                .describedBy("GetWebACL", 1, WafClient.GONE, names::describe)
                .tagsFrom(tags)
                .alsoByName(List.of("name", "scope"), named -> new Named(named.string("name"), named.string("scope")),
                        Named::of, names::find)
                .build();
    }

    @Override
    public ResourceType schema() {
        return Wafv2Types.WEB_ACL;
    }

    /**
     * Reads the web ACLs the state knows and those the tagging read returns, one GetWebACL each (WAFv2 has no
     * batched describe), their tags with one ListTagsForResource each where the tagging read gave none; and those
     * the blueprint names but neither knows, by name in their scope's list (ListWebACLs, 100 a page).
     */
    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx) {
        List<ResourceState> byArn = known.stream().filter(state -> state.arn() != null)
                .map(state -> new ResourceState(state.address(), state.type(), state.arn(), state.arn(),
                        state.attributes(), state.dependencies(), state.status()))
                .toList();
        return reader.read(byArn, desired, ctx).stream().map(found -> found.observed(schema().name(),
                found.resource().id(), found.resource().arn(), ATTRIBUTES.read(found.resource()))).toList();
    }

    /**
     * Creates the web ACL with its rules and tags. WAFv2 takes no idempotency token: a create that meets
     * WAFDuplicateItemException goes on with the web ACL of that name if it carries this stack's tags.
     */
    @Override
    public CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
        Attributes desired = Attributes.of(spec);
        Named named = new Named(desired.string("name"), desired.string("scope"));
        return Creation.call(ctx, spec, "CreateWebACL", () -> WafClient.of(aws).createWebACL(r -> ATTRIBUTES
                                .write(r, desired).defaultAction(action -> action.allow(AllowAction.builder().build()))
                                .rules(WebAclRules.of(named.name(), desired))
                                .visibilityConfig(WebAclRules.visibility(named.name()))
                                .tags(toSdk(spec.tags()))),
                        created -> created.summary().arn())
                .orExisting(DUPLICATE, "a web ACL named " + named.name(), () -> names
                        .find(ApplyCalls.of(ctx), Set.of(named))
                        .thenCompose(found -> tags.first(ctx, found.stream().map(WebACL::arn).toList(), arn -> arn)))
                .recorded(arn -> written(spec, arn))
                .thenApply(arn -> written(spec, arn));
    }

    /**
     * Makes the planned changes: UpdateWebACL replaces the whole web ACL and needs its current lock token, so
     * GetWebACL reads it first, and the update keeps all it has but the planned description and rules; then the tags.
     */
    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> changes,
                                              ApplyContext ctx) {
        Planned planned = new Planned(changes);
        Attributes desired = Attributes.of(spec);
        CompletableFuture<?> update = !planned.changesAny(UPDATED) ? ApplyCalls.none()
                : ApplyCalls.call(ctx, "GetWebACL", () -> get(current.arn()))
                        .thenCompose(got -> ApplyCalls.call(ctx, "UpdateWebACL", () -> {
                            UpdateWebAclRequest.Builder request = keeping(got.webACL())
                                    .scope(desired.string("scope")).lockToken(got.lockToken());
                            ATTRIBUTES.write(request, desired, planned.among(List.of("description")));
                            if (planned.changesAny(RULES)) {
                                request.rules(WebAclRules.of(got.webACL().name(), desired));
                            }
                            return WafClient.of(aws).updateWebACL(request.build());
                        }));
        return update.thenCompose(ignored -> tags.update(ctx, current.arn(), planned.tags()))
                .thenApply(ignored -> written(spec, current.arn()));
    }

    /** Deletes the web ACL with its current lock token, trying again while WAFv2 still finds it associated. */
    @Override
    public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        return AwsErrors.unless(ApplyCalls.call(ctx, "GetWebACL", () -> get(current.arn())), WafClient.GONE)
                .thenCompose(got -> got.map(found -> ApplyCalls.callOnceSettled(ctx, "DeleteWebACL",
                        "web ACL no longer associated", STILL_ASSOCIATED, WafClient.GONE, RETRY, RELEASE_TIMEOUT,
                        () -> WafClient.of(aws).deleteWebACL(r -> r.name(found.webACL().name())
                                .scope(WebAclNames.scopeOf(current.arn())).id(found.webACL().id())
                                .lockToken(found.lockToken()))))
                        .orElseGet(ApplyCalls::none));
    }

    private CompletableFuture<GetWebAclResponse> get(String arn) {
        return WafClient.of(aws).getWebACL(r -> r.arn(arn));
    }

    /** UpdateWebACL replaces the whole web ACL: the request starts as everything the web ACL has that it takes. */
    private static UpdateWebAclRequest.Builder keeping(WebACL webAcl) {
        UpdateWebAclRequest.Builder request = UpdateWebAclRequest.builder();
        Map<String, SdkField<?>> members = request.sdkFieldNameToField();
        for (SdkField<?> field : webAcl.sdkFields()) {
            SdkField<?> member = members.get(field.memberName());
            if (member != null) {
                member.set(request, field.getValueOrDefault(webAcl));
            }
        }
        return request;
    }

    private static List<Tag> toSdk(Map<String, String> tags) {
        return SdkTags.toList(tags, (key, value) -> Tag.builder().key(key).value(value).build());
    }

    private static Observed written(ResourceSpec spec, String arn) {
        return ATTRIBUTES.written(spec, Wafv2Types.WEB_ACL.name(), ArnType.lastPart(arn), arn, null);
    }
}
