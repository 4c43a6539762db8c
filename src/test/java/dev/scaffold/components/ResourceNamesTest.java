package dev.scaffold.components;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceNamesTest {

    @Test
    void shortNamesJoinStackEnvironmentAndItem() {
        assertThat(ResourceNames.loadBalancer(stack("shop", null), "web")).isEqualTo("shop-web");
        assertThat(ResourceNames.loadBalancer(stack("shop", "prod"), "web")).isEqualTo("shop-prod-web");
        assertThat(ResourceNames.securityGroup(stack("shop", "prod"), "web", "alb")).isEqualTo("shop-prod-web-alb");
        assertThat(ResourceNames.targetGroup(stack("shop", "prod"), "web", 8080)).isEqualTo("shop-prod-web-8080");
    }

    @Test
    void longNamesAreCutTo32WithAStableHashThatTellsThemApart() {
        String one = ResourceNames.loadBalancer(stack("a-rather-long-stack-name", "staging"), "public-web");
        String two = ResourceNames.loadBalancer(stack("a-rather-long-stack-name", "staging"), "public-api");

        assertThat(one).hasSizeLessThanOrEqualTo(32).matches("a-rather-long-stack-name-[0-9a-f]{6}");
        assertThat(two).hasSizeLessThanOrEqualTo(32).isNotEqualTo(one);
        assertThat(ResourceNames.loadBalancer(stack("a-rather-long-stack-name", "staging"), "public-web")).isEqualTo(one);
    }

    @Test
    void exactly32CharactersAreKept() {
        String name = ResourceNames.loadBalancer(stack("abcdefghij-klmnopqrst", "uvw"), "xyz012");

        assertThat(name).isEqualTo("abcdefghij-klmnopqrst-uvw-xyz012").hasSize(32);
    }

    @Test
    void charactersElbRejectsAreReplacedAndTheNameMarkedWithAHash() {
        String name = ResourceNames.loadBalancer(stack("café", null), "web_1");

        assertThat(name).matches("caf-web-1-[0-9a-f]{6}");
        assertThat(ResourceNames.loadBalancer(stack("caf", null), "web-1")).isEqualTo("caf-web-1");
    }

    @Test
    void namesNeverStartWithTheInternalPrefixElbReserves() {
        assertThat(ResourceNames.loadBalancer(stack("internal", null), "web")).doesNotStartWith("internal-");
    }

    @Test
    void queueNamesEndInFifoForAFifoQueueAndAreCutTo80BeforeIt() {
        assertThat(ResourceNames.queue(stack("shop", "prod"), "jobs", false)).isEqualTo("shop-prod-jobs");
        assertThat(ResourceNames.queue(stack("shop", "prod"), "jobs-dlq", true)).isEqualTo("shop-prod-jobs-dlq.fifo");
        String longest = ResourceNames.queue(stack("s".repeat(31), "e".repeat(31)), "q".repeat(31) + "-dlq", true);
        String other = ResourceNames.queue(stack("s".repeat(31), "e".repeat(31)), "q".repeat(30) + "r-dlq", true);

        assertThat(longest).hasSize(80).endsWith(".fifo").matches("s{31}-e{31}-q{4}-[0-9a-f]{6}\\.fifo");
        assertThat(other).hasSize(80).isNotEqualTo(longest);
    }

    private static StackContext stack(String name, String environment) {
        return new StackContext(name, environment, false, Map.of());
    }
}
