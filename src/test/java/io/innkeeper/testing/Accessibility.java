package io.innkeeper.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.ViewportSize;

/**
 * Checks pages in a real browser the way a keyboard and screen reader user meets them, and finds the pages by
 * crawling same-origin links, so a page added later is swept too.
 * <p>
 * On each page: every visible form field has an accessible name (a label, aria-label or aria-labelledby), every
 * link and button has a name, no tabindex is positive, nothing is clickable only with the mouse, the page has a
 * {@code <main>}, an {@code <h1>}, a title and a language; and pressing Tab walks through every visible interactive
 * element in document order with a visible focus ring; and at a phone's width ({@value #PHONE_WIDTH} px) nothing
 * makes the page scroll sideways (a wide table scrolls inside its own box). axe-core, Deque's rule engine from the
 * npm registry, then checks the page in the light and the dark colour scheme: a serious or critical violation (too
 * little contrast, a control whose name does not contain its visible text, ...) is a problem.
 */
public final class Accessibility {

    /** What a sweep visited (by URL, in order) and what it found wrong, each problem naming its page. */
    public record Sweep(List<String> pages, List<String> problems, int tabStops) {

        /** The swept pages as route patterns (ids replaced by {id}, query values dropped). */
        public Set<String> patterns() {
            Set<String> out = new TreeSet<>();
            pages.forEach(p -> out.add(pattern(URI.create(p))));
            return out;
        }
    }

    /** What the checks of one page found, and how many Tab stops the walk went through. */
    public record PageCheck(List<String> problems, int tabStops) {
    }

    /** axe-core, fetched by the build into target/test-frontend (bin/fetch-frontend --test). */
    private static final Path AXE = Path.of("target", "test-frontend", "axe-core", "axe.min.js");

    // axe's serious and critical violations, a line each with up to three of the elements they were found on.
    private static final String AXE_RUN = """
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ' (' + v.impact + '): ' + v.help + ': '
                  + v.nodes.slice(0, 3).map(n => n.target.join(' ') + (n.any.length && n.any[0].message
                    ? ' [' + n.any[0].message + ']' : '')).join('; '));
            }""";

    /** The narrowest phone a page must fit without scrolling sideways. */
    public static final int PHONE_WIDTH = 360;

    /** Tab presses per page at most; a page with more focusable elements is checked up to here. */
    private static final int MAX_TABS = 400;

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static final Pattern NUMBER = Pattern.compile("\\d+");

    /** Shared by the scripts: a short, stable description of an element, the same before and after a re-render. */
    private static final String DESCRIBE = """
            const describe = el => {
              let s = el.tagName.toLowerCase();
              if (el.id) s += '#' + el.id;
              const n = el.getAttribute('name'); if (n) s += '[name=' + n + ']';
              const h = el.getAttribute('href'); if (h) s += '[href=' + h + ']';
              const t = (el.innerText || el.value || '').replace(/\\s+/g, ' ').trim().slice(0, 40);
              if (t) s += ' "' + t + '"';
              return s;
            };
            const visible = el => el.checkVisibility({ visibilityProperty: true });
            """;

    /** The elements Tab should stop at, in document order. */
    private static final String TABBABLE = "() => {" + DESCRIBE + """
            const sel = 'a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex],'
              + ' [contenteditable=""], [contenteditable="true"], audio[controls], video[controls]';
            const radios = new Map();
            return [...document.querySelectorAll(sel)].filter(el => {
              if (el.disabled || el.tabIndex < 0 || el.type === 'hidden' || !visible(el) || el.closest('[inert]')) {
                return false;
              }
              if (el.tagName === 'SUMMARY' && el.parentElement.querySelector(':scope > summary') !== el) return false;
              if (el.type === 'radio' && el.name) {
                const key = (el.form ? 'f' : 'd') + el.name;
                if (!radios.has(key)) {
                  const group = [...(el.form || document).querySelectorAll('input[type=radio]')]
                    .filter(r => r.name === el.name && !r.disabled && visible(r));
                  radios.set(key, group.find(r => r.checked) || group[0]);
                }
                return radios.get(key) === el;
              }
              return true;
            }).map(describe);
            }""";

