package io.innkeeper.portal.tenant;

import java.util.UUID;

import io.quarkus.qute.TemplateExtension;

/** The tenant portal's URLs, in one place; templates call them as {@code {portal:server(id)}}. */
@TemplateExtension(namespace = "portal")
public final class Links {

    public static final String SERVERS = "/servers";
    public static final String DASHBOARD = "/dashboard";
    public static final String TEAM = "/team";
    public static final String CUSTOMERS = "/customers";
    public static final String SSH_KEYS = "/ssh-keys";
    public static final String API_TOKENS = "/api-tokens";
    public static final String WEBHOOKS = "/webhooks";
    public static final String SWITCH_ACCOUNT = "/switch-account";
    public static final String INVITATIONS = "/invitations";
    public static final String INVITATION_LOGINS = "/invitation-logins";
    public static final String SECURITY = "/security";
    public static final String NOTIFICATIONS = "/notifications";
    public static final String UNSUBSCRIBE = "/unsubscribe";
    /** Where a member who must sign in with a one-time code, and did not, is sent instead of the page. */
    public static final String TWO_FACTOR_REQUIRED = SECURITY + "/two-factor-required";

    private Links() {
    }

    static String webhooks() {
        return WEBHOOKS;
    }

    static String webhook(UUID id) {
        return WEBHOOKS + "/" + id;
    }

    static String pingWebhook(UUID id) {
        return webhook(id) + "/ping";
    }

    static String replayDelivery(UUID id, UUID event) {
        return webhook(id) + "/deliveries/" + event + "/replay";
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

    static String console(UUID id) {
        return server(id) + "/console";
    }

    static String consoleTicket(UUID id) {
        return console(id) + "/ticket";
    }

    static String backups(UUID id) {
        return server(id) + "/backups";
    }

    static String backupSchedule(UUID id) {
        return backups(id) + "/schedule";
    }

    static String restoreBackup(UUID id, UUID backup) {
        return backups(id) + "/" + backup + "/restore";
    }

    static String backupToNew(UUID id, UUID backup) {
        return backups(id) + "/" + backup + "/new";
    }

    static String deleteBackup(UUID id, UUID backup) {
        return backups(id) + "/" + backup + "/delete";
    }

    static String rescue(UUID id) {
        return server(id) + "/rescue";
    }

    static String rescueOff(UUID id) {
        return rescue(id) + "/off";
    }

    /** The console's WebSocket (io.innkeeper.api.ConsoleSocket), which API clients use too. */
    static String consoleSocket(UUID id) {
        return "/api/v1/servers/" + id + "/console/socket";
    }

    static String delete(UUID id) {
        return server(id) + "/delete";
    }

    static String switchAccount() {
        return SWITCH_ACCOUNT;
    }

    static String dashboard() {
        return DASHBOARD;
    }

    static String team() {
        return TEAM;
    }

    static String memberRole(UUID id) {
        return TEAM + "/" + id + "/role";
    }

    static String removeMember(UUID id) {
        return TEAM + "/" + id + "/remove";
    }

    static String invitation(String token) {
        return INVITATIONS + "/" + token;
    }

    static String invitationLogin(String token) {
        return INVITATION_LOGINS + "/" + token;
    }

    static String resendInvitation(UUID id) {
        return TEAM + "/invitations/" + id + "/resend";
    }

    static String revokeInvitation(UUID id) {
        return TEAM + "/invitations/" + id + "/revoke";
    }

    static String customerInvitations(UUID customer) {
        return customer(customer) + "/invitations";
    }

    static String resendCustomerInvitation(UUID customer, UUID id) {
        return customerInvitations(customer) + "/" + id + "/resend";
    }

    static String revokeCustomerInvitation(UUID customer, UUID id) {
        return customerInvitations(customer) + "/" + id + "/revoke";
    }

    static String renameCustomer(UUID id) {
        return customer(id) + "/rename";
    }

    static String closeCustomer(UUID id) {
        return customer(id) + "/close";
    }

    static String customers() {
        return CUSTOMERS;
    }

    static String customer(UUID id) {
        return CUSTOMERS + "/" + id;
    }

    static String customerQuota(UUID id) {
        return customer(id) + "/quota";
    }

    static String rename(UUID id) {
        return server(id) + "/rename";
    }

    static String rootPassword(UUID id) {
        return server(id) + "/root-password";
    }

    static String reverseDns(UUID id) {
        return server(id) + "/reverse-dns";
    }

    static String quote() {
        return newServer() + "/quote";
    }

    static String sshKeys() {
        return SSH_KEYS;
    }

    static String deleteSshKey(UUID id) {
        return SSH_KEYS + "/" + id + "/delete";
    }

    static String apiTokens() {
        return API_TOKENS;
    }

    static String security() {
        return SECURITY;
    }

    static String requireTwoFactor() {
        return SECURITY + "/require-2fa";
    }

    static String revokeToken(UUID id) {
        return API_TOKENS + "/" + id + "/revoke";
    }

    static String notifications() {
        return NOTIFICATIONS;
    }

    static String notificationsPage(int page) {
        return NOTIFICATIONS + "?page=" + page;
    }

    static String notification(UUID id) {
        return NOTIFICATIONS + "/" + id;
    }

    static String unreadCount() {
        return NOTIFICATIONS + "/unread";
    }

    static String readAll() {
        return NOTIFICATIONS + "/read-all";
    }

    static String notificationSettings() {
        return NOTIFICATIONS + "/settings";
    }

    static String accountLanguage() {
        return NOTIFICATIONS + "/language";
    }

    static String unsubscribe(String token) {
        return UNSUBSCRIBE + "/" + token;
    }

    /** A server's CD-ROM drive: the card (htmx) or its own page, and its three changes. */
    static String serverIso(UUID id) {
        return server(id) + "/iso";
    }

    static String serverIsoEject(UUID id) {
        return serverIso(id) + "/eject";
    }

    static String serverIsoBoot(UUID id) {
        return serverIso(id) + "/boot";
    }

    /** The graphical console page (VMs' screens over noVNC). */
    static String screen(UUID id) {
        return server(id) + "/screen";
    }

    static String screenTicket(UUID id) {
        return screen(id) + "/ticket";
    }

    /**
     * The screen as PNG, taken through libvirt: the fallback where the live screen cannot be reached. The API's
     * (the page's session signs it in), so the screenshot has one way in.
     */
    static String screenshot(UUID id) {
        return "/api/v1/servers/" + id + "/console/screenshot";
    }
}
