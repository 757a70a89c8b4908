package io.innkeeper.helm;

import static io.innkeeper.helm.Manifests.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart in {@code helm/innkeeper}, with a real helm binary, offline: lint, render for the default values and
 * each example, every rendered object checked against the Kubernetes API models, and the chart's promises
 * (probes, hardening, secrets, rolling on change, typed values) checked on the rendered objects.
 */
class HelmChartTest {

    private static Helm helm;

    @BeforeAll
    static void findHelm() {
        helm = Helm.find();
    }

    static Stream<String> valueSets() {
        return Stream.concat(Stream.of("defaults"), Helm.exampleValues().stream().map(Path::toString));
    }

    private static String[] valuesArgs(String valueSet) {
        return valueSet.equals("defaults") ? new String[0] : new String[] { "-f", valueSet };
    }

    @ParameterizedTest(name = "lint {0}")
    @MethodSource("valueSets")
    void lintsCleanly(String valueSet) {
        List<String> args = new ArrayList<>(List.of("lint", "--strict", Helm.CHART.toString()));
        args.addAll(List.of(valuesArgs(valueSet)));
        Helm.Result r = helm.run(args).requireSuccess(args);
        assertThat(r.out()).contains("0 chart(s) failed");
    }

    @ParameterizedTest(name = "render {0}")
    @MethodSource("valueSets")
    void rendersObjectsTheKubernetesApiAccepts(String valueSet) {
        Manifests rendered = helm.template(valuesArgs(valueSet));
        assertThat(rendered.objects()).extracting(o -> o.get("kind").getAsString())
                .contains("Deployment", "Service", "ConfigMap", "ServiceAccount");
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (JsonObject o : rendered.objects()) {
            List<String> p = KubernetesModels.problems(o);
            if (!p.isEmpty()) {
                problems.put(o.get("kind").getAsString() + " " + at(o, "metadata.name"), p);
            }
        }
        assertThat(problems).as("objects the API server would refuse").isEmpty();
    }

    /** The check above is worth something only if it refuses what the API server refuses. */
    @Test
    void kubernetesCheckRefusesUnknownFieldsWrongTypesAndMissingRequiredFields() throws IOException {
        JsonObject deployment = helm.template().one("Deployment");
        assertThat(KubernetesModels.problems(deployment)).isEmpty();

        JsonObject typo = deployment.deepCopy();
        at(typo, "spec.template.spec").getAsJsonObject().addProperty("serviceAcountName", "x");
        assertThat(KubernetesModels.problems(typo)).anyMatch(p -> p.contains("serviceAcountName"));

        JsonObject quotedPort = deployment.deepCopy();
        container(quotedPort).get("ports").getAsJsonArray().get(0).getAsJsonObject().addProperty("containerPort",
                "8080");
        assertThat(KubernetesModels.problems(quotedPort)).anyMatch(p -> p.contains("containerPort")
                && p.contains("want an integer"));

        JsonObject noImage = deployment.deepCopy();
        container(noImage).remove("name");
        assertThat(KubernetesModels.problems(noImage)).anyMatch(p -> p.contains("name"));

        assertThat(KubernetesModels.problems(KubernetesModels.parse(
                "{\"apiVersion\":\"extensions/v1beta1\",\"kind\":\"Ingress\",\"metadata\":{\"name\":\"x\"}}")))
                .anyMatch(p -> p.contains("no such kind"));
    }

    @Test
    void schemaRejectsWrongTypesAndUnknownKeys() {
        assertThat(helm.templateFails("--set", "replicaCount=two")).contains("/replicaCount").contains("integer");
        assertThat(helm.templateFails("--set-string", "service.port=80")).contains("/service/port");
        assertThat(helm.templateFails("--set", "ingress.enabled=yes-please")).contains("/ingress/enabled");
        assertThat(helm.templateFails("--set", "config.jobs.lease=a-minute")).contains("/config/jobs/lease");
        assertThat(helm.templateFails("--set", "databse.url=jdbc:postgresql://x/y")).contains("databse");
        assertThat(helm.templateFails("--set", "database.url=postgres://x/y")).contains("/database/url");
        assertThat(helm.templateFails("--set", "mail.startTls=ALWAYS")).contains("/mail/startTls");
        assertThat(helm.templateFails("--set", "keycloakAdmin.redirectUrl=panel.example.com"))
                .contains("/keycloakAdmin/redirectUrl");
    }