    /** The focused element, whether its focus is visible and on screen, and whether it is only a scroll area. */
    private static final String FOCUSED = "() => {" + DESCRIBE + """
            const el = document.activeElement;
            if (!el || el === document.body || el === document.documentElement) return { body: true };
            const cs = getComputedStyle(el);
            const ring = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0
              || cs.boxShadow && cs.boxShadow !== 'none';
            const r = el.getBoundingClientRect();
            const onScreen = r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0
              && r.left < innerWidth && r.top < innerHeight;
            const scroller = el.tabIndex >= 0 && !el.hasAttribute('tabindex')
              && !el.matches('a[href], button, input, select, textarea, summary, iframe')
              && (el.scrollHeight > el.clientHeight || el.scrollWidth > el.clientWidth);
            return { body: false, desc: describe(el), ring: !!ring, onScreen, scroller };
            }""";

    /** Everything that can be checked without pressing keys; returns one line per problem. */
    private static final String STATIC_CHECKS = "() => {" + DESCRIBE + """
            const problems = [];
            // What is visible now or once a closed <details> around it is opened.
            const shown = el => visible(el) || !!el.closest('details:not([open])');
            const textOf = node => {
              let out = '';
              for (const c of node.childNodes) {
                if (c.nodeType === Node.TEXT_NODE) out += c.data;
                else if (c.nodeType === Node.ELEMENT_NODE && c.getAttribute('aria-hidden') !== 'true') {
                  if (c.tagName === 'IMG') out += ' ' + (c.getAttribute('alt') || '');
                  else if (c.getAttribute('aria-label')) out += ' ' + c.getAttribute('aria-label');
                  else out += ' ' + textOf(c);
                }
              }
              return out;
            };
            const clean = s => (s || '').replace(/\\s+/g, ' ').trim();
            const labelledBy = el => clean((el.getAttribute('aria-labelledby') || '').split(/\\s+/)
              .map(id => document.getElementById(id)).filter(x => x).map(x => textOf(x)).join(' '));
            const fieldName = el => labelledBy(el) || clean(el.getAttribute('aria-label'))
              || clean([...(el.labels || [])].map(l => textOf(l)).join(' '));
            const controlName = el => {
              const n = labelledBy(el) || clean(el.getAttribute('aria-label'));
              if (n) return n;
              if (el.tagName === 'INPUT') {
                if (el.type === 'image') return clean(el.alt);
                return clean(el.value) || (el.type === 'submit' ? 'Submit' : el.type === 'reset' ? 'Reset' : '');
              }
              return clean(textOf(el)) || clean(el.title);
            };

            if (!clean(document.documentElement.lang)) problems.push('no lang attribute on <html>');
            if (!clean(document.title)) problems.push('no <title>');
            if (!document.querySelector('main, [role=main]')) problems.push('no <main> landmark');
            if (![...document.querySelectorAll('h1')].some(h => visible(h) && clean(h.textContent))) {
              problems.push('no visible <h1>');
            }

            for (const el of document.querySelectorAll('input, select, textarea')) {
              if (['hidden', 'submit', 'button', 'reset', 'image'].includes(el.type) || !shown(el)) continue;
              if (!fieldName(el)) problems.push('form field without a label: ' + el.outerHTML.slice(0, 160));
            }
            const controls = 'a[href], button, input[type=submit], input[type=button], input[type=reset],'
              + ' input[type=image], [role=button], [role=link], summary';
            for (const el of document.querySelectorAll(controls)) {
              if (shown(el) && !controlName(el)) {
                problems.push('link or button without a name: ' + el.outerHTML.slice(0, 160));
              }
            }
            const ids = new Map();
            for (const el of document.querySelectorAll('[id]')) ids.set(el.id, (ids.get(el.id) || 0) + 1);
            for (const [id, n] of ids) if (n > 1) problems.push('id used ' + n + ' times: ' + id);
            const refs = [['label[for]', 'for'], ['[aria-labelledby]', 'aria-labelledby'],
              ['[aria-describedby]', 'aria-describedby'], ['[aria-controls]', 'aria-controls']];
            for (const [sel, attr] of refs) {
              for (const el of document.querySelectorAll(sel)) {
                for (const id of el.getAttribute(attr).split(/\s+/).filter(x => x)) {
                  if (!document.getElementById(id)) problems.push(attr + ' names a missing id ' + id + ': ' + describe(el));
                }
              }
            }
            for (const a of document.querySelectorAll('a[href^="#"]')) {
              const id = decodeURIComponent(a.getAttribute('href').slice(1));
              if (id && !document.getElementById(id)) problems.push('link to a missing anchor: ' + describe(a));
            }
            for (const el of document.querySelectorAll('img, [role=img]')) {
              const name = el.tagName === 'IMG' && el.hasAttribute('alt') ? 'ok'
                : labelledBy(el) || clean(el.getAttribute('aria-label'));
              if (!name) problems.push('image without a text alternative: ' + el.outerHTML.slice(0, 160));
            }
            for (const err of document.querySelectorAll('.field .field-error')) {
              const control = err.closest('.field').querySelector('input:not([type=hidden]), select, textarea');
              const described = control && (control.getAttribute('aria-describedby') || '').split(/\s+/);
              if (control && !(err.id && described.includes(err.id))) {
                problems.push('error message not tied to its field by aria-describedby: ' + describe(control));
              }
            }
            for (const el of document.querySelectorAll('[tabindex]')) {
              if (parseInt(el.getAttribute('tabindex'), 10) > 0) {
                problems.push('positive tabindex: ' + describe(el));
              }
            }

            const verbs = ['hx-get', 'hx-post', 'hx-put', 'hx-patch', 'hx-delete'];
            const defaultTrigger = el => el.matches('input, select, textarea') ? 'change'
              : el.tagName === 'FORM' ? 'submit' : 'click';
            const mouseOnly = [];
            for (const el of document.querySelectorAll('body *')) {
              if (el.tagName === 'FORM' || el.tagName === 'LABEL') continue;
              const verb = verbs.some(v => el.hasAttribute(v));
              const trigger = el.getAttribute('hx-trigger') || defaultTrigger(el);
              const clicks = el.hasAttribute('onclick') || verb && /(^|[\\s,])click\\b/.test(trigger)
                || ['button', 'link'].includes(el.getAttribute('role'))
                || el.tagName === 'A' && !el.hasAttribute('href') && (verb || el.hasAttribute('onclick'));
              const pointer = getComputedStyle(el).cursor === 'pointer'
                && !(el.parentElement && getComputedStyle(el.parentElement).cursor === 'pointer');
              let reachable = false;
              for (let up = el; up && !reachable; up = up.parentElement) {
                reachable = up.matches('a[href], button, input, select, textarea, summary, iframe, label')
                  || up.hasAttribute('tabindex') && up.tabIndex >= 0;
              }
              if ((clicks || pointer) && visible(el) && !reachable) {
                mouseOnly.push(describe(el));
              }
            }
            mouseOnly.forEach(d => problems.push('reachable only by mouse (no href, tabindex or native control): ' + d));
            return problems;
            }""";

