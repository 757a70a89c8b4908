package io.innkeeper.api;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One example request and answer per API operation, for the OpenAPI document. */
final class ApiExamples {

    /** An operation's example request body (null when it takes none) and its answer. */
    record Example(String request, String response) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SERVER = """
            {"id":"5f0e6c1a-4b8e-4c3e-9d55-0c2b7a1e9f10","hostname":"web-1.example.com","status":"RUNNING",
             "account":"1d6f0a2e-7c1b-4f0e-8e0a-2b9c1d3e4f50","region":{"id":"8a1b2c3d-0000-4000-8000-000000000001",
             "code":"fra1"},"plan":{"id":"8a1b2c3d-0000-4000-8000-000000000002","code":"vps-s"},
             "template":{"id":"8a1b2c3d-0000-4000-8000-000000000003","code":"debian-12"},"vcpus":1,"memoryMib":1024,
             "diskGib":25,"externalRef":"crm-4711","addresses":["198.51.100.7","2001:db8:200::7"],
             "createdAt":"2026-01-31T12:00:00Z","deletedAt":null}""";
    private static final String REGION = """
            {"id":"8a1b2c3d-0000-4000-8000-000000000001","code":"fra1","name":"Frankfurt 1"}""";
    private static final String PLAN = """
            {"id":"8a1b2c3d-0000-4000-8000-000000000002","code":"vps-s","version":1,"name":"VPS S",
             "guestTypes":["kvm","lxc"],"vcpus":1,"memoryMib":1024,"diskGib":25,"trafficGb":1000,
             "hourly":{"amount":"0.0070","currency":"EUR"},"monthly":{"amount":"4.50","currency":"EUR"},
             "onSale":true,"retiredAt":null,"availableIn":["fra1"]}""";
    private static final String TEMPLATE = """
            {"id":"8a1b2c3d-0000-4000-8000-000000000003","code":"debian-12","name":"Debian 12",
             "guestTypes":["kvm","lxc"],"onSale":true}""";
    private static final String JOB = """
            {"id":"6a7b8c9d-1111-4222-8333-444455556666","server":"5f0e6c1a-4b8e-4c3e-9d55-0c2b7a1e9f10",
             "kind":"REBOOT","state":"QUEUED","step":"Waiting to start","error":null,"attempts":0,
             "createdAt":"2026-01-31T12:00:00Z","finishedAt":null}""";
    private static final String ACCEPTED = "{\"server\":" + SERVER + ",\"job\":" + JOB + "}";
    private static final String ORDER = """
            {"hostname":"web-1.example.com","region":"8a1b2c3d-0000-4000-8000-000000000001",
             "plan":"8a1b2c3d-0000-4000-8000-000000000002","template":"8a1b2c3d-0000-4000-8000-000000000003",
             "externalRef":"crm-4711"}""";
    private static final String SSH_KEY = """
            {"id":"7b8c9d0e-2222-4333-8444-555566667777","account":"1d6f0a2e-7c1b-4f0e-8e0a-2b9c1d3e4f50",
             "name":"laptop","type":"ssh-ed25519","fingerprint":"SHA256:t7JWqxx7rd3Wd++QlVLEeuO0FdSHDeEQZtFAVV6q4Zw",
             "publicKey":"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample alice@laptop","createdAt":"2026-01-31T12:00:00Z"}""";
    private static final String TOKEN = """
            {"id":"8c9d0e1f-3333-4444-8555-666677778888","name":"billing sync","prefix":"ikp_Xq3v9Z",
             "scope":"WRITE","account":"1d6f0a2e-7c1b-4f0e-8e0a-2b9c1d3e4f50","allowedIps":["203.0.113.0/24"],
             "createdAt":"2026-01-31T12:00:00Z","expiresAt":"2026-05-01T12:00:00Z","revokedAt":null,
             "lastUsedAt":null,"resources":["SERVERS","BILLING"],"bootstrap":false}""";
    private static final String SUB = """
            {"account":{"id":"9d0e1f2a-4444-4555-8666-777788889999","name":"Carol's Bakery","status":"ACTIVE",
             "externalRef":"shop-17","createdAt":"2026-01-31T12:00:00Z"},
             "quota":{"servers":3,"vcpus":6,"memoryMib":8192,"diskGib":100,"ipv4":3,"snapshots":3,
             "runningServers":null,"runningVcpus":null,"runningMemoryMib":null},
             "usage":{"servers":1,"vcpus":1,"memoryMib":1024,"diskGib":25,"ipv4":1,"snapshots":0,"runningServers":1,
             "runningVcpus":1,"runningMemoryMib":1024}}""";
    private static final String INVITATION = """
            {"id":"2a3b4c5d-7777-4888-8999-aaaabbbbcccc","account":"9d0e1f2a-4444-4555-8666-777788889999",
             "email":"carol@bakery.example","role":"OWNER","invitedBy":"rita","sentAt":"2026-01-31T12:00:00Z",
             "expiresAt":"2026-02-07T12:00:00Z","state":"PENDING"}""";
    private static final String EVENT = """
            {"id":"0e1f2a3b-5555-4666-8777-88889999aaaa","seq":42,"type":"server.status_changed",
             "subject":"5f0e6c1a-4b8e-4c3e-9d55-0c2b7a1e9f10","account":"1d6f0a2e-7c1b-4f0e-8e0a-2b9c1d3e4f50",
             "createdAt":"2026-01-31T12:00:05Z","data":{"id":"5f0e6c1a-4b8e-4c3e-9d55-0c2b7a1e9f10","status":"RUNNING"}}""";
    private static final String HOOK = """
            {"id":"1f2a3b4c-6666-4777-8888-9999aaaabbbb","url":"https://shop.example.com/innkeeper/hooks",
             "events":["server.*","invoice.paid"],"createdAt":"2026-01-31T12:00:00Z","previousSecretUntil":null}""";

