package io.innkeeper.portal.admin;

import java.util.UUID;

import io.quarkus.qute.TemplateExtension;

/** The admin portal's URLs, in one place; templates call them as {@code {admin:node(id)}}. */
@TemplateExtension(namespace = "admin")
public final class AdminLinks {

    public static final String HOME = "/admin";
    public static final String NODES = HOME + "/nodes";
    public static final String SERVERS = HOME + "/servers";
    public static final String JOBS = HOME + "/jobs";
    public static final String PLANS = HOME + "/plans";
    public static final String IP_POOLS = HOME + "/ip-pools";
    public static final String TEMPLATES = HOME + "/templates";
    public static final String RESCUE_SYSTEMS = HOME + "/rescue-systems";
    public static final String ISOS = HOME + "/isos";
    public static final String TENANTS = HOME + "/tenants";
    public static final String AUDIT = HOME + "/audit";
    public static final String NOTIFICATIONS = HOME + "/notifications";
    public static final String SEARCH = HOME + "/search";
    public static final String BACKUPS = HOME + "/backups";
    /** Built by the billing pages (io.innkeeper.portal.admin.billing); the nav links to it. */
    public static final String BILLING = HOME + "/billing";
    public static final String DUNNING = BILLING + "/dunning";
    /** Bank statement imports (io.innkeeper.portal.admin.billing.BankTransfersAdmin). */
    public static final String BANK = BILLING + "/bank";

    private AdminLinks() {
    }

    static String home() {
        return HOME;
    }

    static String search() {
        return SEARCH;
    }

    static String nodes() {
        return NODES;
    }

    static String newNode() {
        return NODES + "/new";
    }

    public static String node(UUID id) {
        return NODES + "/" + id;
    }

    static String maintenance(UUID id) {
        return node(id) + "/maintenance";
    }

    static String editNode(UUID id) {
        return node(id) + "/edit";
    }

    static String evacuate(UUID id) {
        return node(id) + "/evacuate";
    }

    static String regions() {
        return NODES + "/regions";
    }

    static String servers() {
        return SERVERS;
    }

    public static String server(UUID id) {
        return SERVERS + "/" + id;
    }

    static String serverMove(UUID id) {
        return server(id) + "/move";
    }

    static String serverConsole(UUID id) {
        return server(id) + "/console";
    }

    static String consoleTicket(UUID id) {
        return serverConsole(id) + "/ticket";
    }

    static String consoleSessions(UUID id) {
        return serverConsole(id) + "/sessions";
    }

    static String endConsoleSession(UUID id, UUID session) {
        return consoleSessions(id) + "/" + session + "/end";
    }

    static String serverStart(UUID id) {
        return SERVERS + "/" + id + "/start";
    }

    static String serverPowerOff(UUID id) {
        return SERVERS + "/" + id + "/power-off";
    }

    static String jobs() {
        return JOBS;
    }

    static String jobRetry(UUID id) {
        return JOBS + "/" + id + "/retry";
    }

    static String jobResolve(UUID id) {
        return JOBS + "/" + id + "/resolve";
    }

    static String plans() {
        return PLANS;
    }

    static String newPlan() {
        return PLANS + "/new";
    }

    public static String plan(String code) {
        return PLANS + "/" + code;
    }

    static String retirePlan(String code) {
        return plan(code) + "/retire";
    }

    static String ipPools() {
        return IP_POOLS;
    }

    public static String ipPool(UUID id) {
        return IP_POOLS + "/" + id;
    }

    static String editIpPool(UUID id) {
        return ipPool(id) + "/edit";
    }

    static String templates() {
        return TEMPLATES;
    }

    static String rescueSystems() {
        return RESCUE_SYSTEMS;
    }

    static String rescueSystem(UUID id) {
        return RESCUE_SYSTEMS + "/" + id;
    }

    static String deleteRescueSystem(UUID id) {
        return rescueSystem(id) + "/delete";
    }

    static String isos() {
        return ISOS;
    }

    static String backups() {
        return BACKUPS;
    }

    static String removeOrphans() {
        return BACKUPS + "/orphans";
    }

    static String isoRemove(UUID id) {
        return ISOS + "/" + id + "/remove";
    }

    public static String template(UUID id) {
        return TEMPLATES + "/" + id;
    }

    static String tenants() {
        return TENANTS;
    }

    public static String tenant(UUID id) {
        return TENANTS + "/" + id;
    }

    static String newTenant() {
        return TENANTS + "/new";
    }

    static String resendTenantInvitation(UUID tenant, UUID invitation) {
        return tenant(tenant) + "/invitations/" + invitation + "/resend";
    }

    static String revokeTenantInvitation(UUID tenant, UUID invitation) {
        return tenant(tenant) + "/invitations/" + invitation + "/revoke";
    }

    static String tenantQuota(UUID id) {
        return tenant(id) + "/quota";
    }

    static String tenantApprove(UUID id) {
        return tenant(id) + "/approve";
    }

    static String tenantSuspend(UUID id) {
        return tenant(id) + "/suspend";
    }

    static String tenantUnsuspend(UUID id) {
        return tenant(id) + "/unsuspend";
    }

    static String tenantClose(UUID id) {
        return tenant(id) + "/close";
    }

    static String tenantServers(UUID id) {
        return SERVERS + "?tenant=" + id;
    }

    static String audit() {
        return AUDIT;
    }

    static String tenantAudit(UUID id) {
        return AUDIT + "?tenant=" + id;
    }

    static String billing() {
        return BILLING;
    }

    static String dunning() {
        return DUNNING;
    }

    static String notifications() {
        return NOTIFICATIONS;
    }

    static String resendNotification(UUID id) {
        return NOTIFICATIONS + "/" + id + "/resend";
    }

    static String bankImports() {
        return BANK;
    }

    static String bankImport(UUID id) {
        return BANK + "/" + id;
    }

    static String assignCredit(UUID id) {
        return bankImport(id) + "/assign";
    }

    /** A VM's graphical console, as its admin sees it. */
    public static String serverScreen(UUID id) {
        return server(id) + "/screen";
    }

    static String serverScreenTicket(UUID id) {
        return serverScreen(id) + "/ticket";
    }

    /** The API's screenshot, which an admin's session may take of any server. */
    static String serverScreenshot(UUID id) {
        return "/api/v1/servers/" + id + "/console/screenshot";
    }
}
