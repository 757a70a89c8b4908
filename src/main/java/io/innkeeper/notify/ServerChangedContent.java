package io.innkeeper.notify;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A resize or reinstall that finished: which server, and its new size or system. */
@ApplicationScoped
public class ServerChangedContent implements NoticeContent {

    @Inject
    ServerNoticeValues servers;

    @Override
    public Topic topic() {
        return Topic.SERVER_CHANGED;
    }

    @Override
    public Map<String, Object> values(Notice notice) {
        return servers.of(notice);
    }
}
