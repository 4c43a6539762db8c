package dev.scaffold.provider.aws.acm;

import static dev.scaffold.provider.aws.Fixtures.ENV;
import static dev.scaffold.provider.aws.Fixtures.STACK;
import static dev.scaffold.provider.aws.Fixtures.assertNoChanges;
import static dev.scaffold.provider.aws.Fixtures.found;
import static dev.scaffold.provider.aws.Fixtures.known;
import static dev.scaffold.provider.aws.Fixtures.planned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scaffold.graph.ResourceAddress;
import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.ResourceFailedException;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.Fixtures;
import dev.scaffold.schema.AcmTypes;
import dev.scaffold.schema.StackTags;
import dev.scaffold.state.Observed;
import dev.scaffold.testing.AwsEmulator;
import dev.scaffold.testing.Clients;
import dev.scaffold.testing.CountingCalls;
import dev.scaffold.testing.EmulatorGaps;
import dev.scaffold.testing.EmulatorTarget;
import dev.scaffold.testing.FaultInjectingProxy;
import dev.scaffold.testing.FaultInjectingProxy.Fault;
import dev.scaffold.testing.TestApplyContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.Tag;

@ExtendWith(AwsEmulator.class)
class CertificateHandlerIT {

    /** The validation record the emulator gives every certificate, after the domain's name. */
    private static final String RECORD_NAME = "_d930b28be6c5927595552b219965053e.";
    private static final String RECORD_VALUE = "_c9edd76ee4a0e2a74388032f3861cc50.ykybfrwcxw.acm-validations.aws.";

    private static CertificateHandler handler;

    private final ReadContext read = new ReadContext(STACK, ENV);

    @BeforeAll
    static void startFresh(AwsClients aws) {
        handler = new CertificateHandler(aws);
    }

    @Test
    void certificateIsRequestedReadBackRetaggedAndDeleted(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "web", "certificate");
        ResourceSpec desired = spec(address, "shop.example.com", List.of("www.shop.example.com"), Fixtures.tags(address));

        TestApplyContext creating = new TestApplyContext(address);
        Observed created = handler.create(desired, creating).join();

        assertThat(creating.created()).as("recorded as soon as ACM answered").hasSize(1);
        CertificateDetail requested = describe(aws, created.physicalId());
        assertThat(requested.domainName()).isEqualTo("shop.example.com");
        assertThat(requested.subjectAlternativeNames()).containsExactlyInAnyOrder("shop.example.com", "www.shop.example.com");
        assertThat(requested.domainValidationOptions()).allSatisfy(option ->
                assertThat(option.validationMethodAsString()).isEqualTo("DNS"));
        assertThat(tags(aws, created.physicalId())).isEqualTo(desired.tags());
        assertThat(created.arn()).isEqualTo(created.physicalId());
        assertThat(created.attributes()).containsEntry("status", "ISSUED");
        assertThat(created.attributes().get("validationRecords")).isEqualTo(List.of(
                record("shop.example.com"), record("www.shop.example.com")));
        Observed afterCreate = found(handler.read(known(created), List.of(), read)).get(address);
        assertNoChanges(desired, afterCreate);
        assertThat(afterCreate.attributes()).containsEntry("status", "ISSUED")
                .containsEntry("validationRecords", created.attributes().get("validationRecords"));

        Map<String, String> moreTags = new LinkedHashMap<>(Fixtures.tags(address));
        moreTags.put("cost-center", "4711");
        moreTags.remove("team");
        ResourceSpec retagged = spec(address, "shop.example.com", List.of("www.shop.example.com"), moreTags);
        TestApplyContext retagging = new TestApplyContext(address);
        Observed updated = handler.update(retagged, afterCreate, planned(retagged, afterCreate), retagging).join();
        assertThat(retagging.operations()).as("the tags; then a look that it is issued")
                .containsExactly("AddTagsToCertificate", "RemoveTagsFromCertificate", "poll:certificate issued");
        assertNoChanges(retagged, found(handler.read(known(updated), List.of(), read)).get(address));

