package dev.scaffold.provider.aws.acm;

import dev.scaffold.graph.ResourceSpec;
import dev.scaffold.plan.AttributeChange;
import dev.scaffold.provider.ApplyContext;
import dev.scaffold.provider.HandlerException;
import dev.scaffold.provider.ReadContext;
import dev.scaffold.provider.ResourceFailedException;
import dev.scaffold.provider.ResourceHandler;
import dev.scaffold.provider.aws.ApplyCalls;
import dev.scaffold.provider.aws.ArnType;
import dev.scaffold.provider.aws.Attributes;
import dev.scaffold.provider.aws.AwsClients;
import dev.scaffold.provider.aws.Creation;
import dev.scaffold.provider.aws.Planned;
import dev.scaffold.provider.aws.SdkAttributes;
import dev.scaffold.provider.aws.SdkTags;
import dev.scaffold.provider.aws.TaggedReader;
import dev.scaffold.provider.aws.TagsOneByOne;
import dev.scaffold.schema.AcmTypes;
import dev.scaffold.schema.ResourceType;
import dev.scaffold.state.Observed;
import dev.scaffold.state.ResourceState;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.DescribeCertificateResponse;
import software.amazon.awssdk.services.acm.model.RequestCertificateRequest;
import software.amazon.awssdk.services.acm.model.RequestCertificateResponse;
import software.amazon.awssdk.services.acm.model.Tag;

/**
 * A public ACM certificate ({@link AcmTypes#CERTIFICATE}).
 *
 * <p>Attributes: {@code domainName}, {@code subjectAlternativeNames} (those besides the domain name),
 * {@code validationMethod}; computed: {@code status} and {@code validationRecords} (each distinct DNS record as
 * {@code {name, type, value}}). Its physical id is its ARN (refs name {@code arn}).
 *
 * <p>ACM issues the certificate only once the validation records exist in DNS, which the user creates: create
 * tells each record as soon as ACM gives it and waits, at most {@link #ISSUE_TIMEOUT}, until the certificate is
 * issued. One still pending then stays being created, so the next apply tells its records again and goes on
 * waiting; one that ACM gives up on (failed, validation timed out) is replaced.
 */
public final class CertificateHandler implements ResourceHandler {

    private static final ArnType ARN_TYPE = new ArnType("acm", "certificate/");
    private static final Set<String> GONE = Set.of("ResourceNotFoundException");
    /** How long an apply waits for ACM to issue a certificate: minutes, once its DNS records exist. */
    static final Duration ISSUE_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration POLL = Duration.ofSeconds(10);
    /** A certificate stays in use for a moment after the listener that used it is gone. */
    private static final Set<String> IN_USE = Set.of("ResourceInUseException");
    private static final Duration RELEASE_TIMEOUT = Duration.ofMinutes(10);

    private static final SdkAttributes<CertificateDetail> ATTRIBUTES = SdkAttributes
            .describedAs(CertificateDetail.builder())
            .writtenTo(RequestCertificateRequest.builder())
            .member("domainName", "DomainName")
            // ACM takes no empty list: without other names, the request names none.
            .read("subjectAlternativeNames", CertificateHandler::alternativeNames, "SubjectAlternativeNames",
                    names -> ((List<?>) names).isEmpty() ? null : names)
            .read("validationMethod", DnsValidation::method, "ValidationMethod")
            .computed("status", "Status")
            .computed("validationRecords", DnsValidation::records)
            .build();

    private final AwsClients aws;
    private final Duration issueTimeout;
    private final TagsOneByOne tags;
    private final TaggedReader<CertificateDetail> reader;

    public CertificateHandler(AwsClients aws) {
        this(aws, ISSUE_TIMEOUT);
    }

    /** A handler that waits {@code issueTimeout} at most for a certificate to be issued. */
    CertificateHandler(AwsClients aws, Duration issueTimeout) {
        this.aws = aws;
        this.issueTimeout = issueTimeout;
        this.tags = TagsOneByOne.readBy("ListTagsForCertificate", GONE, arn -> AcmClient.of(aws)
                        .listTagsForCertificate(r -> r.certificateArn(arn))
                        .thenApply(answer -> SdkTags.toMap(answer.tags(), Tag::key, Tag::value)))
                .setBy("AddTagsToCertificate", (arn, toSet) -> AcmClient.of(aws).addTagsToCertificate(r -> r
                        .certificateArn(arn).tags(toSdk(toSet))))
                .removedBy("RemoveTagsFromCertificate", (arn, keys) -> AcmClient.of(aws)
                        .removeTagsFromCertificate(r -> r.certificateArn(arn)
                                .tags(keys.stream().map(key -> Tag.builder().key(key).build()).toList())));
        this.reader = TaggedReader.of(aws, ARN_TYPE, CertificateDetail::certificateArn)
                .describedBy("DescribeCertificate", 1, GONE, arns -> describe(arns.get(0)).thenApply(List::of))
                .tagsFrom(tags)
                .build();
    }

    @Override
    public ResourceType schema() {
        return AcmTypes.CERTIFICATE;
    }

    /**
     * Reads the certificates the state knows and those the tagging read returns, one DescribeCertificate each (ACM
     * has no batched describe), with one ListTagsForCertificate each for those whose tags the tagging read did not
     * give.
     */
    @Override
    public List<Observed> read(Collection<ResourceState> known, Collection<ResourceSpec> desired, ReadContext ctx) {
        return reader.read(known, desired, ctx).stream().map(found -> found.observed(schema().name(),
                found.resource().certificateArn(), found.resource().certificateArn(),
                ATTRIBUTES.read(found.resource()))).toList();
    }

