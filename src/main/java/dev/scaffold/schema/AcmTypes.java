package dev.scaffold.schema;

/** The ACM types. */
public final class AcmTypes {

    /** A certificate ACM issues. */
    public static final ResourceType CERTIFICATE = ResourceType.managed("AWS::CertificateManager::Certificate")
            .forcesReplace("domainName", "subjectAlternativeNames", "validationMethod").build();

    private AcmTypes() {
    }
}
