package dev.scaffold.provider.aws.acm;

import dev.scaffold.state.Observed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.DomainValidation;

/**
 * How a certificate proves its domains, as ACM describes it: the validation method, and the DNS records to create,
 * each distinct record once (a wildcard and its domain share one), sorted by name.
 */
final class DnsValidation {

    private DnsValidation() {
    }

    /** The validation method of the certificate's domains, e.g. {@code DNS}; {@code null} while ACM gives none. */
    static Object method(CertificateDetail certificate) {
        return certificate.domainValidationOptions().stream().map(DomainValidation::validationMethodAsString)
                .filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** The records in the spec's vocabulary: {@code {name, type, value}}; none until ACM has made them. */
    static List<Map<String, Object>> records(CertificateDetail certificate) {
        Map<String, Map<String, Object>> byName = new TreeMap<>();
        certificate.domainValidationOptions().stream().filter(option -> option.resourceRecord() != null)
                .forEach(option -> {
                    Map<String, Object> record = new LinkedHashMap<>();
                    record.put("name", option.resourceRecord().name());
                    record.put("type", option.resourceRecord().typeAsString());
                    record.put("value", option.resourceRecord().value());
                    byName.putIfAbsent(option.resourceRecord().name(), record);
                });
        return List.copyOf(byName.values());
    }

    /** The records as a user creates them, e.g. {@code _a1.shop.example.com. CNAME _b2.acm-validations.aws.}. */
    static List<String> toCreate(CertificateDetail certificate) {
        return asCreated(records(certificate));
    }

    /** The records a read recorded ({@code validationRecords}), as a user creates them. */
    static List<String> toCreate(Observed certificate) {
        return certificate.attribute("validationRecords") instanceof List<?> records
                ? asCreated(records.stream().map(record -> (Map<?, ?>) record).toList()) : List.of();
    }

    private static List<String> asCreated(List<? extends Map<?, ?>> records) {
        return records.stream()
                .map(record -> record.get("name") + " " + record.get("type") + " " + record.get("value")).toList();
    }
}