    /** Same-origin links of the page with their list group: links in one table column are items of one list. */
    // The elements sticking out on the right at the page's width: the innermost ones, which cause the overflow.
    private static final String OVERFLOW = "() => {" + DESCRIBE + """
              const width = document.documentElement.clientWidth;
              const over = document.documentElement.scrollWidth - width;
              if (over <= 0) return null;
              const out = [...document.body.querySelectorAll('*')].filter(el => {
                const r = el.getBoundingClientRect();
                if (r.width === 0 || r.right <= width + 1) return false;
                for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                  const s = getComputedStyle(p);
                  if (s.overflowX !== 'visible' && s.overflowX !== 'clip') return false;
                }
                return ![...el.children].some(c => c.getBoundingClientRect().right > width + 1);
              }).slice(0, 4).map(el => describe(el) + ' reaches ' + Math.round(el.getBoundingClientRect().right));
              return 'at ' + width + ' px the page scrolls sideways by ' + over + ' px: ' + out.join('; ');
            }""";

    private static final String LINKS = """
            () => [...document.querySelectorAll('a[href]')].map(a => {
              let group = '';
              const cell = a.closest('tbody td, tbody th');
              if (cell) {
                const table = a.closest('table');
                group = (table.id || table.getAttribute('aria-label')
                  || [...document.querySelectorAll('table')].indexOf(table)) + ':' + cell.cellIndex;
              }
              return { href: a.href, group, download: a.hasAttribute('download') };
            })
            """;

    private Accessibility() {
    }

