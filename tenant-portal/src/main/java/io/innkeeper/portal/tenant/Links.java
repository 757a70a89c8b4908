package io.innkeeper.portal.tenant;

import java.util.UUID;

import io.quarkus.qute.TemplateExtension;

/** The tenant portal's URLs, in one place; templates call them as {@code {portal:server(id)}}. */
@TemplateExtension(namespace = "portal")
public final class Links {

    public static final String SERVERS = "/servers";

    private Links() {
    }

    static String servers() {
        return SERVERS;
    }

    static String newServer() {
        return SERVERS + "/new";
    }

    static String server(UUID id) {
        return SERVERS + "/" + id;
    }

    static String reboot(UUID id) {
        return server(id) + "/reboot";
    }

    static String start(UUID id) {
        return server(id) + "/start";
    }

    static String stop(UUID id) {
        return server(id) + "/stop";
    }

    static String powerOff(UUID id) {
        return server(id) + "/power-off";
    }

    static String resize(UUID id) {
        return server(id) + "/resize";
    }

    static String reinstall(UUID id) {
        return server(id) + "/reinstall";
    }

    static String snapshots(UUID id) {
        return server(id) + "/snapshots";
    }

    static String revert(UUID id, String name) {
        return snapshots(id) + "/" + name + "/revert";
    }

    static String deleteSnapshot(UUID id, String name) {
        return snapshots(id) + "/" + name + "/delete";
    }

    static String delete(UUID id) {
        return server(id) + "/delete";
    }
}
