package dev.scaffold.provider.aws.wafv2;

import static dev.scaffold.provider.aws.Fixtures.ENV;
import static dev.scaffold.provider.aws.Fixtures.STACK;
import static dev.scaffold.provider.aws.Fixtures.found;
import static dev.scaffold.provider.aws.Fixtures.known;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.provider.EarlierReads;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.SharedReads;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.Fixtures;
import dev.scaffold.schema.Elbv2Types;
import dev.scaffold.schema.StackTags;
import dev.scaffold.schema.Wafv2Types;
import dev.scaffold.state.Observed;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.Clients;
import dev.scaffold.testing.CountingCalls;
import dev.scaffold.testing.EmulatorGaps;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.FaultInjectingProxy;
import dev.scaffold.testing.ScriptedHttpClient;
import dev.scaffold.testing.TestApplyContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.wafv2.Wafv2AsyncClient;

@ExtendWith(AwsEmulator.class)
class WebAclAssociationHandlerIT {

    private static final ResourceAddress WEB_ACL = ResourceAddress.of("loadBalancers", "web", "web-acl");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LINEAGE = "6a3e1f4c-0b5d-4e8f-9a21-3c7d5e9f1b20";

    private static WebAclAssociationHandler handler;
    private static List<String> subnets;
    private static String webAclArn;

    private final ReadContext read = new ReadContext(STACK, ENV);

    @BeforeAll
    static void startFresh(AwsClients aws) {
        handler = new WebAclAssociationHandler(aws);
        subnets = Clients.ec2(aws).describeSubnets().join().subnets().stream().map(Subnet::subnetId).sorted().limit(2)
                .toList();
        webAclArn = webAcl(aws, "shop-web");
    }

    @Test
    void associationIsCreatedReadBackAndDeleted(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "web", "web-acl-association");
        String loadBalancerArn = loadBalancer(aws, "shop-web", ResourceAddress.of("loadBalancers", "web", "alb"));
        ResourceSpec desired = spec(address, webAclArn, loadBalancerArn);

        TestApplyContext creating = new TestApplyContext(address);
        Observed created = handler.create(desired, creating).join();

        assertThat(creating.operations()).containsExactly("AssociateWebACL");
        assertThat(created.physicalId()).isEqualTo(loadBalancerArn);
        assertThat(Clients.wafv2(aws).getWebACLForResource(r -> r.resourceArn(loadBalancerArn)).join().webACL().arn())
                .isEqualTo(webAclArn);
        Observed afterCreate = found(handler.read(known(created), List.of(), read)).get(address);
        assertThat(afterCreate.attributes()).isEqualTo(desired.attributes());
        assertThat(afterCreate.tags()).as("an association carries no tags").isEmpty();

