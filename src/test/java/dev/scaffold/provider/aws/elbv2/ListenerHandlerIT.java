package dev.scaffold.provider.aws.elbv2;

import static dev.scaffold.provider.aws.Fixtures.ENV;
import static dev.scaffold.provider.aws.Fixtures.STACK;
import static dev.scaffold.provider.aws.Fixtures.assertNoChanges;
import static dev.scaffold.provider.aws.Fixtures.found;
import static dev.scaffold.provider.aws.Fixtures.known;
import static dev.scaffold.provider.aws.Fixtures.planned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.graph.Mode;
import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.EarlierReads;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.SharedReads;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.Fixtures;
import dev.scaffold.provider.aws.TaggedResources;
import dev.scaffold.schema.Elbv2Types;
import dev.scaffold.state.Observed;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.Certificates;
import dev.scaffold.testing.Clients;
import dev.scaffold.testing.CountingCalls;
import dev.scaffold.testing.EmulatorGaps;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.FaultInjectingProxy;
import dev.scaffold.testing.TestApplyContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.Subnet;

@ExtendWith(AwsEmulator.class)
class ListenerHandlerIT {

    private static ListenerHandler handler;
    private static LoadBalancerHandler loadBalancers;
    private static String loadBalancerArn;
    private static String targetGroupArn;
    private static String certificate;
    private static String otherCertificate;

    private final ReadContext read = new ReadContext(STACK, ENV);

    @BeforeAll
    static void startFresh(AwsClients aws, EmulatorTarget emulator) throws Exception {
        handler = new ListenerHandler(aws);
        loadBalancers = new LoadBalancerHandler(aws);
        String vpcId = Clients.ec2(aws).describeVpcs().join().vpcs().get(0).vpcId();
        List<String> subnets = Clients.ec2(aws).describeSubnets().join().subnets().stream()
                .map(Subnet::subnetId).sorted().limit(2).toList();
        ResourceAddress alb = ResourceAddress.of("loadBalancers", "web", "alb");
        loadBalancerArn = Clients.elbv2(aws).createLoadBalancer(r -> r.name("shop-web").subnets(subnets)
                        .tags(ElbTags.toSdk(Fixtures.tags(alb))))
                .join().loadBalancers().get(0).loadBalancerArn();
        targetGroupArn = Clients.elbv2(aws).createTargetGroup(r -> r.name("shop-web").protocol("HTTP").port(8080).vpcId(vpcId))
                .join().targetGroups().get(0).targetGroupArn();
        certificate = Certificates.request(emulator, "shop.example.com");
        otherCertificate = Certificates.request(emulator, "www.shop.example.com");
    }

    @Test
    void httpsListenerIsCreatedReadUpdatedInPlaceAndDeleted() {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "web", "listener-https");
        ResourceSpec desired = https(address, certificate, "ELBSecurityPolicy-TLS13-1-2-2021-06");

        Observed created = handler.create(desired, new TestApplyContext(address)).join();
        Observed afterCreate = found(handler.read(known(created), List.of(), read)).get(address);
        assertNoChanges(desired, afterCreate);

        ResourceSpec renewed = https(address, otherCertificate, "ELBSecurityPolicy-TLS13-1-2-Res-2021-06");
        TestApplyContext updating = new TestApplyContext(address);
        Observed updated = handler.update(renewed, afterCreate, planned(renewed, afterCreate), updating).join();
        assertThat(updating.operations()).as("the planned change only, no read of its own")
                .containsExactly("ModifyListener");
        assertNoChanges(renewed, found(handler.read(known(updated), List.of(), read)).get(address));