    @Test
    void probesAskTheManagementPortForHealth() {
        Manifests rendered = helm.template();
        JsonObject container = rendered.container();
        Map<String, Integer> ports = new LinkedHashMap<>();
        container.get("ports").getAsJsonArray().forEach(p -> ports.put(p.getAsJsonObject().get("name").getAsString(),
                p.getAsJsonObject().get("containerPort").getAsInt()));
        assertThat(ports).containsEntry("management", 9000).containsEntry("http", 8080);
        assertThat(at(rendered.one("ConfigMap"), "data.INNKEEPER_MANAGEMENT_PORT").getAsString()).isEqualTo("9000");
        Map<String, String> paths = Map.of("startupProbe", "/q/health/started", "livenessProbe", "/q/health/live",
                "readinessProbe", "/q/health/ready");
        paths.forEach((probe, path) -> {
            assertThat(at(container, probe + ".httpGet.port").getAsString()).as(probe).isEqualTo("management");
            assertThat(at(container, probe + ".httpGet.path").getAsString()).as(probe).isEqualTo(path);
        });
        // Health stays off the Service: only the pages' port is published.
        JsonObject service = rendered.one("Service");
        assertThat(at(service, "spec.ports").getAsJsonArray()).hasSize(1);
        assertThat(at(service, "spec.ports").getAsJsonArray().get(0).getAsJsonObject().get("targetPort")
                .getAsString()).isEqualTo("http");
    }

    @Test
    void podsRunHardened() {
        Manifests rendered = helm.template();
        JsonObject pod = at(rendered.one("Deployment"), "spec.template.spec").getAsJsonObject();
        JsonObject container = rendered.container();
        assertThat(at(pod, "securityContext.runAsNonRoot").getAsBoolean()).isTrue();
        assertThat(at(pod, "securityContext.runAsUser").getAsInt()).isPositive();
        assertThat(at(pod, "securityContext.seccompProfile.type").getAsString()).isEqualTo("RuntimeDefault");
        assertThat(at(pod, "automountServiceAccountToken").getAsBoolean()).isFalse();
        assertThat(at(container, "securityContext.readOnlyRootFilesystem").getAsBoolean()).isTrue();
        assertThat(at(container, "securityContext.allowPrivilegeEscalation").getAsBoolean()).isFalse();
        assertThat(at(container, "securityContext.runAsNonRoot").getAsBoolean()).isTrue();
        assertThat(at(container, "securityContext.capabilities.drop").getAsJsonArray())
                .extracting(JsonElement::getAsString).containsExactly("ALL");
        assertThat(at(container, "securityContext.capabilities.add")).isNull();
        // A read-only root needs somewhere to write: /tmp and the home directory are emptyDirs.
        Map<String, String> mounts = mounts(container);
        assertThat(mounts).containsEntry("/tmp", "tmp").containsEntry("/home/innkeeper", "home");
        assertThat(volumes(pod)).containsEntry("tmp", "emptyDir").containsEntry("home", "emptyDir");
        assertThat(env(container)).containsEntry("HOME", "/home/innkeeper");
        assertThat(env(container).get("JDK_JAVA_OPTIONS")).contains("--enable-native-access=ALL-UNNAMED")
                .contains("--add-opens java.base/java.lang=ALL-UNNAMED");
    }

    @Test
    void chartMakesSecretsUnlessExistingSecretsAreGiven() {
        Manifests own = helm.template("--set", "database.password=pw", "--set", "oidc.clientSecret=cs");
        JsonObject secret = own.one("Secret");
        assertThat(at(secret, "data").getAsJsonObject().keySet()).containsExactlyInAnyOrder("database-password",
                "oidc-client-secret");
        Map<String, String> refs = secretRefs(own.container());
        assertThat(refs).containsEntry("INNKEEPER_DB_PASSWORD", "panel-innkeeper-secrets/database-password")
                .containsEntry("INNKEEPER_OIDC_SECRET", "panel-innkeeper-secrets/oidc-client-secret");

        Manifests half = helm.template("--set", "database.existingSecret=db", "--set", "oidc.clientSecret=cs");
        assertThat(at(half.one("Secret"), "data").getAsJsonObject().keySet()).containsExactly("oidc-client-secret");
        assertThat(secretRefs(half.container())).containsEntry("INNKEEPER_DB_PASSWORD", "db/password");

        Manifests theirs = helm.template("--set", "database.existingSecret=db", "--set",
                "database.existingSecretPasswordKey=pass", "--set", "oidc.existingSecret=idp", "--set",
                "oidc.existingSecretKey=secret");
        assertThat(theirs.ofKind("Secret")).as("no Secret of the chart's own").isEmpty();
        assertThat(secretRefs(theirs.container())).containsEntry("INNKEEPER_DB_PASSWORD", "db/pass")
                .containsEntry("INNKEEPER_OIDC_SECRET", "idp/secret");
        assertThat(env(theirs.container())).as("no cloud-init seeds without a public URL")
                .doesNotContainKey("INNKEEPER_PUBLIC_URL");
    }

