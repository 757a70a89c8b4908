package io.innkeeper.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.innkeeper.provisioning.driver.ConsoleOutput;

class ConsoleTextTest {

    @Test
    void stripsColoursAndCursorMoves() {
        assertThat(ConsoleText.clean("[  \u001b[0;32mOK\u001b[0m  ] Started \u001b[1mssh\u001b[22m.\n"))
                .isEqualTo("[  OK  ] Started ssh.\n");
        assertThat(ConsoleText.clean("\u001b[2J\u001b[H\u001b[?25lGRUB\u001b[?25h")).isEqualTo("GRUB");
        assertThat(ConsoleText.clean("\u001b(B\u001b)0\u001b7saved\u001b8\u001bc")).isEqualTo("saved");
        assertThat(ConsoleText.clean("\u009b31mred\u009b0m")).isEqualTo("red");
    }

    @Test
    void stripsTitlesAndOtherStrings() {
        assertThat(ConsoleText.clean("\u001b]0;root@web: ~\u0007prompt$ ")).isEqualTo("prompt$ ");
        assertThat(ConsoleText.clean("\u001b]2;title\u001b\\after")).isEqualTo("after");
        assertThat(ConsoleText.clean("\u001bPdevice control\u001b\\x")).isEqualTo("x");
    }

    @Test
    void keepsLinesAndTabsAndDropsOtherControls() {
        assertThat(ConsoleText.clean("a\r\nb\rc\n\td\u0000e\u0007f\u0008g\u007fh\u0085i"))
                .isEqualTo("a\nb\nc\n\tdefghi");
        assertThat(ConsoleText.clean("Grüße 😀 <b>&")).isEqualTo("Grüße 😀 <b>&");
    }

    @Test
    void unfinishedSequenceAtTheEndIsDropped() {
        assertThat(ConsoleText.clean("login: \u001b[1;3")).isEqualTo("login: ");
        assertThat(ConsoleText.clean("x\u001b")).isEqualTo("x");
        assertThat(ConsoleText.clean("x\u001b[1\ny")).isEqualTo("x\ny");
    }

    @Test
    void truncatedTailStartsAtTheNextWholeLine() {
        Instant at = Instant.parse("2026-12-01T12:00:00Z");
        ServerConsole tail = ServerConsole.of(new ConsoleOutput("ng line\nBooting\nlogin: ", 30_000, true), at);
        assertThat(tail.text()).isEqualTo("Booting\nlogin: ");
        assertThat(tail.state()).isEqualTo(ServerConsole.State.SHOWN);
        assertThat(tail.size()).isEqualTo("29 KiB");
        assertThat(ServerConsole.of(new ConsoleOutput("whole\n", 6, false), at).text()).isEqualTo("whole\n");
        assertThat(ServerConsole.of(new ConsoleOutput("\u001b[0m\r\n", 6, false), at).state())
                .isEqualTo(ServerConsole.State.EMPTY);
        assertThat(ServerConsole.of(ConsoleOutput.EMPTY, at).state()).isEqualTo(ServerConsole.State.EMPTY);
    }
}
