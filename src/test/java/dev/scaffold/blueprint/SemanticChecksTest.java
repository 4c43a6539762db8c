package dev.scaffold.blueprint;

import static dev.scaffold.blueprint.BlueprintFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SemanticChecksTest {

    @TempDir
    Path dir;

    private Blueprint load(String content) {
        return new BlueprintLoader(Map.of()).load(LoadRequest.of(write(dir, "blueprint.yaml", content)));
    }

    private List<String> problems(String content) {
        BlueprintException e = catchThrowableOfType(BlueprintException.class, () -> load(content));
        assertThat(e).as("expected the blueprint to be rejected").isNotNull();
        return e.diagnostics().stream().map(d -> d.code() + ": " + d.message()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "eu-central-2", "ap-southeast-4", "us-gov-west-1", "sa-east-1", "cn-north-1",
            "me-central-1", "il-central-1", "ca-west-1"})
    void realRegionNamesAreAccepted(String region) {
        assertThat(load("blueprint: shop\nregion: " + region + "\n").region()).isEqualTo(region);
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-east", "US-EAST-1", "moon-base-1", "useast1", "eu-central-0"})
    void otherRegionNamesAreRejected(String region) {
        assertThat(problems("blueprint: shop\nregion: " + region + "\n")).singleElement().asString()
                .startsWith("invalid-region: '" + region + "' is not an AWS region");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s", "1shop", "shop_app", "a-very-long-stack-name-that-is-too-long", "Shop"})
    void badStackNamesAreRejected(String name) {
        assertThat(problems("blueprint: " + name + "\nregion: us-east-1\n")).singleElement().asString()
                .startsWith("invalid-name: blueprint name");
    }

    @Test
    void capacityMayBeFixed() {
        Blueprint b = load("""
                blueprint: shop
                region: us-east-1
                services: { app: { image: ami-0abcdef1234567890, capacity: { min: 3, max: 3 } } }
                """);

        assertThat(b.services().get("app").capacity()).isEqualTo(new Service.Capacity(3, 3, null));
    }

    @Test
    void loadBalancerIdleTimeoutIsAccepted() {
        Blueprint b = load("""
                blueprint: shop
                region: us-east-1
                loadBalancers: { web: { idleTimeoutSeconds: 120 } }
                """);

        assertThat(b.loadBalancers().get("web").idleTimeoutSeconds()).isEqualTo(120);
    }

    @Test
    void waiverCarriesItsDate() {
        Blueprint b = load("""
                blueprint: shop
                region: us-east-1
                policy: { waive: [ { rule: SCF-RDS-004, reason: single-AZ staging, until: 2027-03-31 } ] }
                """);

        assertThat(b.policy().waivers()).containsExactly(
                new Waiver("SCF-RDS-004", "single-AZ staging", LocalDate.of(2027, 3, 31)));
    }

    @Test
    void badWaiverDateIsReported() {
        assertThat(problems("""
                blueprint: shop
                region: us-east-1
                policy: { waive: [ { rule: SCF-RDS-004, reason: r, until: next-year } ] }
                """)).containsExactly("invalid-date: waiver 'until' must be a date as YYYY-MM-DD, got 'next-year'");
    }

    @Test
    void backupCopyMustGoToAnotherRegion() {
        assertThat(problems("""
                blueprint: shop
                region: us-east-1
                databases: { main: { engine: postgres } }
                backups: { nightly: { resources: [ databases.main ], copyToRegion: us-east-1 } }
                """)).containsExactly("same-region: backups.nightly.copyToRegion must differ from the blueprint's region us-east-1");
    }

    @Test
    void referencesMustPointAtTheRightSection() {
        assertThat(problems("""
                blueprint: shop
                region: us-east-1
                databases: { main: { engine: postgres } }
                cdn: { site: { origin: databases.main } }
                """)).containsExactly("invalid-reference: cdn.site.origin must name a tier as SECTION.NAME with SECTION "
                + "one of loadBalancers, got 'databases.main'");
    }

    @Test
    void redirectWithoutHttpsIsAConflict() {
        assertThat(problems("""
                blueprint: shop
                region: us-east-1
                loadBalancers: { web: { redirectHttp: true } }
                """)).containsExactly("conflict: loadBalancers.web.redirectHttp needs 'https' to redirect to");
    }

    @Test
    void plainHttpLoadBalancerDoesNotRedirect() {
        Blueprint b = load("blueprint: shop\nregion: us-east-1\nloadBalancers: { web: {} }\n");

        assertThat(b.loadBalancers().get("web").https()).isNull();
        assertThat(b.loadBalancers().get("web").redirectHttp()).isFalse();
    }

    @Test
    void reservedTagPrefixesAreRejected() {
        assertThat(problems("blueprint: shop\nregion: us-east-1\ntags: { \"scaffold:stack\": x }\n"))
                .containsExactly("invalid-name: tag 'scaffold:stack' uses a reserved prefix (aws:, scaffold:)");
    }

    @Test
    void s3StateBackendIsBound() {
        Blueprint b = load("""
                blueprint: shop
                region: us-east-1
                state: { backend: s3, bucket: acme-state, key: shop.json, region: eu-west-1 }
                """);

        assertThat(b.state()).isEqualTo(new StateBackend(StateBackend.Kind.S3, "acme-state", "shop.json", "eu-west-1"));
    }

    @Test
    void unknownAttributeListsTheAllowedOnes() {
        assertThat(problems("""
                blueprint: shop
                region: us-east-1
                loadBalancers: { web: {} }
                services: { app: { image: ami-0abcdef1234567890, environment: { URL: "${loadBalancers.web.dns}" } } }
                """)).containsExactly("unknown-attribute: loadBalancers offer no attribute 'dns'; allowed: dnsName, arn, zoneId");
    }
}
