package dev.scaffold.components;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scaffold.blueprint.Expr;
import dev.scaffold.blueprint.Literal;
import dev.scaffold.blueprint.TierReference;
import dev.scaffold.graph.Interpolation;
import dev.scaffold.graph.Ref;
import dev.scaffold.graph.ResourceAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TierValuesTest {

    private static final Ref FIRST = new Ref(new ResourceAddress("databases", "main", "replica", 0), "endpoint");
    private static final Ref SECOND = new Ref(new ResourceAddress("databases", "main", "replica", 1), "endpoint");
    private static final TierValues VALUES = new TierValues(Map.of("databases.main.readerEndpoints",
            List.of(FIRST, SECOND)));

    @Test
    void aListOfRefsReadsInTextSeparatedByCommas() {
        Expr readers = new Expr(List.of(new Literal("readers="), new TierReference("databases", "main",
                "readerEndpoints")));

        assertThat(VALUES.of(readers, "services.app.environment.READERS"))
                .contains(Interpolation.of("readers=", FIRST, ",", SECOND));
    }

    @Test
    void aReferenceToWhatNoTierProvisionsIsLeftOutWithANotice() {
        Expr cdn = new Expr(List.of(new TierReference("cdn", "site", "domainName")));

        assertThat(VALUES.of(cdn, "services.app.environment.CDN")).isEmpty();
        assertThat(VALUES.notices()).containsExactly("services.app.environment.CDN refers to ${cdn.site.domainName},"
                + " which is not provisioned yet: it is left out");
    }
}
