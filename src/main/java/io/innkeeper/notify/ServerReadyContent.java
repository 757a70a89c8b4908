package io.innkeeper.notify;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.innkeeper.kernel.NotFound;
import io.innkeeper.orders.ServerInfo;
import io.innkeeper.tenancy.Scope;
import io.innkeeper.kernel.PublicAddress;

/** A ready server's mail names it, lists its addresses and links to its page; it never carries a password. */
@ApplicationScoped
public class ServerReadyContent implements NoticeContent {

    @Inject
    ServerInfo servers;

    @Inject
    PublicAddress address;

    @Override
    public Topic topic() {
        return Topic.SERVER_READY;
    }

    @Override
    public Map<String, Object> values(Notice notice) {
        UUID serverId = UUID.fromString(notice.text("server"));
        String link = address.base() + "/servers/" + serverId;
        try {
            ServerInfo.Detail server = servers.get(Scope.of(notice.aboutTenantId()), serverId);
            return Map.of("hostname", server.hostname(), "addresses",
                    server.addresses().stream().map(a -> a.address()).toList(), "link", link);
        } catch (NotFound gone) {
            return Map.of("hostname", notice.text("server"), "addresses", List.of(), "link", link);
        }
    }
}
