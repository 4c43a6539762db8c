package dev.scaffold.schema;

import java.time.Duration;

/** The ACM type of the load-balancer tier: a public certificate requested by domain. */
public final class AcmTypes {

    /**
     * A certificate ACM issues for {@code domainName} and {@code subjectAlternativeNames} (unordered, may be empty)
     * once {@code validationMethod} ({@code DNS}) proves the domains are the owner's; each of these is fixed at the
     * request. AWS sets {@code status} and {@code validationRecords} (a list of {@code {name, type, value}}: the DNS
     * records to create). Refs name {@code arn}.
     */
    public static final ResourceType CERTIFICATE = ResourceType.managed("AWS::CertificateManager::Certificate")
            .forcesReplace("domainName", "subjectAlternativeNames", "validationMethod")
            .unordered("subjectAlternativeNames")
            .computed("status", "validationRecords")
            // Issued a few minutes after its validation record exists in DNS.
            .durations(Duration.ofMinutes(3), Duration.ofSeconds(2), Duration.ofSeconds(5))
            .build();

    private AcmTypes() {
    }
}