    @Test
    void cloudInitSeedsNeedAPublicUrlAndAKey() {
        Manifests own = helm.template("--set", "cloudInit.publicUrl=http://10.0.0.10:8080", "--set",
                "cloudInit.secret=k");
        assertThat(at(own.one("Secret"), "data").getAsJsonObject().keySet()).contains("cloud-init-secret");
        assertThat(env(own.container())).containsEntry("INNKEEPER_PUBLIC_URL", "http://10.0.0.10:8080");
        assertThat(secretRefs(own.container())).containsEntry("INNKEEPER_CLOUD_INIT_SECRET",
                "panel-innkeeper-secrets/cloud-init-secret");

        Manifests theirs = helm.template("--set", "cloudInit.publicUrl=http://10.0.0.10:8080", "--set",
                "cloudInit.existingSecret=seeds", "--set", "cloudInit.existingSecretKey=key");
        assertThat(at(theirs.one("Secret"), "data").getAsJsonObject().keySet()).doesNotContain("cloud-init-secret");
        assertThat(secretRefs(theirs.container())).containsEntry("INNKEEPER_CLOUD_INIT_SECRET", "seeds/key");
    }

    @Test
    void mailAndKeycloakAdminSettingsReachThePanel() {
        Manifests own = helm.template("--set", "mail.host=smtp.example.net", "--set", "mail.port=2525", "--set",
                "mail.username=panel", "--set", "mail.password=pw", "--set", "mail.startTls=OPTIONAL", "--set",
                "keycloakAdmin.clientSecret=ks", "--set", "keycloakAdmin.redirectUrl=https://panel.example.net",
                "--set", "signup.enabled=false");
        JsonObject config = at(own.one("ConfigMap"), "data").getAsJsonObject();
        assertThat(config.get("INNKEEPER_SMTP_HOST").getAsString()).isEqualTo("smtp.example.net");
        assertThat(config.get("INNKEEPER_SMTP_PORT").getAsString()).isEqualTo("2525");
        assertThat(config.get("INNKEEPER_SMTP_USERNAME").getAsString()).isEqualTo("panel");
        assertThat(config.get("INNKEEPER_SMTP_START_TLS").getAsString()).isEqualTo("OPTIONAL");
        assertThat(config.get("INNKEEPER_KEYCLOAK_ADMIN_CLIENT_ID").getAsString()).isEqualTo("innkeeper-admin");
        assertThat(config.get("INNKEEPER_KEYCLOAK_ADMIN_REDIRECT_URL").getAsString())
                .isEqualTo("https://panel.example.net");
        assertThat(config.get("INNKEEPER_SIGNUP_ENABLED").getAsString()).isEqualTo("false");
        assertThat(at(own.one("Secret"), "data").getAsJsonObject().keySet()).contains("smtp-password",
                "keycloak-admin-secret");
        assertThat(secretRefs(own.container()))
                .containsEntry("INNKEEPER_SMTP_PASSWORD", "panel-innkeeper-secrets/smtp-password")
                .containsEntry("INNKEEPER_KEYCLOAK_ADMIN_SECRET", "panel-innkeeper-secrets/keycloak-admin-secret");

        Manifests theirs = helm.template("--set", "mail.existingSecret=relay", "--set",
                "keycloakAdmin.existingSecret=idp-admin", "--set", "keycloakAdmin.existingSecretKey=secret");
        assertThat(at(theirs.one("Secret"), "data").getAsJsonObject().keySet()).doesNotContain("smtp-password",
                "keycloak-admin-secret");
        assertThat(secretRefs(theirs.container())).containsEntry("INNKEEPER_SMTP_PASSWORD", "relay/smtp-password")
                .containsEntry("INNKEEPER_KEYCLOAK_ADMIN_SECRET", "idp-admin/secret");

        Manifests none = helm.template();
        assertThat(secretRefs(none.container())).as("no SMTP login and no admin client: no such env")
                .doesNotContainKeys("INNKEEPER_SMTP_PASSWORD", "INNKEEPER_KEYCLOAK_ADMIN_SECRET");
        assertThat(checksums(helm.template("--set", "mail.existingSecret=other")).get("checksum/secret"))
                .isNotEqualTo(checksums(none).get("checksum/secret"));
    }

