package dev.scaffold.provider.aws.wafv2;

import static dev.scaffold.provider.aws.Fixtures.ENV;
import static dev.scaffold.provider.aws.Fixtures.STACK;
import static dev.scaffold.provider.aws.Fixtures.assertNoChanges;
import static dev.scaffold.provider.aws.Fixtures.found;
import static dev.scaffold.provider.aws.Fixtures.known;
import static dev.scaffold.provider.aws.Fixtures.planned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.EarlierReads;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.SharedReads;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.Fixtures;
import dev.scaffold.provider.aws.TaggedResources;
import dev.scaffold.schema.Wafv2Types;
import dev.scaffold.state.Observed;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.Clients;
import dev.scaffold.testing.CountingCalls;
import dev.scaffold.testing.EmulatorGaps;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.FaultInjectingProxy;
import dev.scaffold.testing.FaultInjectingProxy.Fault;
import dev.scaffold.testing.TestApplyContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.wafv2.model.RateBasedStatementAggregateKeyType;
import software.amazon.awssdk.services.wafv2.model.Rule;
import software.amazon.awssdk.services.wafv2.model.WebACL;
import software.amazon.awssdk.services.wafv2.model.WebACLSummary;

@ExtendWith(AwsEmulator.class)
class WebAclHandlerIT {

    private static final String DUPLICATE = "WAFDuplicateItemException";
    private static final String DUPLICATE_MESSAGE = "AWS WAF couldn't perform the operation because some resource in"
            + " your request is a duplicate of an existing one.";

    private static WebAclHandler handler;

    private final ReadContext read = new ReadContext(STACK, ENV);

    @BeforeAll
    static void startFresh(AwsClients aws) {
        handler = new WebAclHandler(aws);
    }

    @Test
    void webAclIsCreatedWithItsRulesReadBackUpdatedInPlaceAndDeleted(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "web", "web-acl");
        ResourceSpec desired = spec(address, "shop-web", "Rate limit of shop-web", 2000, Fixtures.tags(address));

        TestApplyContext creating = new TestApplyContext(address);
        Observed created = handler.create(desired, creating).join();

        assertThat(creating.created()).as("recorded as soon as AWS made it").hasSize(1);
        WebACL made = webAcl(aws, created.arn());
        assertThat(created.physicalId()).isEqualTo(made.id());
        assertThat(made.defaultAction().allow()).isNotNull();
        assertThat(made.visibilityConfig().metricName()).isEqualTo("shop-web");
        assertThat(made.rules()).extracting(Rule::name, Rule::priority)
                .containsExactly(tuple("rate-limit", 0), tuple("AWSManagedRulesCommonRuleSet", 1));
        Rule rateLimit = made.rules().get(0);
        assertThat(rateLimit.action().block()).as("above the limit a client is blocked").isNotNull();
        assertThat(rateLimit.statement().rateBasedStatement().limit()).isEqualTo(2000L);
        assertThat(rateLimit.statement().rateBasedStatement().aggregateKeyType())
                .isEqualTo(RateBasedStatementAggregateKeyType.IP);
        assertThat(rateLimit.statement().rateBasedStatement().evaluationWindowSec()).isEqualTo(300L);
        Rule common = made.rules().get(1);
        assertThat(common.statement().managedRuleGroupStatement().vendorName()).isEqualTo("AWS");
        assertThat(common.overrideAction().count()).as("the common rule set only counts").isNotNull();
        assertThat(tags(aws, created.arn())).isEqualTo(desired.tags());
        Observed afterCreate = found(handler.read(known(created), List.of(), read)).get(address);
        assertNoChanges(desired, afterCreate);

        ResourceSpec stricter = spec(address, "shop-web", "Stricter rate limit of shop-web", 500, Fixtures.tags(address));
        TestApplyContext updating = new TestApplyContext(address);
        Observed updated = handler.update(stricter, afterCreate, planned(stricter, afterCreate), updating).join();
        assertThat(updating.operations()).as("the lock token, then the planned change")
                .containsExactly("GetWebACL", "UpdateWebACL");
        assertThat(updated.physicalId()).isEqualTo(created.physicalId());
        WebACL changed = webAcl(aws, created.arn());
        assertThat(changed.rules().get(0).statement().rateBasedStatement().limit()).isEqualTo(500L);
        assertThat(changed.defaultAction().allow()).as("what the plan does not change is kept").isNotNull();
        assertThat(changed.visibilityConfig()).isEqualTo(made.visibilityConfig());
        Observed afterUpdate = found(handler.read(known(updated), List.of(), read)).get(address);
        assertNoChanges(stricter, afterUpdate);