    /**
     * Requests the certificate with its tags and an idempotency token of this resource's, so that a retry or a later
     * apply gets the certificate this request made; then waits until it is issued.
     */
    @Override
    public CompletableFuture<Observed> create(ResourceSpec spec, ApplyContext ctx) {
        return Creation.call(ctx, spec, "RequestCertificate", () -> AcmClient.of(aws).requestCertificate(r -> ATTRIBUTES
                                .write(r, Attributes.of(spec)).idempotencyToken(IdempotencyToken.of(spec))
                                .tags(toSdk(spec.tags()))),
                        RequestCertificateResponse::certificateArn)
                .recorded(arn -> written(spec, arn, null))
                .thenCompose(arn -> issued(ctx, spec, arn));
    }

    /** Changes the tags (nothing else of a certificate changes in place), then waits until it is issued. */
    @Override
    public CompletableFuture<Observed> update(ResourceSpec spec, Observed current, List<AttributeChange> changes,
                                              ApplyContext ctx) {
        return tags.update(ctx, current.physicalId(), new Planned(changes).tags())
                .thenCompose(ignored -> issued(ctx, spec, current.physicalId()));
    }

    /** Deletes the certificate, trying again while it is still in use by a load balancer's listener just changed. */
    @Override
    public CompletableFuture<Void> delete(Observed current, ApplyContext ctx) {
        return ApplyCalls.callOnceSettled(ctx, "DeleteCertificate", "certificate no longer in use", IN_USE,
                GONE, POLL, RELEASE_TIMEOUT, () -> AcmClient.of(aws)
                        .deleteCertificate(r -> r.certificateArn(current.physicalId())));
    }

    /** The validation records to create while ACM waits for them, from what the last read found. */
    @Override
    public Optional<String> awaitingYou(Observed current) {
        List<String> records = DnsValidation.toCreate(current);
        if (!CertificateStatus.PENDING_VALIDATION.toString().equals(current.attribute("status")) || records.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("create the DNS record " + String.join(" and the DNS record ", records)
                + " so that ACM issues the certificate for " + current.attribute("domainName"));
    }

    /**
     * Waits until ACM issues the certificate, telling the user its validation records the first time a poll finds
     * it pending with them; fails naming the records when it is still pending after {@code issueTimeout}.
     */
    private CompletableFuture<Observed> issued(ApplyContext ctx, ResourceSpec spec, String arn) {
        AtomicBoolean told = new AtomicBoolean();
        long deadline = System.nanoTime() + issueTimeout.toNanos();
        return ctx.waitUntil("certificate issued", () -> ApplyCalls
                                .poll(ctx, "DescribeCertificate", () -> describe(arn))
                                .thenApply(certificate -> tellRecordsOnce(ctx, told, certificate)),
                        certificate -> !pending(certificate) || System.nanoTime() - deadline >= 0, certificate -> false,
                        POLL, issueTimeout.plus(POLL).plus(POLL))
                .thenApply(certificate -> {
                    if (certificate.status() == CertificateStatus.ISSUED) {
                        return written(spec, arn, certificate);
                    }
                    if (pending(certificate)) {
                        throw new HandlerException(ctx.address(), "DescribeCertificate", null, "the certificate for "
                                + certificate.domainName() + " is still pending validation after "
                                + inWords(issueTimeout) + ": create the DNS record "
                                + String.join(" and the DNS record ", DnsValidation.toCreate(certificate))
                                + ", then run apply again to go on waiting", null);
                    }
                    throw new ResourceFailedException(ctx.address(), "certificate issued",
                            certificate.statusAsString() + (certificate.failureReason() == null ? ""
                                    : " (" + certificate.failureReasonAsString() + ")"));
                });
    }

    private static CertificateDetail tellRecordsOnce(ApplyContext ctx, AtomicBoolean told,
                                                     CertificateDetail certificate) {
        List<String> records = DnsValidation.toCreate(certificate);
        if (pending(certificate) && !records.isEmpty() && !told.getAndSet(true)) {
            records.forEach(record -> ctx.tell("create the DNS record " + record + " to validate the certificate for "
                    + certificate.domainName()));
        }
        return certificate;
    }

    private CompletableFuture<CertificateDetail> describe(String arn) {
        return AcmClient.of(aws).describeCertificate(r -> r.certificateArn(arn))
                .thenApply(DescribeCertificateResponse::certificate);
    }

    private static boolean pending(CertificateDetail certificate) {
        return certificate.status() == CertificateStatus.PENDING_VALIDATION;
    }

    private static Object alternativeNames(CertificateDetail certificate) {
        return certificate.subjectAlternativeNames().stream()
                .filter(name -> !name.equals(certificate.domainName())).sorted().toList();
    }

    private static String inWords(Duration duration) {
        return duration.toMinutes() > 0 ? duration.toMinutes() + " minutes" : duration.toSeconds() + " seconds";
    }

    private static List<Tag> toSdk(Map<String, String> tags) {
        return SdkTags.toList(tags, (key, value) -> Tag.builder().key(key).value(value).build());
    }

    private static Observed written(ResourceSpec spec, String arn, CertificateDetail answer) {
        return ATTRIBUTES.written(spec, AcmTypes.CERTIFICATE.name(), arn, arn, answer);
    }
}
