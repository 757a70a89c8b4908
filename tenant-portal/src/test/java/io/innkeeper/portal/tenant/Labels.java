package io.innkeeper.portal.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a page's markup the way a screen reader needs it: every visible form field has a label. */
final class Labels {

    private static final Pattern FIELD = Pattern.compile("<(input|select|textarea)\\b([^>]*)>", Pattern.DOTALL);
    private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]+)\"");

    private Labels() {
    }

    /** Asserts that each field not hidden has {@code aria-label} or a {@code <label for>} naming its id. */
    static void assertEveryFieldLabelled(String html) {
        List<String> unlabelled = new ArrayList<>();
        int fields = 0;
        Matcher m = FIELD.matcher(html);
        while (m.find()) {
            String attrs = m.group(2);
            if (attrs.contains("type=\"hidden\"")) {
                continue;
            }
            fields++;
            Matcher id = ID.matcher(attrs);
            boolean labelled = attrs.contains("aria-label=")
                    || id.find() && html.contains("<label for=\"" + id.group(1) + "\"")
                    || id.reset().find() && html.contains("for=\"" + id.group(1) + "\"");
            if (!labelled) {
                unlabelled.add(m.group());
            }
        }
        assertThat(fields).as("form fields on the page").isPositive();
        assertThat(unlabelled).as("fields without a label").isEmpty();
    }
}