    private static final String BACKUP = """
            {"id":"4b5c6d7e-9999-4aaa-8bbb-ccccddddeeee","state":"READY","trigger":"MANUAL",
             "createdAt":"2026-01-31T12:00:00Z","finishedAt":"2026-01-31T12:03:10Z","sizeBytes":1873805312,
             "sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","consistency":"CRASH"}""";

    private static final String RESCUE_ON_VIEW = """
            {"active":true,"system":"SystemRescue 11","since":"2026-01-31T12:00:00Z","unavailable":null}""";

    private static final String INVOICE_HEAD = """
            "id":"2a3b4c5d-7777-4888-8999-aaaabbbbcccc","number":"INV-000042",
             "account":"1d6f0a2e-7c1b-4f0e-8e0a-2b9c1d3e4f50","period":"2026-01",
             "periodStart":"2025-12-31T23:00:00Z","periodEnd":"2026-01-31T23:00:00Z","status":"OPEN",
             "currency":"EUR","total":{"amount":"5.36","currency":"EUR"},"paid":{"amount":"1.00","currency":"EUR"},
             "outstanding":{"amount":"4.36","currency":"EUR"},"issuedAt":"2026-02-01T00:05:00Z",
             "dueAt":"2026-02-15T00:05:00Z","paidAt":null,"trafficTxBytes":5368709120,
             "trafficPoolBytes":1000000000000,"pdf":"/api/v1/invoices/2a3b4c5d-7777-4888-8999-aaaabbbbcccc/pdf",
             "paymentReference":"RF29INV000042",
             "net":{"amount":"4.50","currency":"EUR"},"tax":{"treatment":"DOMESTIC","country":"DE","ratePercent":"19",
             "amount":{"amount":"0.86","currency":"EUR"},"note":""},"customerVatId":null
            """;
    private static final String INVOICE_LINES = """
            "lines":[{"position":1,"kind":"SERVER","description":"web-1.example.com (vps-s), 744 h","server":
             "5f0e6c1a-4b8e-4c3e-9d55-0c2b7a1e9f10","quantity":"744","unit":"h",
             "unitPrice":{"amount":"0.0070","currency":"EUR"},"amount":{"amount":"4.50","currency":"EUR"},
             "usageFrom":"2025-12-31T23:00:00Z","usageTo":"2026-01-31T23:00:00Z"}]""";