        Map<String, String> moreTags = new LinkedHashMap<>(Fixtures.tags(address));
        moreTags.put("cost-center", "4711");
        ResourceSpec retagged = spec(address, "shop-web", "Stricter rate limit of shop-web", 500, moreTags);
        TestApplyContext retagging = new TestApplyContext(address);
        handler.update(retagged, afterUpdate, planned(retagged, afterUpdate), retagging).join();
        assertThat(retagging.operations()).containsExactly("TagResource");
        assertNoChanges(retagged, found(handler.read(known(updated), List.of(), read)).get(address));

        handler.delete(updated, new TestApplyContext(address)).join();
        assertThat(found(handler.read(known(updated), List.of(), read))).doesNotContainKey(address);
        TestApplyContext again = new TestApplyContext(address);
        handler.delete(updated, again).join();
        assertThat(again.operations()).as("already gone").containsExactly("GetWebACL");
    }

    /** Covers {@link EmulatorGaps#TAGGING_API_OMITS_WEB_ACLS}: the emulator's tagging read gives no web ACL. */
    @Test
    void theWebAclsTheStateKnowsCostOneGetWebAclAndOneTagReadEachAndNothingElse() {
        ResourceAddress first = ResourceAddress.of("loadBalancers", "api", "web-acl");
        ResourceAddress second = ResourceAddress.of("loadBalancers", "admin", "web-acl");
        Observed one = handler.create(spec(first, "shop-api", "api", 1000, Fixtures.tags(first)),
                new TestApplyContext(first)).join();
        Observed two = handler.create(spec(second, "shop-admin", "admin", 100, Fixtures.tags(second)),
                new TestApplyContext(second)).join();
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found = found(handler.read(known(one, two), List.of(), new ReadContext(STACK, ENV,
                calls)));

        assertThat(found).containsOnlyKeys(first, second);
        assertThat(found.get(first).physicalId()).isEqualTo(one.physicalId());
        assertThat(calls.counts()).isEqualTo(Map.of("GetResources", 1, "GetWebACL", 2, "ListTagsForResource", 2));
        CountingCalls nothing = new CountingCalls();
        assertThat(handler.read(List.of(), List.of(), new ReadContext(STACK, ENV, nothing))).isEmpty();
        assertThat(nothing.counts()).as("nothing known, tagged or desired: only the refresh's shared tagging read")
                .isEqualTo(Map.of("GetResources", 1));
        handler.delete(one, new TestApplyContext(first)).join();
        handler.delete(two, new TestApplyContext(second)).join();
    }

    /**
     * Where the tagging API returns web ACLs, as AWS's does, those of the stack are read by ARN with the tags it gave,
     * orphans too. The emulator's returns none ({@link EmulatorGaps#TAGGING_API_OMITS_WEB_ACLS}), so the refresh's
     * tagging read is given here as AWS would answer it.
     */
    @Test
    void webAclsTheTaggingReadReturnsAreReadByArnWithTheTagsItGave(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "shop", "web-acl");
        ResourceSpec desired = spec(address, "shop-tagged", "tagged", 3000, Fixtures.tags(address));
        Observed created = handler.create(desired, new TestApplyContext(address)).join();
        CountingCalls calls = new CountingCalls();
        ReadContext refresh = new ReadContext(STACK, ENV, calls, SharedReads.perRefresh(), EarlierReads.NONE);
        refresh.shared().get(TaggedResources.KEY, () -> new TaggedResources(Map.of(created.arn(), tags(aws, created.arn()))));

        Map<ResourceAddress, Observed> found = found(handler.read(List.of(), List.of(desired), refresh));

        assertNoChanges(desired, found.get(address));
        assertThat(found.get(address).physicalId()).isEqualTo(created.physicalId());
        assertThat(calls.counts()).as("one GetWebACL by ARN; no list by name, no tag read")
                .isEqualTo(Map.of("GetWebACL", 1));
        handler.delete(created, new TestApplyContext(address)).join();
    }

    /** Covers {@link EmulatorGaps#TAGGING_API_OMITS_WEB_ACLS}: an orphan is found by the name the blueprint gives it. */
    @Test
    void aWebAclTheStateDoesNotKnowIsFoundByTheNameTheBlueprintGivesIt() {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "orphan", "web-acl");
        ResourceSpec desired = spec(address, "shop-orphan", "orphan", 2000, Fixtures.tags(address));
        Observed created = handler.create(desired, new TestApplyContext(address)).join();
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found = found(handler.read(List.of(), List.of(desired),
                new ReadContext(STACK, ENV, calls)));

        assertNoChanges(desired, found.get(address));
        assertThat(found.get(address).physicalId()).isEqualTo(created.physicalId());
        assertThat(calls.counts()).isEqualTo(Map.of("GetResources", 1, "ListWebACLs", 1, "GetWebACL", 1,
                "ListTagsForResource", 1));
        handler.delete(created, new TestApplyContext(address)).join();
    }

    /**
     * Covers {@link EmulatorGaps#WEB_ACL_DUPLICATE_ANSWERED_WITH_ANOTHER_CODE}: the emulator made the web ACL but its
     * answer was lost, and the SDK's retry is answered as AWS answers it.
     */
    @Test
    void aCreateWhoseAnswerWasLostGoesOnWithTheWebAclItMade(AwsClients aws, EmulatorTarget emulator) throws Exception {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "lost", "web-acl");
        ResourceSpec desired = spec(address, "shop-lost", "lost", 2000, Fixtures.tags(address));
        Observed created;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients through = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.inject("CreateWebACL", Fault.LOST_RESPONSE);
            proxy.answer("CreateWebACL", 400, DUPLICATE, DUPLICATE_MESSAGE);

            created = new WebAclHandler(through).create(desired, new TestApplyContext(address)).join();

            assertThat(proxy.forwardedOperations())
                    .containsExactly("CreateWebACL", "ListWebACLs", "GetWebACL", "ListTagsForResource");
        }

        List<WebACLSummary> named = Clients.wafv2(aws).listWebACLs(r -> r.scope("REGIONAL")).join().webACLs().stream()
                .filter(summary -> summary.name().equals("shop-lost")).toList();
        assertThat(named).extracting(WebACLSummary::id).containsExactly(created.physicalId());
        assertNoChanges(desired, found(handler.read(known(created), List.of(), read)).get(address));
        handler.delete(created, new TestApplyContext(address)).join();
    }

    /** Covers {@link EmulatorGaps#WEB_ACL_DUPLICATE_ANSWERED_WITH_ANOTHER_CODE}: the proxy gives AWS's answer to a name in use. */
    @Test
    void aWebAclOfThatNameOfAnotherStackIsSeenByThePlanAndIsAClashThatTheCreateLeavesAlone(EmulatorTarget emulator)
            throws Exception {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "twin", "web-acl");
        ResourceSpec ours = spec(address, "shop-twin", "ours", 2000, Fixtures.tags(address));
        ResourceSpec theirs = spec(address, "shop-twin", "theirs", 2000, Fixtures.tags("blog", ENV, address));
        Observed existing = handler.create(theirs, new TestApplyContext(address)).join();

        Observed seen = found(handler.read(List.of(), List.of(ours), read)).get(address);
        assertThat(seen.physicalId()).isEqualTo(existing.physicalId());
        assertThat(seen.tags()).as("the refresh reports it as another stack's").containsEntry("scaffold:stack", "blog");

        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients through = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.answer("CreateWebACL", 400, DUPLICATE, DUPLICATE_MESSAGE);

            assertThatThrownBy(() -> new WebAclHandler(through).create(ours, new TestApplyContext(address)).join())
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOfSatisfying(HandlerException.class, failure -> {
                        assertThat(failure.operation()).isEqualTo("CreateWebACL");
                        assertThat(failure.code()).isEqualTo(DUPLICATE);
                        assertThat(failure.getMessage()).isEqualTo("a web ACL named shop-twin already exists and is"
                                + " not this stack's (its scaffold:stack is blog, not shop);"
                                + " delete it or rename the tier in the blueprint, then run again");
                    });
            assertThat(proxy.forwardedOperations()).doesNotContain("UpdateWebACL", "DeleteWebACL", "TagResource");
        }
        handler.delete(existing, new TestApplyContext(address)).join();
    }

    private static WebACL webAcl(AwsClients aws, String arn) {
        return Clients.wafv2(aws).getWebACL(r -> r.arn(arn)).join().webACL();
    }

    private static Map<String, String> tags(AwsClients aws, String arn) {
        Map<String, String> tags = new LinkedHashMap<>();
        Clients.wafv2(aws).listTagsForResource(r -> r.resourceARN(arn)).join().tagInfoForResource().tagList()
                .forEach(tag -> tags.put(tag.key(), tag.value()));
        return tags;
    }

    private static ResourceSpec spec(ResourceAddress address, String name, String description, int rateLimit,
                                     Map<String, String> tags) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("name", name);
        attributes.put("scope", "REGIONAL");
        attributes.put("description", description);
        attributes.put("rateLimit", rateLimit);
        attributes.put("managedRuleGroups", List.of(Map.of("vendor", "AWS", "name", "AWSManagedRulesCommonRuleSet",
                "mode", "count")));
        return ResourceSpec.managed(address, Wafv2Types.WEB_ACL.name(), attributes, tags);
    }
}