    @Test
    void notificationSenderTemplatesAndUnsubscribeKeyReachThePanel() {
        Manifests own = helm.template("--set", "notifications.senderName=Acme Hosting", "--set",
                "notifications.templatesConfigMap=acme-mails", "--set", "notifications.unsubscribeKey=uk");
        JsonObject config = at(own.one("ConfigMap"), "data").getAsJsonObject();
        assertThat(config.get("INNKEEPER_MAIL_SENDER_NAME").getAsString()).isEqualTo("Acme Hosting");
        assertThat(config.get("INNKEEPER_NOTIFICATION_TEMPLATES").getAsString())
                .isEqualTo("/etc/innkeeper/notification-templates");
        JsonObject pod = at(own.one("Deployment"), "spec.template.spec").getAsJsonObject();
        assertThat(mounts(own.container())).containsEntry("/etc/innkeeper/notification-templates",
                "notification-templates");
        assertThat(volumes(pod)).containsEntry("notification-templates", "configMap");
        assertThat(pod.get("volumes").getAsJsonArray()).anyMatch(v -> "acme-mails".equals(at(v.getAsJsonObject(),
                "configMap.name") == null ? null : at(v.getAsJsonObject(), "configMap.name").getAsString()));
        assertThat(at(own.one("Secret"), "data").getAsJsonObject().get("unsubscribe-key").getAsString())
                .isEqualTo(java.util.Base64.getEncoder().encodeToString("uk".getBytes()));
        assertThat(secretRefs(own.container()))
                .containsEntry("INNKEEPER_UNSUBSCRIBE_KEY", "panel-innkeeper-secrets/unsubscribe-key");

        Manifests theirs = helm.template("--set", "notifications.existingSecret=mail-keys");
        assertThat(at(theirs.one("Secret"), "data").getAsJsonObject().keySet()).doesNotContain("unsubscribe-key");
        assertThat(secretRefs(theirs.container()))
                .containsEntry("INNKEEPER_UNSUBSCRIBE_KEY", "mail-keys/unsubscribe-key");

        Manifests none = helm.template();
        assertThat(at(none.one("ConfigMap"), "data").getAsJsonObject().has("INNKEEPER_NOTIFICATION_TEMPLATES"))
                .as("no ConfigMap of templates: the built-in ones").isFalse();
        assertThat(volumes(at(none.one("Deployment"), "spec.template.spec").getAsJsonObject()))
                .doesNotContainKey("notification-templates");
        assertThat(secretRefs(none.container())).doesNotContainKey("INNKEEPER_UNSUBSCRIBE_KEY");
        assertThat(helm.templateFails("--set", "notifications.senderName=Acme <x@evil.example>"))
                .contains("/notifications/senderName");
    }

    /**
     * Every retention period is a value, and each reaches a setting the panel has (RetentionConfig's, in its
     * environment-variable spelling); a period the panel cannot read is refused by the schema.
     */
    @Test
    void retentionPeriodsReachThePanelsSettings() {
        JsonObject data = at(helm.template("--set", "retention.usageHours=500d").one("ConfigMap"), "data")
                .getAsJsonObject();
        Set<String> rendered = new TreeSet<>();
        data.keySet().stream().filter(k -> k.startsWith("INNKEEPER_RETENTION_")).forEach(rendered::add);
        Set<String> periods = new TreeSet<>();
        durationSettings("INNKEEPER_RETENTION", io.innkeeper.retention.RetentionConfig.class, periods);
        assertThat(rendered).as("every retention period, each a setting of the panel").isEqualTo(periods);
        assertThat(data.get("INNKEEPER_RETENTION_USAGE_HOURS").getAsString()).isEqualTo("500d");
        assertThat(data.get("INNKEEPER_RETENTION_METER_SAMPLES_KEEP").getAsString()).isEqualTo("35d");
        assertThat(helm.templateFails("--set", "retention.jobs=90 days")).contains("/retention/jobs");
    }

