package io.innkeeper.notify;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Another job that failed for good (a reboot, resize, snapshot): which action on which server, and that it needs the customer. */
@ApplicationScoped
public class JobFailedContent implements NoticeContent {

    @Inject
    ServerNoticeValues servers;

    @Override
    public Topic topic() {
        return Topic.JOB_FAILED;
    }

    @Override
    public Map<String, Object> values(Notice notice) {
        return servers.of(notice);
    }
}
