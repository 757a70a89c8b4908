package io.innkeeper.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which text a field takes: no control or bidi characters, line breaks only in multi-line text, bounded length. */
class TextTest {

    @Test
    void refusesControlAndBidiCharactersAndOverlongText() {
        assertThat(Text.refusal("plain name ümlaut 日本", 100, false)).isNull();
        assertThat(Text.refusal(null, 1, false)).isNull();
        for (char c : new char[] { 0, 7, 0x1b, 0x7f, 0x85, 0x9f, 0x200e, 0x200f, 0x202a, 0x202e, 0x2066, 0x2069 }) {
            assertThat(Text.refusal("a" + c + "b", 100, false)).as("U+%04X", (int) c).contains("U+");
            assertThat(Text.refusal("a" + c + "b", 100, true)).as("U+%04X multi-line", (int) c).contains("U+");
        }
        for (char c : new char[] { '\t', '\n', '\r' }) {
            assertThat(Text.refusal("a" + c + "b", 100, false)).isNotNull();
            assertThat(Text.refusal("a" + c + "b", 100, true)).isNull();
        }
        assertThat(Text.refusal("x".repeat(11), 10, false)).isEqualTo("At most 10 characters.");
        assertThat(Text.refusal("x".repeat(10), 10, false)).isNull();
    }

    @Test
    void clipsWhatIsEchoed() {
        assertThat(Text.clip("short", 10)).isEqualTo("short");
        assertThat(Text.clip("x".repeat(60_000), 40)).hasSize(40).endsWith("…");
        assertThat(Text.clip(null, 5)).isNull();
    }
}