    /**
     * Crawls from {@code start} (already signed in) breadth first up to {@code depth} links away, one page per
     * route (ids and query values do not make a new page) and one item per list, skipping sign-out, PDFs, other
     * origins and the API; checks each page reached. It only follows links with GET, as a browser without
     * JavaScript does: htmx actions (hx-post on a link) and forms are never fired, so the sweep changes nothing
     * (a link that revokes or deletes leads by GET to a page asking for confirmation, which is swept too).
     */
    public static Sweep sweep(Page page, String start, int depth) {
        URI origin = URI.create(start);
        List<String> pages = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int tabStops = 0;
        Deque<Map.Entry<String, Integer>> queue = new ArrayDeque<>();
        queue.add(Map.entry(start, 0));
        seen.add(pattern(origin));
        while (!queue.isEmpty()) {
            Map.Entry<String, Integer> next = queue.poll();
            Response response = page.navigate(next.getKey());
            if (response == null || response.status() >= 400) {
                problems.add(next.getKey() + ": answers " + (response == null ? "nothing" : response.status()));
                continue;
            }
            String type = response.headerValue("content-type");
            if (type == null || !type.startsWith("text/html")) {
                continue;
            }
            URI landed = URI.create(page.url());
            if (!landed.toString().equals(next.getKey()) && !seen.add(pattern(landed))) {
                continue;
            }
            pages.add(page.url());
            PageCheck checked = check(page);
            checked.problems().forEach(p -> problems.add(page.url() + ": " + p));
            tabStops += checked.tabStops();
            if (next.getValue() >= depth) {
                continue;
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> links = (List<Map<String, Object>>) page.evaluate(LINKS);
            Set<String> groups = new HashSet<>();
            for (Map<String, Object> link : links) {
                URI href = URI.create(String.valueOf(link.get("href")));
                String group = String.valueOf(link.get("group"));
                if (!group.isEmpty() && !groups.add(group) || Boolean.TRUE.equals(link.get("download"))
                        || !followed(origin, href) || !seen.add(pattern(href))) {
                    continue;
                }
                queue.add(Map.entry(withoutFragment(href), next.getValue() + 1));
            }
        }
        return new Sweep(pages, problems, tabStops);
    }

    /**
     * Opens {@code url}, fills the form matching {@code form} with {@code values} (by field name) so that it is
     * refused, submits it with Enter on its submit button and checks the page that shows the errors, inline or
     * swapped in by htmx. The form must be one the panel refuses with those values: nothing is stored.
     */
    public static PageCheck refuse(Page page, String url, String form, Map<String, String> values) {
        page.navigate(url);
        Locator box = page.locator("details:has(" + form + ") > summary");
        if (box.count() > 0) {
            box.first().press("Enter");
        }
        Locator target = page.locator(form).first();
        values.forEach((name, value) -> target.locator("[name='" + name + "']").fill(value));
        page.evaluate("window.__samePage = true");
        page.waitForResponse(r -> "POST".equals(r.request().method()),
                () -> target.locator("button[type=submit], button:not([type])").first().press("Enter"));
        page.locator(".field-error, .form-error").first().waitFor();
        List<String> problems = new ArrayList<>();
        // Refused in place by htmx, the focus must not be lost with the swapped-out button: it goes to the field.
        if (Boolean.TRUE.equals(page.evaluate("window.__samePage === true"))) {
            try {
                page.waitForFunction("() => document.activeElement && document.activeElement !== document.body",
                        null, new Page.WaitForFunctionOptions().setTimeout(3_000));
            } catch (TimeoutError e) {
                problems.add(url + " refused " + form + ": focus lost after the form was swapped in place");
            }
        }
        PageCheck check = check(page);
        check.problems().forEach(p -> problems.add(url + " refused " + form + ": " + p));
        return new PageCheck(problems, check.tabStops());
    }

    /** All checks on the page as it is now, one line per problem; presses Tab through the whole page. */
    public static PageCheck check(Page page) {
        @SuppressWarnings("unchecked")
        List<String> problems = new ArrayList<>((List<String>) page.evaluate(STATIC_CHECKS));
        int stops = tabWalk(page, problems);
        String overflow = atPhoneWidth(page);
        if (overflow != null) {
            problems.add(overflow);
        }
        problems.addAll(axe(page));
        return new PageCheck(problems, stops);
    }

    /** axe-core's serious and critical violations on the page as it is now, in the light and the dark scheme. */
    @SuppressWarnings("unchecked")
    public static List<String> axe(Page page) {
        List<String> problems = new ArrayList<>();
        if (Boolean.FALSE.equals(page.evaluate("() => typeof axe !== 'undefined'"))) {
            page.addScriptTag(new Page.AddScriptTagOptions().setContent(axeSource()));
        }
        try {
            for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
                page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(scheme));
                String name = scheme.name().toLowerCase(Locale.ROOT);
                ((List<String>) page.evaluate(AXE_RUN)).forEach(v -> problems.add("axe, " + name + ": " + v));
            }
        } finally {
            page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.LIGHT));
        }
        return problems;
    }

    private static String axeSource() {
        try {
            return Files.readString(AXE);
        } catch (IOException e) {
            throw new UncheckedIOException("axe-core is missing at " + AXE.toAbsolutePath()
                    + "; the build's generate-test-resources phase fetches it (bin/fetch-frontend --test)", e);
        }
    }

    /** What makes the page scroll sideways at {@link #PHONE_WIDTH}, or null when nothing does. */
    public static String atPhoneWidth(Page page) {
        ViewportSize before = page.viewportSize();
        page.setViewportSize(PHONE_WIDTH, 780);
        try {
            Object found = page.evaluate(OVERFLOW);
            return found == null ? null : found.toString();
        } finally {
            if (before != null) {
                page.setViewportSize(before.width, before.height);
            }
        }
    }

    /**
     * Presses Tab from the top of the page and compares where the focus goes with the document's order; adds what
     * it finds to {@code problems} and answers how many stops it went through.
     */
    private static int tabWalk(Page page, List<String> problems) {
        // Start where a page load starts: the next Tab goes to the first element, not on from a focused one.
        page.evaluate("() => { if (!document.activeElement || document.activeElement === document.body) return;"
                + " const s = document.createElement('span'); s.tabIndex = -1; document.body.prepend(s);"
                + " s.focus(); s.remove(); }");
        @SuppressWarnings("unchecked")
        List<String> expected = (List<String>) page.evaluate(TABBABLE);
        int stops = Math.min(expected.size(), MAX_TABS);
        List<String> actual = new ArrayList<>();
        Map<String, String> unseenRing = new LinkedHashMap<>();
        for (int i = 0; i < stops + 3 && actual.size() < stops; i++) {
            page.keyboard().press("Tab");
            @SuppressWarnings("unchecked")
            Map<String, Object> focused = (Map<String, Object>) page.evaluate(FOCUSED);
            if (Boolean.TRUE.equals(focused.get("body"))) {
                break;
            }
            String desc = String.valueOf(focused.get("desc"));
            if (Boolean.TRUE.equals(focused.get("scroller")) && !expected.contains(desc)) {
                continue; // Chromium lets the keyboard scroll a scroll area with nothing focusable inside
            }
            actual.add(desc);
            if (!Boolean.TRUE.equals(focused.get("ring"))) {
                unseenRing.put(desc, "focus not visible (no outline or box-shadow)");
            }
            if (!Boolean.TRUE.equals(focused.get("onScreen"))) {
                unseenRing.put(desc, "focused element is off screen");
            }
        }
        unseenRing.forEach((desc, why) -> problems.add(why + ": " + desc));
        for (int i = 0; i < stops; i++) {
            if (i >= actual.size()) {
                problems.add("Tab stopped after " + actual.size() + " of " + stops + " elements; never reached "
                        + expected.get(i));
                break;
            }
            if (!actual.get(i).equals(expected.get(i))) {
                problems.add("Tab order: stop " + (i + 1) + " is " + actual.get(i) + ", document order says "
                        + expected.get(i));
                break;
            }
        }
        return actual.size();
    }

    private static boolean followed(URI origin, URI href) {
        String path = href.getPath() == null ? "" : href.getPath();
        return origin.getScheme().equals(href.getScheme()) && origin.getAuthority().equals(href.getAuthority())
                && !path.equals("/logout") && !path.endsWith("/pdf") && !path.endsWith(".pdf")
                && !path.startsWith("/api/") && !path.startsWith("/q/") && !path.startsWith("/static/")
                && !path.startsWith("/webjars/");
    }

    private static String withoutFragment(URI href) {
        String s = href.toString();
        int hash = s.indexOf('#');
        return hash < 0 ? s : s.substring(0, hash);
    }

    /** The route of a URL: ids and numbers as placeholders, the names of its query parameters without values. */
    static String pattern(URI uri) {
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            segments[i] = UUID.matcher(segments[i]).matches() ? "{id}"
                    : NUMBER.matcher(segments[i]).matches() ? "{n}" : segments[i];
        }
        path = String.join("/", segments);
        Set<String> names = new TreeSet<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (!pair.isEmpty()) {
                    names.add(pair.split("=", 2)[0]);
                }
            }
        }
        return names.isEmpty() ? path : path + "?" + String.join("&", names);
    }
}