        handler.delete(updated, new TestApplyContext(address)).join();
        assertThat(found(handler.read(known(updated), List.of(), read))).doesNotContainKey(address);
        handler.delete(updated, new TestApplyContext(address)).join();
    }

    @Test
    void aCertificateForTheDomainAloneNamesNoOtherNames(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "api", "certificate");
        ResourceSpec desired = spec(address, "api.example.com", List.of(), Fixtures.tags(address));

        Observed created = handler.create(desired, new TestApplyContext(address)).join();

        assertThat(describe(aws, created.physicalId()).subjectAlternativeNames()).containsExactly("api.example.com");
        assertNoChanges(desired, found(handler.read(known(created), List.of(), read)).get(address));
        handler.delete(created, new TestApplyContext(address)).join();
    }

    /**
     * Covers {@link EmulatorGaps#CERTIFICATE_ISSUED_WITHOUT_VALIDATION}: the proxy answers the first describes as
     * AWS does while the validation record is missing.
     */
    @Test
    void whileTheCertificateIsPendingTheUserIsToldTheRecordToCreateOnceAndTheApplyWaitsUntilItIsIssued(
            EmulatorTarget emulator) throws Exception {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "secure", "certificate");
        ResourceSpec desired = spec(address, "secure.example.com", List.of(), Fixtures.tags(address));
        TestApplyContext creating = new TestApplyContext(address);
        Observed created;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients through = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            AtomicInteger pendingAnswers = new AtomicInteger(3);
            proxy.shapeAnswers((operation, body) -> operation.equals("DescribeCertificate")
                    && pendingAnswers.getAndDecrement() > 0 ? pending(body) : body);

            created = new CertificateHandler(through).create(desired, creating).join();
        }

        assertThat(creating.told()).containsExactly("create the DNS record " + RECORD_NAME + "secure.example.com. CNAME "
                + RECORD_VALUE + " to validate the certificate for secure.example.com");
        assertThat(creating.operations()).containsExactly("RequestCertificate", "poll:certificate issued",
                "poll:certificate issued", "poll:certificate issued", "poll:certificate issued");
        assertThat(created.attributes()).containsEntry("status", "ISSUED");
    }

    /** Covers {@link EmulatorGaps#CERTIFICATE_ISSUED_WITHOUT_VALIDATION}: the proxy answers as AWS does while it is pending. */
    @Test
    void aCertificateStillPendingAtTheBoundStaysRecordedAndItsFailureNamesTheRecordThenTheNextApplyGoesOnWaiting(
            AwsClients aws, EmulatorTarget emulator) throws Exception {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "late", "certificate");
        ResourceSpec desired = spec(address, "late.example.com", List.of(), Fixtures.tags(address));
        TestApplyContext creating = new TestApplyContext(address);
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients through = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.shapeAnswers((operation, body) -> operation.equals("DescribeCertificate") ? pending(body) : body);
            CertificateHandler patient = new CertificateHandler(through, Duration.ofSeconds(2));

            assertThatThrownBy(() -> patient.create(desired, creating).join())
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOfSatisfying(HandlerException.class, failure -> {
                        assertThat(failure).as("not failed: the next apply goes on waiting")
                                .isNotInstanceOf(ResourceFailedException.class);
                        assertThat(failure.getMessage()).isEqualTo("the certificate for late.example.com is still"
                                + " pending validation after 2 seconds: create the DNS record " + RECORD_NAME
                                + "late.example.com. CNAME " + RECORD_VALUE + ", then run apply again to go on waiting");
                    });

            Observed pendingRead = found(new CertificateHandler(through).read(known(creating.created().get(0)),
                    List.of(), read)).get(address);
            assertThat(pendingRead.attributes()).as("what a plan shows of a pending certificate")
                    .containsEntry("status", "PENDING_VALIDATION")
                    .containsEntry("validationRecords", List.of(record("late.example.com")));
            assertThat(handler.awaitingYou(pendingRead)).as("what a plan tells the user to do")
                    .contains("create the DNS record " + RECORD_NAME + "late.example.com. CNAME " + RECORD_VALUE
                            + " so that ACM issues the certificate for late.example.com");
        }
        assertThat(creating.created()).hasSize(1);

        Observed recorded = creating.created().get(0);
        TestApplyContext finishing = new TestApplyContext(address);
        Observed finished = handler.update(desired, recorded, List.of(), finishing).join();

        assertThat(finished.physicalId()).isEqualTo(recorded.physicalId());
        assertThat(finished.attributes()).containsEntry("status", "ISSUED");
        assertThat(finishing.told()).as("issued at the first look: nothing to create").isEmpty();
        assertThat(handler.awaitingYou(finished)).isEmpty();
        assertThat(certificatesFor(aws, "late.example.com")).hasSize(1);
    }

    /** Covers {@link EmulatorGaps#CERTIFICATE_ISSUED_WITHOUT_VALIDATION}: the proxy answers as AWS does for a failed one. */
    @Test
    void aCertificateAcmFailedIsAFailedResourceWithAcmsReason(EmulatorTarget emulator) throws Exception {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "denied", "certificate");
        ResourceSpec desired = spec(address, "denied.example.com", List.of(), Fixtures.tags(address));
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients through = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.shapeAnswers((operation, body) -> operation.equals("DescribeCertificate") ? failed(body) : body);

            assertThatThrownBy(() -> new CertificateHandler(through).create(desired, new TestApplyContext(address)).join())
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOf(ResourceFailedException.class)
                    .hasMessage("gave up waiting for certificate issued: AWS reports it reached FAILED (CAA_ERROR)");
        }
    }

    @Test
    void aRequestWhoseAnswerWasLostAndARequestAfterACrashLeaveOneCertificate(AwsClients aws, EmulatorTarget emulator)
            throws Exception {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "lost", "certificate");
        ResourceSpec desired = spec(address, "lost.example.com", List.of("www.lost.example.com"), Fixtures.tags(address));
        Observed created;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients through = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.inject("RequestCertificate", Fault.LOST_RESPONSE);

            created = new CertificateHandler(through).create(desired, new TestApplyContext(address)).join();

            assertThat(proxy.injected()).containsExactly("LOST_RESPONSE RequestCertificate");
            assertThat(proxy.forwardedOperations()).as("the SDK's retry, with the same idempotency token")
                    .containsExactly("RequestCertificate", "RequestCertificate", "DescribeCertificate");
        }
        Observed afterCrash = handler.create(desired, new TestApplyContext(address)).join();

        assertThat(afterCrash.physicalId()).isEqualTo(created.physicalId());
        assertThat(certificatesFor(aws, "lost.example.com")).containsExactly(created.physicalId());
        handler.delete(created, new TestApplyContext(address)).join();
    }

    @Test
    void theSameCertificateOfAnotherStatesLineageIsAnotherCertificate(AwsClients aws) {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "twin", "certificate");
        Map<String, String> ours = new LinkedHashMap<>(Fixtures.tags(address));
        ours.put(StackTags.LINEAGE, "0f6c1a52-8d3e-4b7a-9e21-5c4d3b2a1f00");
        Map<String, String> theirs = new LinkedHashMap<>(Fixtures.tags(address));
        theirs.put(StackTags.LINEAGE, "7e2d9b41-3c5a-4f8e-8b10-2a9c8d7e6f11");

        Observed mine = handler.create(spec(address, "twin.example.com", List.of(), ours), new TestApplyContext(address))
                .join();
        Observed other = handler.create(spec(address, "twin.example.com", List.of(), theirs),
                new TestApplyContext(address)).join();

        assertThat(other.physicalId()).isNotEqualTo(mine.physicalId());
        assertThat(certificatesFor(aws, "twin.example.com")).containsExactlyInAnyOrder(mine.physicalId(),
                other.physicalId());
        handler.delete(mine, new TestApplyContext(address)).join();
        handler.delete(other, new TestApplyContext(address)).join();
    }

    @Test
    void theStacksCertificatesCostOneDescribeEachWithTheirTagsFromTheTaggingRead(AwsClients aws) {
        String stack = "shop-costs";
        ResourceAddress first = ResourceAddress.of("loadBalancers", "one", "certificate");
        ResourceAddress second = ResourceAddress.of("loadBalancers", "two", "certificate");
        ResourceAddress orphan = ResourceAddress.of("loadBalancers", "three", "certificate");
        ResourceAddress untagged = ResourceAddress.of("loadBalancers", "four", "certificate");
        Observed one = create(spec(first, "one.example.com", List.of(), Fixtures.tags(stack, ENV, first)));
        Observed two = create(spec(second, "two.example.com", List.of(), Fixtures.tags(stack, ENV, second)));
        Observed three = create(spec(orphan, "three.example.com", List.of(), Fixtures.tags(stack, ENV, orphan)));
        Observed four = create(spec(untagged, "four.example.com", List.of(), Fixtures.tags(stack, ENV, untagged)));
        Clients.acm(aws).removeTagsFromCertificate(r -> r.certificateArn(four.physicalId())
                .tags(Tag.builder().key(StackTags.STACK).build())).join();
        CountingCalls calls = new CountingCalls();

        Map<ResourceAddress, Observed> found = found(handler.read(known(one, two, four), List.of(),
                new ReadContext(stack, ENV, calls)));

        assertThat(found).containsOnlyKeys(first, second, orphan, untagged);
        assertThat(found.get(orphan).physicalId()).isEqualTo(three.physicalId());
        assertThat(calls.counts()).as("one DescribeCertificate each (ACM has no batch); tags from the tagging read,"
                        + " but for the certificate whose stack tag was removed")
                .isEqualTo(Map.of("GetResources", 1, "DescribeCertificate", 4, "ListTagsForCertificate", 1));
        CountingCalls nothing = new CountingCalls();
        assertThat(handler.read(List.of(), List.of(), new ReadContext("shop-empty", ENV, nothing))).isEmpty();
        assertThat(nothing.counts()).isEqualTo(Map.of("GetResources", 1));
        for (Observed certificate : List.of(one, two, three, four)) {
            handler.delete(certificate, new TestApplyContext(certificate.address())).join();
        }
    }

    /** AWS refuses to delete a certificate a load balancer still uses for a moment after its listener changed. */
    @Test
    void aDeleteRefusedWhileTheCertificateIsStillInUseIsMadeAgain(AwsClients aws, EmulatorTarget emulator)
            throws Exception {
        ResourceAddress address = ResourceAddress.of("loadBalancers", "used", "certificate");
        Observed created = create(spec(address, "used.example.com", List.of(), Fixtures.tags(address)));
        TestApplyContext deleting = new TestApplyContext(address);
        try (FaultInjectingProxy proxy = FaultInjectingProxy.passThrough(emulator.endpoint());
             AwsClients through = new AwsClients(emulator.through(proxy.endpoint()).settings())) {
            proxy.answer("DeleteCertificate", 400, "ResourceInUseException", "Certificate " + created.physicalId()
                    + " in account 123456789012 is in use.");

            new CertificateHandler(through).delete(created, deleting).join();
        }

        assertThat(deleting.operations()).containsExactly("DeleteCertificate", "poll:certificate no longer in use");
        assertThat(certificatesFor(aws, "used.example.com")).isEmpty();
    }

    private static Observed create(ResourceSpec spec) {
        return handler.create(spec, new TestApplyContext(spec.address())).join();
    }

    /** A DescribeCertificate answer as AWS gives it while the validation record is missing. */
    private static byte[] pending(byte[] body) {
        return new String(body, StandardCharsets.UTF_8)
                .replaceAll("\"Status\":\\s*\"ISSUED\"", "\"Status\": \"PENDING_VALIDATION\"")
                .replaceAll("\"ValidationStatus\":\\s*\"SUCCESS\"", "\"ValidationStatus\": \"PENDING_VALIDATION\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A DescribeCertificate answer as AWS gives it for a certificate a CAA record forbids. */
    private static byte[] failed(byte[] body) {
        return new String(body, StandardCharsets.UTF_8)
                .replaceAll("\"Status\":\\s*\"ISSUED\"", "\"Status\": \"FAILED\", \"FailureReason\": \"CAA_ERROR\"")
                .replaceAll("\"ValidationStatus\":\\s*\"SUCCESS\"", "\"ValidationStatus\": \"FAILED\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> record(String domain) {
        return Map.of("name", RECORD_NAME + domain + ".", "type", "CNAME", "value", RECORD_VALUE);
    }

    private static CertificateDetail describe(AwsClients aws, String arn) {
        return Clients.acm(aws).describeCertificate(r -> r.certificateArn(arn)).join().certificate();
    }

    private static List<String> certificatesFor(AwsClients aws, String domain) {
        return Clients.acm(aws).listCertificates(r -> { }).join().certificateSummaryList().stream()
                .filter(summary -> summary.domainName().equals(domain)).map(CertificateSummary::certificateArn).toList();
    }

    private static Map<String, String> tags(AwsClients aws, String arn) {
        Map<String, String> tags = new LinkedHashMap<>();
        Clients.acm(aws).listTagsForCertificate(r -> r.certificateArn(arn)).join().tags()
                .forEach(tag -> tags.put(tag.key(), tag.value()));
        return tags;
    }

    private static ResourceSpec spec(ResourceAddress address, String domain, List<String> otherNames,
                                     Map<String, String> tags) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("domainName", domain);
        attributes.put("subjectAlternativeNames", otherNames);
        attributes.put("validationMethod", "DNS");
        return ResourceSpec.managed(address, AcmTypes.CERTIFICATE.name(), attributes, tags);
    }
}
