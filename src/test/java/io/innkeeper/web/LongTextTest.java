package io.innkeeper.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LongTextTest {

    @Test
    void shortValueIsShownWhole() {
        LongText text = LongText.of("tenant.suspend", 20);
        assertThat(text.shown()).isEqualTo("tenant.suspend");
        assertThat(text.clipped()).isFalse();
        assertThat(LongText.of("x".repeat(20), 20).clipped()).isFalse();
        assertThat(LongText.of(null, 20)).isNull();
    }

    @Test
    void longValueShowsItsBeginningAndItsLength() {
        LongText text = LongText.of("a".repeat(60_000), LongText.CELL);
        assertThat(text.shown()).isEqualTo("a".repeat(LongText.CELL));
        assertThat(text.clipped()).isTrue();
        assertThat(text.length()).isEqualTo(60_000);
        assertThat(text.lengthText()).isEqualTo("60,000");
    }

    @Test
    void neverCutsACharacterInHalf() {
        LongText text = LongText.of("😀".repeat(10), 3);
        assertThat(text.shown()).isEqualTo("😀😀😀");
        assertThat(text.length()).isEqualTo(10);
        assertThat(text.clipped()).isTrue();
    }
}
