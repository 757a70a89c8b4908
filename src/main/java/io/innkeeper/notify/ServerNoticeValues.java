package io.innkeeper.notify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.innkeeper.kernel.NotFound;
import io.innkeeper.orders.ServerInfo;
import io.innkeeper.tenancy.Scope;
import io.innkeeper.kernel.PublicAddress;

/**
 * What every mail about one server's job says of the server: its hostname, a link to its page and, while it exists,
 * its plan and size. Read through {@link ServerInfo}; a server gone since the event is named by its id. The job's
 * own error text is never among these: it is written for operators, not customers.
 */
@ApplicationScoped
public class ServerNoticeValues {

    @Inject
    ServerInfo servers;

    @Inject
    PublicAddress address;

    public Map<String, Object> of(Notice notice) {
        Map<String, Object> values = new LinkedHashMap<>();
        String id = notice.text("server");
        values.put("link", address.base() + "/servers/" + id);
        values.put("hostname", id);
        values.put("kind", notice.text("kind"));
        values.put("resized", "RESIZE".equals(notice.text("kind")));
        try {
            ServerInfo.Detail server = servers.get(Scope.of(notice.aboutTenantId()), UUID.fromString(id));
            values.put("hostname", server.hostname());
            values.put("plan", server.plan().name());
            values.put("template", server.template().name());
            values.put("vcpus", server.vcpus());
            values.put("memoryMib", server.memoryMib());
            values.put("diskGib", server.diskGib());
        } catch (NotFound | IllegalArgumentException gone) {
            values.put("plan", "");
            values.put("template", "");
        }
        return values;
    }
}