    private static final Map<String, Example> EXAMPLES = Map.ofEntries(
            Map.entry("getAccount", new Example(null, """
                    {"id":"1d6f0a2e-7c1b-4f0e-8e0a-2b9c1d3e4f50","name":"Rita Hosting Ltd","kind":"RESELLER",
                     "status":"ACTIVE","parent":null,"currency":"EUR","timeZone":"Europe/Berlin","externalRef":null,
                     "createdAt":"2026-01-01T00:00:00Z","quota":{"servers":100,"vcpus":200,"memoryMib":409600,
                     "diskGib":5000,"ipv4":100,"snapshots":100,"runningServers":null,"runningVcpus":null,
                     "runningMemoryMib":null}}""")),
            Map.entry("listRegions", new Example(null, "[" + REGION + "]")),
            Map.entry("getRegion", new Example(null, REGION)),
            Map.entry("listPlans", new Example(null, "[" + PLAN + "]")),
            Map.entry("getPlan", new Example(null, PLAN)),
            Map.entry("listTemplates", new Example(null, "[" + TEMPLATE + "]")),
            Map.entry("getTemplate", new Example(null, TEMPLATE)),
            Map.entry("getStock", new Example(null, """
                    {"items":[{"region":{"id":"8a1b2c3d-0000-4000-8000-000000000001","code":"fra1"},
                      "plan":{"id":"8a1b2c3d-0000-4000-8000-000000000002","code":"vps-s"},"fits":true,
                      "quota":{"fits":true,"more":7},"platform":{"fits":true,"more":240}}],
                     "readAt":"2026-01-31T12:00:00Z","countUpTo":1000}""")),
            Map.entry("getUsage", new Example(null, """
                    {"account":"9d0e1f2a-4444-4555-8666-777788889999","month":"2026-01",
                     "periodStart":"2025-12-31T23:00:00Z","periodEnd":"2026-01-31T23:00:00Z",
                     "ratedUntil":"2026-01-31T23:00:00Z","currency":"EUR","total":{"amount":"4.50","currency":"EUR"},
                     "trafficTxBytes":5368709120,"lines":[{"kind":"SERVER","server":
                     "5f0e6c1a-4b8e-4c3e-9d55-0c2b7a1e9f10","hostname":"web-1.example.com",
                     "plan":"8a1b2c3d-0000-4000-8000-000000000002","description":
                     "web-1.example.com on VPS S v1: 744 h × EUR 0.0070, capped at the monthly EUR 4.50",
                     "quantity":"744","unit":"h","unitPrice":{"amount":"0.0070","currency":"EUR"},
                     "amount":{"amount":"4.50","currency":"EUR"},"usageFrom":"2025-12-31T23:00:00Z",
                     "usageTo":"2026-01-31T23:00:00Z"}]}""")),
            Map.entry("listServers", new Example(null, "{\"items\":[" + SERVER + "],\"nextCursor\":\"MTc2OTg2\"}")),
            Map.entry("getServer", new Example(null, SERVER)),
            Map.entry("getServerUsage", new Example(null, """
                    {"server":"5f0e6c1a-4b8e-4c3e-9d55-0c2b7a1e9f10","from":"2026-01-01T00:00:00Z",
                     "to":"2026-01-31T00:00:00Z","samples":8640,"cpuSeconds":51840,"netRxBytes":1073741824,
                     "netTxBytes":5368709120,"diskReadBytes":2147483648,"diskWriteBytes":1073741824}""")),
            Map.entry("createServer", new Example(ORDER, ACCEPTED)),
            Map.entry("dryRunServer", new Example(ORDER, """
                    {"fits":true,"node":"fra1-node-3","refusals":{},"hourly":{"amount":"0.0070","currency":"EUR"},
                     "monthly":{"amount":"4.50","currency":"EUR"}}""")),
            Map.entry("serverAction", new Example("{\"plan\":\"8a1b2c3d-0000-4000-8000-000000000004\"}", ACCEPTED)),
            Map.entry("listSnapshots", new Example(null, """
                    [{"name":"before-upgrade","state":"READY","createdAt":"2026-01-31T12:00:00Z"}]""")),
            Map.entry("createSnapshot", new Example("{\"name\":\"before-upgrade\"}", ACCEPTED)),
            Map.entry("revertSnapshot", new Example("{}", ACCEPTED)),
            Map.entry("deleteSnapshot", new Example(null, ACCEPTED)),
            Map.entry("deleteServer", new Example(null, ACCEPTED)),
            Map.entry("listJobs", new Example(null, "{\"items\":[" + JOB + "],\"nextCursor\":null}")),
            Map.entry("getJob", new Example(null, JOB)),
            Map.entry("listSshKeys", new Example(null, "[" + SSH_KEY + "]")),
            Map.entry("getSshKey", new Example(null, SSH_KEY)),
            Map.entry("addSshKey", new Example("""
                    {"name":"laptop","publicKey":"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample alice@laptop"}""",
                    SSH_KEY)),
            Map.entry("deleteSshKey", new Example(null, null)),
            Map.entry("listTokens", new Example(null, "[" + TOKEN + "]")),
            Map.entry("createToken", new Example("""
                    {"name":"billing sync","scope":"WRITE","expiresAt":"2026-05-01T12:00:00Z",
                     "allowedIps":["203.0.113.0/24"]}""", "{\"token\":" + TOKEN
                    + ",\"secret\":\"ikp_Xq3v9Z4mN2bV7cL1kJ8hG5fD3sA6pO0iU9yT2rE4wQ1\"}")),
            Map.entry("revokeToken", new Example(null, TOKEN)),
            Map.entry("listSubAccounts", new Example(null, """
                    [{"id":"9d0e1f2a-4444-4555-8666-777788889999","name":"Carol's Bakery","status":"ACTIVE",
                      "externalRef":"shop-17","createdAt":"2026-01-31T12:00:00Z"}]""")),
            Map.entry("getSubAccount", new Example(null, SUB)),
            Map.entry("createSubAccount", new Example("{\"name\":\"Carol's Bakery\",\"externalRef\":\"shop-17\"}",
                    SUB)),
            Map.entry("setSubAccountQuota", new Example("""
                    {"servers":3,"vcpus":6,"memoryMib":8192,"diskGib":100,"ipv4":3,"snapshots":3}""", SUB)),
            Map.entry("suspendSubAccount", new Example("{\"reason\":\"Invoice 2026-01 unpaid\"}", SUB)),
            Map.entry("unsuspendSubAccount", new Example("{}", SUB)),
            Map.entry("renameSubAccount", new Example("{\"name\":\"Carol's Bakery & Cafe\"}", SUB)),
            Map.entry("closeSubAccount", new Example("{}", SUB)),
            Map.entry("inviteToSubAccount", new Example("{\"email\":\"carol@bakery.example\",\"role\":\"OWNER\"}",
                    INVITATION)),
            Map.entry("listSubAccountInvitations", new Example(null, "[" + INVITATION + "]")),
            Map.entry("revokeSubAccountInvitation", new Example(null, null)),
            Map.entry("listWebhooks", new Example(null, "[" + HOOK + "]")),
            Map.entry("createWebhook", new Example("{\"url\":\"https://shop.example.com/innkeeper/hooks\"}",
                    "{\"webhook\":" + HOOK + ",\"secret\":\"ikw_9Zr2Xq4mN7bV1cL8kJ5hG3fD6sA0pO2iU4yT9rE1wQ3\"}")),
            Map.entry("deleteWebhook", new Example(null, null)),
            Map.entry("listEvents", new Example(null, "{\"items\":[" + EVENT + "],\"nextCursor\":\"42\"}")),
            Map.entry("listDeliveries", new Example(null, """
                    [{"endpoint":"1f2a3b4c-6666-4777-8888-9999aaaabbbb","state":"DELIVERED","attempts":3,
                      "lastStatus":204,"lastError":null,"nextAttempt":null,"deliveredAt":"2026-01-31T12:00:09Z"}]""")),
            Map.entry("listInvoices", new Example(null, "{\"items\":[{" + INVOICE_HEAD
                    + ",\"lines\":null}],\"nextCursor\":null}")),
            Map.entry("getInvoice", new Example(null, "{" + INVOICE_HEAD + "," + INVOICE_LINES + "}")),
            Map.entry("getInvoicePdf", new Example(null, "\"%PDF-1.4 ... (the invoice as a PDF document)\"")),
            Map.entry("createInvoicePaymentLink", new Example("{\"saveCard\":true}", """
                    {"url":"https://checkout.stripe.com/c/pay/cs_live_a1B2c3D4","amount":{"amount":"3.50",
                     "currency":"EUR"}}""")),
            Map.entry("topUpCredit", new Example("{\"amount\":\"25.00\",\"saveCard\":false}", """
                    {"url":"https://checkout.stripe.com/c/pay/cs_live_e5F6g7H8","amount":{"amount":"25.00",
                     "currency":"EUR"}}""")),
            Map.entry("getBalance", new Example(null, """
                    {"account":"1d6f0a2e-7c1b-4f0e-8e0a-2b9c1d3e4f50","billedBy":"platform",
                     "balance":{"amount":"3.50","currency":"EUR"},"outstanding":{"amount":"3.50","currency":"EUR"},
                     "credit":{"amount":"0.00","currency":"EUR"},"overdueInvoices":0}""")),
            Map.entry("getServerConsole", new Example(null, """
                    {"text":"[  OK  ] Reached target multi-user.target.\\nDebian GNU/Linux 12 web-1\\n\\nweb-1 login: ",
                     "totalBytes":27648,"truncated":true,"readAt":"2026-01-31T12:00:05Z","state":"SHOWN"}""")),
            Map.entry("openServerConsole", new Example(null, """
                    {"ticket":"ikc_q9Vt2mX7cL4nB8kJ1hG6fD3sA5pO0iU2yT9rE7wQ4zM",
                     "url":"wss://panel.example.com/api/v1/servers/5f0e6c1a-4b8e-4c3e-9d55-0c2b7a1e9f10/console/socket",
                     "expiresAt":"2026-01-31T12:00:30Z","type":"serial"}""")),
            Map.entry("listAddresses", new Example(null, """
                    [{"address":"198.51.100.7","family":"ipv4","prefixLength":24,"gateway":"198.51.100.1",
                      "ptr":"mail.example.com"},{"address":"2001:db8:200::7","family":"ipv6","prefixLength":64,
                      "gateway":"2001:db8:200::1","ptr":null}]""")),
            Map.entry("setReverseDns", new Example("{\"ptr\":\"mail.example.com\"}", """
                    {"address":"198.51.100.7","family":"ipv4","prefixLength":24,"gateway":"198.51.100.1",
                     "ptr":"mail.example.com"}""")),
            Map.entry("clearReverseDns", new Example(null, """
                    {"address":"198.51.100.7","family":"ipv4","prefixLength":24,"gateway":"198.51.100.1",
                     "ptr":null}""")),
            Map.entry("replayEvent", new Example("{}", "{\"queued\":1}")),
            // Backups (issue #20).
            Map.entry("listBackups", new Example(null, "[" + BACKUP + "]")),
            Map.entry("getBackup", new Example(null, BACKUP)),
            Map.entry("createBackup", new Example("{}", "{\"server\":" + SERVER.replace("\"RUNNING\"",
                    "\"BACKING_UP\"") + ",\"job\":" + JOB.replace("\"REBOOT\"", "\"BACKUP_CREATE\"")
                    + ",\"backup\":" + BACKUP.replace("\"READY\"", "\"CREATING\"")
                            .replace("\"2026-01-31T12:03:10Z\"", "null").replace("1873805312", "0")
                            .replace("\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"", "null")
                            .replace("\"CRASH\"", "null") + "}")),
            Map.entry("restoreBackup", new Example("{}", "{\"server\":" + SERVER.replace("\"RUNNING\"",
                    "\"RESTORING\"") + ",\"job\":" + JOB.replace("\"REBOOT\"", "\"BACKUP_RESTORE\"") + "}")),
            Map.entry("deleteBackup", new Example(null, null)),
            Map.entry("restoreBackupToNewServer", new Example("{\"hostname\":\"web-2.example.com\"}",
                    "{\"server\":" + SERVER.replace("\"RUNNING\"", "\"PROVISIONING\"") + ",\"job\":"
                            + JOB.replace("\"REBOOT\"", "\"CREATE\"") + "}")),
            Map.entry("getBackupSchedule", new Example(null, """
                    {"every":"DAILY","hourUtc":3,"lastTakenAt":"2026-01-31T03:00:12Z","missedAt":null,"missed":null}""")),
            Map.entry("setBackupSchedule", new Example("{\"every\":\"DAILY\",\"hourUtc\":3}", """
                    {"every":"DAILY","hourUtc":3,"lastTakenAt":null,"missedAt":null,"missed":null}""")),
            // Rescue mode (issue 19 part 4).
            Map.entry("getServerRescue", new Example(null, RESCUE_ON_VIEW)),
            Map.entry("enterRescue", new Example(null, "{\"server\":" + SERVER.replace("\"RUNNING\"", "\"REBOOTING\"")
                    + ",\"job\":" + JOB.replace("\"REBOOT\"", "\"RESCUE_ON\"") + ",\"rescue\":" + RESCUE_ON_VIEW
                    + ",\"rootPassword\":\"q7HkR2mVx9TpWc4NbZs8\"}")),
            Map.entry("leaveRescue", new Example(null, "{\"server\":" + SERVER.replace("\"RUNNING\"", "\"REBOOTING\"")
                    + ",\"job\":" + JOB.replace("\"REBOOT\"", "\"RESCUE_OFF\"")
                    + ",\"rescue\":{\"active\":false,\"system\":null,\"since\":null,\"unavailable\":null}}")),
            // A server's CD-ROM drive (issue #19, ISO boot).
            Map.entry("getServerIso", new Example(null, """
                    {"hasDrive":true,"iso":{"id":"3c4d5e6f-8888-4999-8aaa-bbbbccccdddd","name":"Debian 12 netinst",
                     "sha256":"2f0dddae9ebfd04d454581a323feef942c2036fd701ab1f316804ca0c6218e4d"},"bootFrom":"CDROM",
                     "changing":false,"canChange":true,"refusal":null,"available":[{"id":
                     "3c4d5e6f-8888-4999-8aaa-bbbbccccdddd","name":"Debian 12 netinst",
                     "sha256":"2f0dddae9ebfd04d454581a323feef942c2036fd701ab1f316804ca0c6218e4d"}]}""")),
            Map.entry("insertServerIso", new Example("{\"isoId\":\"3c4d5e6f-8888-4999-8aaa-bbbbccccdddd\"}",
                    ACCEPTED)),
            Map.entry("ejectServerIso", new Example(null, ACCEPTED)),
            Map.entry("setServerBoot", new Example("{\"bootFrom\":\"CDROM\"}", ACCEPTED)),
            // Webhooks, tokens and sign-on links for resellers' integrations (issue 26, items 5, 7, 8).
            Map.entry("getWebhook", new Example(null, HOOK)),
            Map.entry("updateWebhook", new Example("{\"events\":[\"server.*\",\"invoice.paid\"]}", HOOK)),
            Map.entry("pingWebhook", new Example(null, "{\"event\":\"0e1f2a3b-5555-4666-8777-88889999aaaa\"}")),
            Map.entry("rotateWebhookSecret", new Example("{\"graceSeconds\":86400}", "{\"webhook\":"
                    + HOOK.replace("\"previousSecretUntil\":null", "\"previousSecretUntil\":\"2026-02-01T12:00:00Z\"")
                    + ",\"secret\":\"ikw_3Lr8Xq2mN7bV1cL9kJ5hG3fD6sA0pO2iU4yT9rE1wQ7\","
                    + "\"previousSecretUntil\":\"2026-02-01T12:00:00Z\"}")),
            Map.entry("listWebhookDeliveries", new Example(null, """
                    {"items":[{"event":"0e1f2a3b-5555-4666-8777-88889999aaaa","seq":42,"type":"server.status_changed",
                      "createdAt":"2026-01-31T12:00:05Z","state":"DELIVERED","attempts":1,"lastStatus":204,
                      "lastError":null,"nextAttempt":null,"deliveredAt":"2026-01-31T12:00:06Z"}],"nextCursor":null}""")),
            Map.entry("createSubAccountLoginLink", new Example(null, """
                    {"url":"https://panel.example.com/login-links/ikl_Q2w9Xr4mN7bV1cL8kJ5hG3fD6sA0pO2iU4yT9rE1wQ3",
                     "login":"carol","expiresAt":"2026-01-31T12:02:00Z"}""")));

    private ApiExamples() {
    }

    static Example of(String operationId) {
        return operationId == null ? new Example(null, null) : EXAMPLES.getOrDefault(operationId,
                new Example(null, null));
    }

    static Object parse(String json) {
        try {
            return JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bad example JSON: " + json, e);
        }
    }
}
