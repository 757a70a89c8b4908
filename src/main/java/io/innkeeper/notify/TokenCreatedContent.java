package io.innkeeper.notify;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.innkeeper.account.ApiTokens;
import io.innkeeper.kernel.NotFound;

/**
 * A new API token's mail names the token, who made it, its scope and when it expires, read back through
 * {@link ApiTokens}. The secret is shown once, to its maker, and never stored: it cannot be in the mail.
 */
@ApplicationScoped
public class TokenCreatedContent implements NoticeContent {

    @Inject
    ApiTokens tokens;

    @Override
    public Topic topic() {
        return Topic.TOKEN_CREATED;
    }

    @Override
    public Map<String, Object> values(Notice notice) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", notice.text("detail"));
        values.put("by", notice.text("by"));
        values.put("scope", "");
        values.put("expiresAt", "");
        if (notice.subjectId() != null) {
            try {
                ApiTokens.Token token = tokens.get(notice.aboutTenantId(), notice.subjectId());
                values.put("name", token.name());
                values.put("scope", token.scope().name());
                values.put("expiresAt", token.expiresAt());
            } catch (NotFound gone) {
                // Deleted since: the event's own name and maker still say what happened.
            }
        }
        return values;
    }
}
