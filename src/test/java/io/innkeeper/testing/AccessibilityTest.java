package io.innkeeper.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/** The page checks of the accessibility sweep in real Chromium, on a page built to fail them and one built to pass. */
class AccessibilityTest {

    BrowserContext context;
    Page page;

    @BeforeEach
    void open() {
        context = Browser.get().newContext();
        page = context.newPage();
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void findsWhatAKeyboardOrScreenReaderUserCannotUse() {
        page.setContent("""
                <html><head><title>Bad</title><style>.bare:focus { outline: none; }
                .away { position: absolute; left: -999px; } .pointer { cursor: pointer; }</style></head><body>
                <a href="/fine">Fine</a>
                <input id="q" name="q">
                <div id="clicky" onclick="void 0">Open</div>
                <span id="htmx" hx-post="/servers/1/reboot">Reboot</span>
                <a id="fake" onclick="void 0">Delete</a>
                <span id="styled" class="pointer">Looks clickable</span>
                <button id="jump" tabindex="3">Jumps the queue</button>
                <button id="bare" class="bare">No ring</button>
                <a id="away" class="away" href="/away">Never on screen</a>
                <a id="empty" href="/empty"></a>
                <details><summary>More</summary><select id="boxed"><option>a</option></select></details>
                <label for="gone">Gone</label><p id="twice">1</p><p id="twice">2</p><a href="#nowhere">Jump</a>
                <svg role="img" id="chart"></svg>
                <div class="field"><label for="cpu">vCPUs</label><input id="cpu"><p class="field-error">Say a number</p></div>
                </body></html>""");
        List<String> problems = Accessibility.check(page).problems();
        assertThat(problems).anyMatch(p -> p.startsWith("no lang attribute"))
                .anyMatch(p -> p.startsWith("no <main> landmark"))
                .anyMatch(p -> p.startsWith("no visible <h1>"))
                .anyMatch(p -> p.startsWith("form field without a label") && p.contains("id=\"q\""))
                .anyMatch(p -> p.startsWith("link or button without a name") && p.contains("id=\"empty\""))
                .anyMatch(p -> p.startsWith("form field without a label") && p.contains("id=\"boxed\""))
                .anyMatch(p -> p.equals("for names a missing id gone: label \"Gone\""))
                .anyMatch(p -> p.equals("id used 2 times: twice"))
                .anyMatch(p -> p.equals("error message not tied to its field by aria-describedby: input#cpu"))
                .anyMatch(p -> p.startsWith("link to a missing anchor: a[href=#nowhere]"))
                .anyMatch(p -> p.startsWith("image without a text alternative") && p.contains("id=\"chart\""))
                .anyMatch(p -> p.startsWith("positive tabindex: button#jump"))
                .anyMatch(p -> p.startsWith("reachable only by mouse") && p.contains("div#clicky"))
                .anyMatch(p -> p.startsWith("reachable only by mouse") && p.contains("span#htmx"))
                .anyMatch(p -> p.startsWith("reachable only by mouse") && p.contains("a#fake"))
                .anyMatch(p -> p.startsWith("reachable only by mouse") && p.contains("span#styled"))
                .anyMatch(p -> p.startsWith("focus not visible") && p.contains("button#bare"))
                .anyMatch(p -> p.startsWith("focused element is off screen") && p.contains("a#away"))
                .anyMatch(p -> p.startsWith("Tab order: stop 1 is button#jump"));
    }

    @Test
    void passesAPageThatAKeyboardUserCanUse() {
        page.setContent("""
                <html lang="en"><head><title>Good</title><style>.skip { position: absolute; left: -999px; }
                .skip:focus { left: 8px; }</style></head><body>
                <a class="skip" href="#main">Skip to content</a>
                <main id="main"><h1>Servers</h1>
                <form role="search"><label for="q">Search</label>
                  <input id="q" type="search" hx-get="/servers" hx-trigger="input changed delay:300ms">
                  <label>State <select name="state"><option>any</option><option>running</option></select></label>
                  <span id="note-h">Note</span><textarea aria-labelledby="note-h"></textarea>
                  <input type="hidden" name="csrf" value="x">
                  <fieldset><legend>Range</legend>
                    <input type="radio" id="day" name="range" value="day"><label for="day">Day</label>
                    <input type="radio" id="week" name="range" value="week" checked><label for="week">Week</label>
                  </fieldset>
                  <div class="field"><label for="n">Name</label><input id="n" aria-invalid="true"
                    aria-describedby="n-error"><p class="field-error" id="n-error">Give a name</p></div>
                  <button type="submit">Filter</button></form>
                <details><summary>More</summary><a href="/hidden">Inside a closed box</a></details>
                <table><tbody hx-get="/rows" hx-trigger="every 1s"><tr><td><a href="/servers/1">web-1</a></td>
                  <td><button aria-label="Reboot web-1">↻</button></td></tr></tbody></table>
                <svg role="img" aria-label="CPU over a day"></svg><img src="x.png" alt="">
                <pre tabindex="0" aria-label="Console output" style="max-height: 40px; overflow: auto">1
                2
                3
                4
                5</pre>
                </main></body></html>""");
        Accessibility.PageCheck check = Accessibility.check(page);
        assertThat(check.problems()).isEmpty();
        assertThat(check.tabStops()).isEqualTo(11);
    }

    @Test
    void aRouteIsItsPathWithIdsAndTheNamesOfItsQuery() {
        assertThat(Accessibility.pattern(URI.create(
                "http://localhost/servers/1be5a5a8-789d-4f79-8396-cdc1925dee65?range=day&b=2")))
                .isEqualTo("/servers/{id}?b&range");
        assertThat(Accessibility.pattern(URI.create("http://localhost/admin/jobs/42"))).isEqualTo("/admin/jobs/{n}");
        assertThat(Accessibility.pattern(URI.create("http://localhost"))).isEqualTo("/");
    }
}