    /** The environment variables of a config mapping's Duration settings, nested groups included. */
    private static void durationSettings(String prefix, Class<?> mapping, Set<String> out) {
        for (java.lang.reflect.Method m : mapping.getDeclaredMethods()) {
            if (m.getParameterCount() > 0 || m.isDefault() || java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            String name = prefix + "_" + m.getName().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
            if (m.getReturnType() == java.time.Duration.class) {
                out.add(name);
            } else if (m.getReturnType().isInterface() && m.getReturnType().getEnclosingClass() == mapping) {
                durationSettings(name, m.getReturnType(), out);
            }
        }
    }

    @Test
    void cloudNativePgExampleReadsUrlUserAndPasswordFromItsAppSecret() {
        Manifests rendered = helm.template("-f", Helm.EXAMPLES.resolve("values-cloudnative-pg.yaml").toString());
        assertThat(secretRefs(rendered.container())).containsEntry("INNKEEPER_DB_URL", "innkeeper-db-app/jdbc-uri")
                .containsEntry("INNKEEPER_DB_USER", "innkeeper-db-app/username")
                .containsEntry("INNKEEPER_DB_PASSWORD", "innkeeper-db-app/password");
        assertThat(at(rendered.one("ConfigMap"), "data").getAsJsonObject().keySet())
                .doesNotContain("INNKEEPER_DB_URL", "INNKEEPER_DB_USER");
        assertThat(rendered.ofKind("Secret")).isEmpty();
    }

    /** Both pools of a replica are sized from the values: the JDBC pool and the API's non-blocking read pool. */
    @Test
    void bothConnectionPoolsAreSizedFromTheValues() {
        JsonObject data = at(helm.template().one("ConfigMap"), "data").getAsJsonObject();
        assertThat(data.get("QUARKUS_DATASOURCE_JDBC_MAX_SIZE").getAsString()).isEqualTo("32");
        assertThat(data.get("INNKEEPER_API_READ_POOL_SIZE").getAsString()).isEqualTo("8");
        JsonObject small = at(helm.template("-f", Helm.EXAMPLES.resolve("values-external-postgresql.yaml").toString())
                .one("ConfigMap"), "data").getAsJsonObject();
        assertThat(small.get("QUARKUS_DATASOURCE_JDBC_MAX_SIZE").getAsString()).isEqualTo("20");
        assertThat(small.get("INNKEEPER_API_READ_POOL_SIZE").getAsString()).isEqualTo("4");
    }

    /** The memory each replica keeps list pages in comes from the values, and a negative amount is refused. */
    @Test
    void thePageCacheIsSizedFromTheValues() {
        assertThat(at(helm.template().one("ConfigMap"), "data.INNKEEPER_API_SERVER_PAGE_CACHE_MIB").getAsString())
                .isEqualTo("32");
        assertThat(at(helm.template("--set", "config.serverPageCacheMib=0").one("ConfigMap"),
                "data.INNKEEPER_API_SERVER_PAGE_CACHE_MIB").getAsString()).isEqualTo("0");
        assertThat(helm.templateFails("--set", "config.serverPageCacheMib=-1")).contains("/config/serverPageCacheMib");
    }

    /** Each replica names itself to PostgreSQL, so node_task_run.replica and pg_stat_activity tell them apart. */
    @Test
    void replicasNameThemselvesToTheDatabase() {
        Manifests rendered = helm.template();
        JsonObject container = rendered.container();
        List<String> names = new ArrayList<>();
        container.get("env").getAsJsonArray().forEach(e -> names.add(e.getAsJsonObject().get("name").getAsString()));
        assertThat(names.indexOf("POD_NAME")).as("POD_NAME defined before the URL that uses it").isNotNegative()
                .isLessThan(names.indexOf("INNKEEPER_DB_URL"));
        assertThat(at(container.get("env").getAsJsonArray().get(names.indexOf("POD_NAME")).getAsJsonObject(),
                "valueFrom.fieldRef.fieldPath").getAsString()).isEqualTo("metadata.name");
        assertThat(env(container)).containsEntry("INNKEEPER_DB_URL",
                "jdbc:postgresql://postgresql:5432/innkeeper?ApplicationName=$(POD_NAME)");
        assertThat(at(rendered.one("ConfigMap"), "data.INNKEEPER_DB_URL")).isNull();

        assertThat(env(helm.template("--set", "database.url=jdbc:postgresql://db/ik?sslmode=require").container()))
                .containsEntry("INNKEEPER_DB_URL", "jdbc:postgresql://db/ik?sslmode=require&ApplicationName=$(POD_NAME)");
        Manifests plain = helm.template("--set", "database.podNameAsApplicationName=false");
        assertThat(env(plain.container())).doesNotContainKey("INNKEEPER_DB_URL");
        assertThat(at(plain.one("ConfigMap"), "data.INNKEEPER_DB_URL").getAsString())
                .isEqualTo("jdbc:postgresql://postgresql:5432/innkeeper");
    }

    @Test
    void libvirtCredentialsAreMountedWhereLibvirtLooks() {
        Manifests own = helm.template("--set", "libvirt.ssh.enabled=true", "--set", "libvirt.ssh.privateKey=KEY",
                "--set", "libvirt.tls.enabled=true", "--set", "libvirt.tls.caCert=CA", "--set",
                "libvirt.tls.clientCert=CERT", "--set", "libvirt.tls.clientKey=PRIV");
        assertThat(own.ofKind("Secret")).extracting(s -> at(s, "metadata.name").getAsString())
                .contains("panel-innkeeper-libvirt-ssh", "panel-innkeeper-libvirt-tls");
        JsonObject tls = own.ofKind("Secret").stream()
                .filter(s -> at(s, "metadata.name").getAsString().endsWith("-libvirt-tls")).findFirst().orElseThrow();
        assertThat(at(tls, "data").getAsJsonObject().keySet()).containsExactlyInAnyOrder("cacert.pem",
                "clientcert.pem", "clientkey.pem");
        assertThat(mounts(own.container())).containsEntry("/home/innkeeper/.ssh", "libvirt-ssh")
                .containsEntry("/home/innkeeper/.pki/libvirt", "libvirt-tls");

        Manifests theirs = helm.template("--set", "libvirt.ssh.enabled=true", "--set",
                "libvirt.ssh.existingSecret=keys");
        assertThat(theirs.ofKind("Secret")).noneMatch(s -> at(s, "metadata.name").getAsString().contains("libvirt"));
        JsonObject pod = at(theirs.one("Deployment"), "spec.template.spec").getAsJsonObject();
        assertThat(pod.get("volumes").getAsJsonArray()).anyMatch(v -> v.getAsJsonObject().has("secret")
                && "keys".equals(at(v.getAsJsonObject(), "secret.secretName").getAsString()));

        assertThat(helm.templateFails("--set", "libvirt.ssh.enabled=true")).contains("libvirt.ssh.privateKey");
    }

    @Test
    void podsRollWhenSettingsOrSecretsChange() {
        Map<String, String> base = checksums(helm.template());
        assertThat(checksums(helm.template())).as("same values, same pods").isEqualTo(base);
        Map<String, String> config = checksums(helm.template("--set", "config.jobs.lease=90s"));
        assertThat(config.get("checksum/config")).isNotEqualTo(base.get("checksum/config"));
        assertThat(config.get("checksum/secret")).isEqualTo(base.get("checksum/secret"));
        Map<String, String> secret = checksums(helm.template("--set", "database.password=new"));
        assertThat(secret.get("checksum/secret")).isNotEqualTo(base.get("checksum/secret"));
        assertThat(secret.get("checksum/config")).isEqualTo(base.get("checksum/config"));
        Map<String, String> other = checksums(helm.template("--set", "oidc.existingSecret=elsewhere"));
        assertThat(other.get("checksum/secret")).isNotEqualTo(base.get("checksum/secret"));
    }

    @Test
    void autoscalerTakesOverTheReplicaCountAndTheBudgetNeedsTwoReplicas() {
        Manifests fixed = helm.template("--set", "replicaCount=3");
        assertThat(at(fixed.one("Deployment"), "spec.replicas").getAsInt()).isEqualTo(3);
        assertThat(fixed.ofKind("HorizontalPodAutoscaler")).isEmpty();
        assertThat(at(fixed.one("PodDisruptionBudget"), "spec.minAvailable").getAsInt()).isEqualTo(1);

        Manifests scaled = helm.template("--set", "autoscaling.enabled=true", "--set", "autoscaling.maxReplicas=9");
        assertThat(at(scaled.one("Deployment"), "spec.replicas")).isNull();
        assertThat(at(scaled.one("HorizontalPodAutoscaler"), "spec.maxReplicas").getAsInt()).isEqualTo(9);
        assertThat(scaled.ofKind("PodDisruptionBudget")).hasSize(1);

        // One replica and minAvailable 1 would block every node drain: no budget then.
        assertThat(helm.template("--set", "replicaCount=1").ofKind("PodDisruptionBudget")).isEmpty();
        assertThat(helm.template().ofKind("Ingress")).isEmpty();
        assertThat(at(helm.template("--set", "ingress.enabled=true").one("Ingress"),
                "spec.rules").getAsJsonArray()).hasSize(1);
    }

    /** Every leaf of values.yaml has a {@code ## @param} line, and every such line names a real value. */
    @Test
    void everyValueIsDocumented() throws IOException {
        List<String> lines = Files.readAllLines(Helm.CHART.resolve("values.yaml"));
        Set<String> documented = new TreeSet<>();
        Pattern param = Pattern.compile("^\\s*## @param (\\S+) \\S.*");
        lines.forEach(l -> {
            Matcher m = param.matcher(l);
            if (m.matches()) {
                documented.add(m.group(1));
            }
        });
        Set<String> values = new TreeSet<>();
        leaves("", helm.showValues(), values, documented);
        assertThat(documented).as("documented values").containsExactlyInAnyOrderElementsOf(values);
    }

    @Test
    void dashboardAndAlertRulesAreOptionalAndPassTheirChecks() throws Exception {
        Manifests none = helm.template();
        assertThat(none.ofKind("PrometheusRule")).isEmpty();
        assertThat(none.ofKind("ConfigMap")).noneMatch(c -> c.has("data")
                && c.getAsJsonObject("data").has("innkeeper.json"));

        Manifests on = helm.template("--set", "monitoring.grafanaDashboard.enabled=true", "--set",
                "monitoring.prometheusRule.enabled=true", "--set", "monitoring.prometheusRule.labels.release=kps");
        JsonObject dashboard = on.ofKind("ConfigMap").stream()
                .filter(c -> c.has("data") && c.getAsJsonObject("data").has("innkeeper.json")).findFirst()
                .orElseThrow();
        assertThat(at(dashboard, "metadata.labels.grafana_dashboard").getAsString()).isEqualTo("1");
        assertThat(KubernetesModels.problems(dashboard)).isEmpty();
        JsonObject board = JsonParser.parseString(dashboard.getAsJsonObject("data").get("innkeeper.json")
                .getAsString()).getAsJsonObject();
        List<String> queries = new ArrayList<>();
        board.getAsJsonArray("panels").forEach(panel -> panel.getAsJsonObject().getAsJsonArray("targets")
                .forEach(t -> queries.add(t.getAsJsonObject().get("expr").getAsString())));
        assertThat(String.join("\n", queries)).contains("http_server_requests_seconds_bucket",
                "innkeeper_orders_refused_total", "innkeeper_jobs_queued", "innkeeper_node_reachable",
                "innkeeper_node_metering_lag_seconds", "innkeeper_invoice_run_last_duration_seconds",
                "innkeeper_webhooks_pending", "agroal_active_count");

        JsonObject rule = on.one("PrometheusRule");
        assertThat(rule.get("apiVersion").getAsString()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(at(rule, "metadata.labels.release").getAsString()).isEqualTo("kps");
        List<String> alerts = new ArrayList<>();
        rule.getAsJsonObject("spec").getAsJsonArray("groups").forEach(g -> g.getAsJsonObject()
                .getAsJsonArray("rules").forEach(r -> alerts.add(r.getAsJsonObject().get("alert").getAsString())));
        assertThat(alerts).containsExactlyInAnyOrder("InnkeeperJobsStuck", "InnkeeperNodeUnreachable",
                "InnkeeperMeteringLag", "InnkeeperWebhookBacklog", "InnkeeperInvoiceRunFailed");

        Path rules = Files.createTempFile("innkeeper-rules", ".json");
        try {
            Files.writeString(rules, rule.get("spec").toString());
            assertThat(promtool("check", "rules", rules.toString())).contains("SUCCESS: 5 rules found");
            // The check is worth something only if it refuses a broken expression.
            Files.writeString(rules, rule.get("spec").toString().replace("max(innkeeper_jobs_oldest",
                    "max((innkeeper_jobs_oldest"));
            assertThat(promtoolExit("check", "rules", rules.toString())).isNotZero();
        } finally {
            Files.deleteIfExists(rules);
        }
    }

    /** promtool from Debian's prometheus package, unpacked by bin/test ({@code INNKEEPER_PROMTOOL}). */
    private static Path promtoolBinary() {
        String env = System.getenv("INNKEEPER_PROMTOOL");
        Path binary = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getenv().getOrDefault("INNKEEPER_CACHE",
                        System.getProperty("user.home") + "/.cache/innkeeper"), "promtool", "promtool");
        assertThat(Files.isExecutable(binary)).as("promtool at " + binary + " (bin/test unpacks it)").isTrue();
        return binary;
    }

    private static String promtool(String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("promtool", ".txt");
        try {
            List<String> command = new ArrayList<>(List.of(promtoolBinary().toString()));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            String printed = Files.readString(out);
            assertThat(p.exitValue()).as(printed).isZero();
            return printed;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static int promtoolExit(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(promtoolBinary().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /**
     * Dotted names of the values a user sets: objects are walked into, unless the object itself is documented
     * (free-form maps such as resources or podSecurityContext are documented as one value).
     */
    private static void leaves(String prefix, JsonObject node, Set<String> out, Set<String> documented) {
        node.entrySet().forEach(e -> {
            String name = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue().isJsonObject() && !documented.contains(name) && !e.getValue().getAsJsonObject()
                    .isEmpty()) {
                leaves(name, e.getValue().getAsJsonObject(), out, documented);
            } else {
                out.add(name);
            }
        });
    }

    private static JsonObject container(JsonObject deployment) {
        return at(deployment, "spec.template.spec.containers").getAsJsonArray().get(0).getAsJsonObject();
    }

    private static Map<String, String> mounts(JsonObject container) {
        Map<String, String> out = new LinkedHashMap<>();
        container.get("volumeMounts").getAsJsonArray().forEach(m -> out.put(
                m.getAsJsonObject().get("mountPath").getAsString(), m.getAsJsonObject().get("name").getAsString()));
        return out;
    }

    /** Volume name to its source kind (emptyDir, secret, ...). */
    private static Map<String, String> volumes(JsonObject pod) {
        Map<String, String> out = new LinkedHashMap<>();
        pod.get("volumes").getAsJsonArray().forEach(v -> {
            JsonObject o = v.getAsJsonObject();
            String source = o.keySet().stream().filter(k -> !k.equals("name")).findFirst().orElse("?");
            out.put(o.get("name").getAsString(), source);
        });
        return out;
    }

    private static Map<String, String> env(JsonObject container) {
        Map<String, String> out = new LinkedHashMap<>();
        container.get("env").getAsJsonArray().forEach(e -> {
            JsonObject o = e.getAsJsonObject();
            if (o.has("value")) {
                out.put(o.get("name").getAsString(), o.get("value").getAsString());
            }
        });
        return out;
    }

    /** Variable name to "secret/key" for the variables that come from Secrets. */
    private static Map<String, String> secretRefs(JsonObject container) {
        Map<String, String> out = new LinkedHashMap<>();
        container.get("env").getAsJsonArray().forEach(e -> {
            JsonObject o = e.getAsJsonObject();
            JsonElement ref = at(o, "valueFrom.secretKeyRef");
            if (ref != null) {
                out.put(o.get("name").getAsString(), ref.getAsJsonObject().get("name").getAsString() + "/"
                        + ref.getAsJsonObject().get("key").getAsString());
            }
        });
        return out;
    }

    private static Map<String, String> checksums(Manifests rendered) {
        Map<String, String> out = new LinkedHashMap<>();
        at(rendered.one("Deployment"), "spec.template.metadata.annotations").getAsJsonObject().entrySet().stream()
                .filter(e -> e.getKey().startsWith("checksum/"))
                .forEach(e -> out.put(e.getKey(), e.getValue().getAsString()));
        assertThat(out).containsOnlyKeys("checksum/config", "checksum/secret");
        return out;
    }
}
