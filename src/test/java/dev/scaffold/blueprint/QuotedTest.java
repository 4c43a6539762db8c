package dev.scaffold.blueprint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A value in a diagnostic is quoted on one line, with nothing a terminal would act on, and short. */
class QuotedTest {

    @Test
    void aShortPlainValueIsQuotedAsItIs() {
        assertThat(Quoted.of("us-east-1")).isEqualTo("'us-east-1'");
        assertThat(Quoted.of("ümlaut 🚀")).isEqualTo("'ümlaut 🚀'");
    }

    @Test
    void controlCharactersAndLineSeparatorsBecomeVisibleEscapes() {
        assertThat(Quoted.of("a\nb\rc\td\0e")).isEqualTo("'a\\nb\\rc\\td\\0e'");
        assertThat(Quoted.of("\u001b[2J\u001b[31mred")).isEqualTo("'\\x1B[2J\\x1B[31mred'");
        assertThat(Quoted.of("x\u2028y\u2029z\u0085")).isEqualTo("'x\\u2028y\\u2029z\\x85'");
        assertThat(Quoted.of("\u202eevil")).isEqualTo("'\\u202Eevil'");
        assertThat(Quoted.of("back\\slash")).isEqualTo("'back\\\\slash'");
    }

    @Test
    void aLongValueIsCutWithAnEllipsisAndItsLength() {
        String quoted = Quoted.of("a".repeat(1024 * 1024));

        assertThat(quoted).isEqualTo("'" + "a".repeat(Quoted.MAX_SHOWN - 1) + "…' (1048576 characters)");
    }

    @Test
    void aValueOfExactlyTheLimitIsNotCut() {
        assertThat(Quoted.of("b".repeat(Quoted.MAX_SHOWN))).isEqualTo("'" + "b".repeat(Quoted.MAX_SHOWN) + "'");
    }

    @Test
    void escapesCountTowardsTheLimitAndAreNeverCutInHalf() {
        String quoted = Quoted.of("\0".repeat(100));

        assertThat(quoted).startsWith("'\\0\\0").endsWith("\\0…' (100 characters)");
        assertThat(quoted.length()).isLessThanOrEqualTo(Quoted.MAX_SHOWN + "'' (100 characters)".length());
    }

    @Test
    void aSurrogatePairIsNeverSplit() {
        String quoted = Quoted.of("🚀".repeat(100));

        assertThat(quoted).doesNotContain("?").contains("🚀…'");
    }

    @Test
    void aWholeMessageIsMadeOneLineAndBounded() {
        assertThat(Quoted.oneLine("first\nsecond\u2028third")).isEqualTo("first\\nsecond\\u2028third");
        assertThat(Quoted.oneLine("x".repeat(5000))).hasSize(Quoted.MAX_MESSAGE + 1).endsWith("…");
    }
}