        handler.delete(afterCreate, new TestApplyContext(address)).join();
        assertThat(Clients.wafv2(aws).getWebACLForResource(r -> r.resourceArn(loadBalancerArn)).join().webACL()).isNull();
        assertThat(found(handler.read(known(created), List.of(), read))).doesNotContainKey(address);
        handler.delete(afterCreate, new TestApplyContext(address)).join();
    }

    /**
     * Covers {@link EmulatorGaps#WEB_ACL_ASSOCIATION_NOT_REPLACED}: the emulator keeps an association made twice, so
     * one DisassociateWebACL leaving none shows that the association was made once.
     */
    @Test
    void anAssociationTheStateDoesNotKnowAfterACrashIsFoundThroughItsLoadBalancerAndNotMadeAgain(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "api", "web-acl-association");
        ResourceAddress alb = ResourceAddress.of("loadBalancers", "api", "alb");
        String loadBalancerArn = loadBalancer(aws, "shop-api", alb);
        handler.create(spec(address, webAclArn, loadBalancerArn), new TestApplyContext(address)).join();
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found = found(handler.read(List.of(), List.of(desired(address, alb)),
                refresh(calls, alb, loadBalancerArn)));

        assertThat(found).containsOnlyKeys(address);
        assertThat(found.get(address).physicalId()).isEqualTo(loadBalancerArn);
        assertThat(found.get(address).attributes()).as("as the blueprint asks: the plan has nothing to do")
                .isEqualTo(Map.of("webAclArn", webAclArn, "resourceArn", loadBalancerArn));
        assertThat(found.get(address).tags()).as("this state's through its load balancer")
                .containsEntry(StackTags.LINEAGE, LINEAGE).containsEntry(StackTags.ADDRESS, address.toString());
        assertThat(calls.counts()).isEqualTo(Map.of("GetWebACLForResource", 1));
        Clients.wafv2(aws).disassociateWebACL(r -> r.resourceArn(loadBalancerArn)).join();
        assertThat(Clients.wafv2(aws).getWebACLForResource(r -> r.resourceArn(loadBalancerArn)).join().webACL())
                .as("exactly one association").isNull();
    }

    @Test
    void aReadWithNothingKnownOrDesiredOrWhoseLoadBalancerIsNotFoundMakesNoCall() {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "gone", "web-acl-association");
        ResourceAddress alb = ResourceAddress.of("loadBalancers", "gone", "alb");
        CountingCalls calls = new CountingCalls();
        ReadContext refresh = new ReadContext(STACK, ENV, calls, SharedReads.none(), EarlierReads.NONE);

        assertThat(handler.read(List.of(), List.of(), refresh)).isEmpty();
        assertThat(handler.read(List.of(), List.of(desired(address, alb)), refresh)).isEmpty();

        assertThat(calls.counts()).isEmpty();
    }

    @Test
    void theAssociationsTheStateKnowsCostOneGetWebAclForResourceEach(AwsClients aws) {
        ResourceAddress first = ResourceAddress.of("loadBalancers", "one", "web-acl-association");
        ResourceAddress second = ResourceAddress.of("loadBalancers", "two", "web-acl-association");
        Observed one = handler.create(spec(first, webAclArn, loadBalancer(aws, "shop-one",
                ResourceAddress.of("loadBalancers", "one", "alb"))), new TestApplyContext(first)).join();
        Observed two = handler.create(spec(second, webAclArn, loadBalancer(aws, "shop-two",
                ResourceAddress.of("loadBalancers", "two", "alb"))), new TestApplyContext(second)).join();
        CountingCalls calls = new CountingCalls();

        assertThat(found(handler.read(known(one, two), List.of(), new ReadContext(STACK, ENV, calls))))
                .containsOnlyKeys(first, second);

        assertThat(calls.counts()).isEqualTo(Map.of("GetWebACLForResource", 2));
        handler.delete(one, new TestApplyContext(first)).join();
        handler.delete(two, new TestApplyContext(second)).join();
    }

    /**
     * Covers {@link EmulatorGaps#WEB_ACL_ASSOCIATION_NOT_REPLACED}: the emulator would keep the first web ACL too, so the
     * change is made on a scripted HTTP client that answers as AWS documents, and the one request it got is checked.
     */
    @Test
    void movingToAnotherWebAclIsOneAssociateWebAclWithIt(EmulatorTarget emulator) throws Exception {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "web", "web-acl-association");
        String loadBalancerArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/shop-web/50dc6c495c0c9188";
        String before = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/shop-web/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111";
        String after = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/shop-web-v2/a1b2c3d4-5678-90ab-cdef-EXAMPLE22222";
        Observed current = new Observed(address, Wafv2Types.WEB_ACL_ASSOCIATION.name(), loadBalancerArn, null,
                Map.of("webAclArn", before, "resourceArn", loadBalancerArn), Map.of());
        ResourceSpec moved = spec(address, after, loadBalancerArn);
        ScriptedHttpClient wafv2 = new ScriptedHttpClient().answerJson("AssociateWebACL", 200, "{}");
        try (AwsClients aws = new AwsClients(emulator.settings())) {
            aws.client(Wafv2AsyncClient.class, Wafv2AsyncClient::builder, builder -> builder.httpClient(wafv2));
            TestApplyContext updating = new TestApplyContext(address);

            Observed updated = new WebAclAssociationHandler(aws).update(moved, current,
                    List.of(new AttributeChange("webAclArn", before, after, false, false)), updating).join();

            assertThat(updating.operations()).containsExactly("AssociateWebACL");
            assertThat(wafv2.requests()).singleElement().satisfies(request -> {
                assertThat(request.operation()).isEqualTo("AssociateWebACL");
                JsonNode body = JSON.readTree(request.body());
                assertThat(body.get("WebACLArn").asText()).isEqualTo(after);
                assertThat(body.get("ResourceArn").asText()).isEqualTo(loadBalancerArn);
            });
            assertThat(updated.attributes()).isEqualTo(moved.attributes());
        }
    }

    /** WAF may not see a load balancer made moments ago: AWS answers WAFUnavailableEntityException, and asks to retry. */
    @Test
    void anAssociateRefusedUntilWafSeesTheLoadBalancerIsMadeAgain(AwsClients aws, EmulatorTarget emulator) throws Exception {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "new", "web-acl-association");
        String loadBalancerArn = loadBalancer(aws, "shop-new", ResourceAddress.of("loadBalancers", "new", "alb"));
        TestApplyContext creating = new TestApplyContext(address);
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients through = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.answer("AssociateWebACL", 400, "WAFUnavailableEntityException", "AWS WAF couldn't retrieve the"
                    + " resource that you requested. Retry your request.");

            new WebAclAssociationHandler(through).create(spec(address, webAclArn, loadBalancerArn), creating).join();
        }

        assertThat(creating.operations()).containsExactly("AssociateWebACL",
                "poll:web ACL and load balancer visible to WAF");
        assertThat(Clients.wafv2(aws).getWebACLForResource(r -> r.resourceArn(loadBalancerArn)).join().webACL().arn())
                .isEqualTo(webAclArn);
    }

    /** The refresh's context after the load balancer's read, which found {@code alb} as this state's. */
    private static ReadContext refresh(CountingCalls calls, ResourceAddress alb, String loadBalancerArn) {
        Map<String, String> tags = new LinkedHashMap<>(Fixtures.tags(alb));
        tags.put(StackTags.LINEAGE, LINEAGE);
        Observed loadBalancer = new Observed(alb, Elbv2Types.LOAD_BALANCER.name(), loadBalancerArn, loadBalancerArn,
                Map.of(), tags);
        EarlierReads earlier = at -> at.equals(alb) ? Optional.of(loadBalancer) : Optional.empty();
        return new ReadContext(STACK, ENV, calls, SharedReads.none(), earlier);
    }

    /** The spec as the blueprint gives it to a refresh: its web ACL and load balancer still refs. */
    private static ResourceSpec desired(ResourceAddress address, ResourceAddress alb) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("webAclArn", new Ref(WEB_ACL, "arn"));
        attributes.put("resourceArn", new Ref(alb, "arn"));
        return ResourceSpec.managed(address, Wafv2Types.WEB_ACL_ASSOCIATION.name(), attributes, Map.of());
    }

    private static ResourceSpec spec(ResourceAddress address, String webAcl, String loadBalancer) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("webAclArn", webAcl);
        attributes.put("resourceArn", loadBalancer);
        return ResourceSpec.managed(address, Wafv2Types.WEB_ACL_ASSOCIATION.name(), attributes, Map.of());
    }

    private static String loadBalancer(AwsClients aws, String name, ResourceAddress address) {
        return Clients.elbv2(aws).createLoadBalancer(r -> r.name(name).subnets(subnets).tags(Fixtures.tags(address)
                        .entrySet().stream().map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build())
                        .toList()))
                .join().loadBalancers().get(0).loadBalancerArn();
    }

    private static String webAcl(AwsClients aws, String name) {
        return Clients.wafv2(aws).createWebACL(r -> r.name(name).scope("REGIONAL")
                        .defaultAction(action -> action.allow(allow -> { }))
                        .visibilityConfig(WebAclRules.visibility(name)))
                .join().summary().arn();
    }
}
