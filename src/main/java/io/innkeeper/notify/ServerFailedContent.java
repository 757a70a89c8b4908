package io.innkeeper.notify;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A server whose creation failed for good: its name and what the customer can do, never the job's error. */
@ApplicationScoped
public class ServerFailedContent implements NoticeContent {

    @Inject
    ServerNoticeValues servers;

    @Override
    public Topic topic() {
        return Topic.SERVER_FAILED;
    }

    @Override
    public Map<String, Object> values(Notice notice) {
        return servers.of(notice);
    }
}