        handler.delete(updated, new TestApplyContext(address)).join();
        assertThat(found(handler.read(known(updated), List.of(), read))).doesNotContainKey(address);
        handler.delete(updated, new TestApplyContext(address)).join();
    }

    /**
     * Also covers {@link EmulatorGaps#HTTP_LISTENER_REPORTS_SSL_POLICY}: an HTTP listener reads back without one;
     * and {@link EmulatorGaps#TAGGING_API_OMITS_LISTENERS}: the listener the state does not know is found on its
     * load balancer's port, which the desired spec names.
     */
    @Test
    void httpListenerThatRedirectsIsFoundAsAnOrphanOnItsLoadBalancersPortAndReadsBackAsWritten() {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "web", "listener-http");
        Map<String, Object> redirect = new LinkedHashMap<>();
        redirect.put("type", "redirect");
        redirect.put("protocol", "HTTPS");
        redirect.put("port", "443");
        redirect.put("host", "#{host}");
        redirect.put("path", "/#{path}");
        redirect.put("query", "#{query}");
        redirect.put("statusCode", "HTTP_301");
        ResourceSpec desired = spec(address, 80, "HTTP", redirect, null, null);
        handler.create(desired, new TestApplyContext(address)).join();
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found = found(handler.read(List.of(), List.of(desired), new ReadContext(STACK, ENV, calls)));

        assertNoChanges(desired, found.get(address));
        assertThat(found.get(address).attributes()).doesNotContainKeys("sslPolicy", "certificateArn");
        assertThat(calls.counts()).as("the emulator's tagging read returns the load balancer, not its listeners:"
                        + " the desired listener is looked for on its load balancer's port")
                .isEqualTo(Map.of("GetResources", 1, "DescribeListeners", 1, "DescribeTags", 1));
    }

    @Test
    void listenerAndLoadBalancerReadsOfOneRefreshShareOneTaggingRead() throws Exception {
        CountingCalls calls = new CountingCalls();
        ReadContext refresh = new ReadContext(STACK, ENV, calls, SharedReads.perRefresh(), EarlierReads.NONE);

        CompletableFuture<Map<ResourceAddress, Observed>> listeners =
                CompletableFuture.supplyAsync(() -> found(handler.read(List.of(), List.of(), refresh)));
        CompletableFuture<Map<ResourceAddress, Observed>> balancers =
                CompletableFuture.supplyAsync(() -> found(loadBalancers.read(List.of(), List.of(), refresh)));

        assertThat(balancers.get(30, TimeUnit.SECONDS)).containsKey(ResourceAddress.of("loadBalancers", "web", "alb"));
        assertThat(listeners.get(30, TimeUnit.SECONDS)).as("nothing known, tagged or desired").isEmpty();
        assertThat(calls.counts()).isEqualTo(Map.of("GetResources", 1, "DescribeLoadBalancers", 1,
                "DescribeLoadBalancerAttributes", 1));
    }

    /**
     * Where the tagging API returns listeners, as AWS's does, they are described by ARN with the tags it
     * gave, and their load balancer is not asked for its listeners. The emulator's tagging API returns no
     * listeners ({@link EmulatorGaps#TAGGING_API_OMITS_LISTENERS}), so the refresh's tagging read is given
     * here as AWS would answer it: the stack's load balancer and its listener, each with its own tags.
     */
    @Test
    void listenersTheTaggingReadReturnsAreDescribedByArnWithTheirTagsFromIt(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "web", "listener-by-arn");
        Observed created = handler.create(spec(address, 8443, "HTTP",
                Map.of("type", "forward", "targetGroupArn", targetGroupArn), null, null),
                new TestApplyContext(address)).join();
        Map<String, Map<String, String>> asAwsAnswers = new LinkedHashMap<>();
        asAwsAnswers.put(loadBalancerArn, new ElbTags(aws).readOne(new TestApplyContext(address), loadBalancerArn).join());
        asAwsAnswers.put(created.arn(), new ElbTags(aws).readOne(new TestApplyContext(address), created.arn()).join());
        CountingCalls calls = new CountingCalls();
        ReadContext refresh = new ReadContext(STACK, ENV, calls, SharedReads.perRefresh(), EarlierReads.NONE);
        refresh.shared().get(TaggedResources.KEY, () -> new TaggedResources(asAwsAnswers));

        Map<ResourceAddress, Observed> found = found(handler.read(List.of(), List.of(), refresh));

        assertThat(found).containsOnlyKeys(address);
        assertThat(found.get(address).physicalId()).isEqualTo(created.physicalId());
        assertThat(found.get(address).tags()).isEqualTo(Fixtures.tags(address));
        assertThat(calls.counts()).as("one DescribeListeners by ARN; no listing per load balancer, no DescribeTags")
                .isEqualTo(Map.of("DescribeListeners", 1));
        handler.delete(created, new TestApplyContext(address)).join();
    }

    /** Covers {@link EmulatorGaps#LOAD_BALANCER_AND_LISTENER_CREATES_DUPLICATE}: the proxy gives AWS's answer to a taken port. */
    @Test
    void aCreateAnsweredThatThePortIsTakenGoesOnWithTheListenerOnItWhenItIsThisStacks(EmulatorTarget emulator)
            throws Exception {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "web", "listener-again");
        ResourceSpec desired = forward(address, 8081);
        Observed first = handler.create(desired, new TestApplyContext(address)).join();
        Observed second;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients through = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.answer("CreateListener", 400, "DuplicateListener", "A listener with the specified port already exists.");

            second = new ListenerHandler(through).create(desired, new TestApplyContext(address)).join();

            assertThat(proxy.forwardedOperations()).containsExactly("DescribeListeners", "DescribeTags");
        }

        assertThat(second.physicalId()).isEqualTo(first.physicalId());
        assertNoChanges(desired, found(handler.read(known(second), List.of(), read)).get(address));
        handler.delete(second, new TestApplyContext(address)).join();
    }

    /** Covers {@link EmulatorGaps#LOAD_BALANCER_AND_LISTENER_CREATES_DUPLICATE}: the proxy gives AWS's answer to a taken port. */
    @Test
    void aListenerOnThatPortOfAnotherStackIsAClashAndIsLeftAlone(EmulatorTarget emulator) throws Exception {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "web", "listener-twin");
        ResourceSpec ours = forward(address, 8083);
        ResourceSpec theirs = new ResourceSpec(address, Elbv2Types.LISTENER.name(), Mode.MANAGED, ours.attributes(),
                Fixtures.tags("blog", ENV, address), Set.of(), Set.of());
        Observed existing = handler.create(theirs, new TestApplyContext(address)).join();

        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients through = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.answer("CreateListener", 400, "DuplicateListener", "A listener with the specified port already exists.");
            ListenerHandler lossy = new ListenerHandler(through);

            assertThatThrownBy(() -> lossy.create(ours, new TestApplyContext(address)).join())
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOfSatisfying(HandlerException.class, failure -> {
                        assertThat(failure.operation()).isEqualTo("CreateListener");
                        assertThat(failure.code()).isEqualTo("DuplicateListener");
                        assertThat(failure.getMessage()).isEqualTo("a listener on port 8083 of " + loadBalancerArn
                                + " already exists and is not this stack's (its scaffold:stack is blog, not shop);"
                                + " delete it or rename the tier in the blueprint, then run again");
                    });
        }
        handler.delete(existing, new TestApplyContext(address)).join();
    }

    private static ResourceSpec forward(ResourceAddress address, int port) {
        return spec(address, port, "HTTP", Map.of("type", "forward", "targetGroupArn", targetGroupArn), null, null);
    }

    private static ResourceSpec https(ResourceAddress address, String certificateArn, String policy) {
        return spec(address, 443, "HTTPS", Map.of("type", "forward", "targetGroupArn", targetGroupArn),
                certificateArn, policy);
    }

    private static ResourceSpec spec(ResourceAddress address, int port, String protocol, Map<String, Object> action,
                                     String certificateArn, String policy) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("loadBalancerArn", loadBalancerArn);
        attributes.put("port", port);
        attributes.put("protocol", protocol);
        if (certificateArn != null) {
            attributes.put("certificateArn", certificateArn);
            attributes.put("sslPolicy", policy);
        }
        attributes.put("defaultAction", action);
        return ResourceSpec.managed(address, Elbv2Types.LISTENER.name(), attributes, Fixtures.tags(address));
    }
}
