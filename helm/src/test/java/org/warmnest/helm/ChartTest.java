package org.warmnest.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.warmnest.helm.Manifests.list;
import static org.warmnest.helm.Manifests.map;
import static org.warmnest.helm.Manifests.name;
import static org.warmnest.helm.Manifests.string;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/**
 * The chart as Kubernetes would receive it, linted strictly and rendered by Helm itself (embedded: only a JDK is
 * needed), with the default values and with the production example, then held to {@link ChartRules}: limits and
 * requests, pinned images and the non-root read-only security context on every container (Deployments' containers,
 * init containers and the migrate hook Jobs' containers); startup, readiness and liveness probes on every Deployment
 * container — Job containers have none, as a Job runs to completion and is bounded by its deadline; an autoscaler,
 * a disruption budget and a network policy per Deployment, only the gateway reachable from the ingress controller.
 *
 * <p>The embedded Helm leaves hooks out of what it renders (the migrate Jobs and the Secrets made from values are
 * hooks), so the manifests are rendered from a copy of the chart whose hook annotations carry a prefix Helm does not
 * know, and the prefix is taken off again after parsing: the Jobs are checked as written, annotations included.
 */
class ChartTest {

    static final Path CHART = Path.of("warmnest");
    static final Path PRODUCTION = Path.of("examples", "production-values.yaml");
    static final String RELEASE = "warmnest";
    static final ChartRules RULES = new ChartRules("ingress-nginx");
    static final List<String> COMPONENTS = List.of("gateway", "tenant-service", "care-service", "billing-service");
    static final List<String> SERVICES = List.of("tenant-service", "care-service", "billing-service");

    static final String UNHOOKED = "unhooked.";

    @TempDir
    static Path renderable;

    @TempDir
    Path work;

    @BeforeAll
    static void copyTheChartWithItsHooksShown() throws IOException {
        copy(CHART, renderable.resolve("warmnest"));
        try (Stream<Path> templates = Files.list(renderable.resolve("warmnest").resolve("templates"))) {
            for (Path template : templates.toList()) {
                Files.writeString(template, Files.readString(template).replace("helm.sh/hook", UNHOOKED + "helm.sh/hook"));
            }
        }
    }

    @Test
    void lintsStrictlyWithTheDefaultValues() {
        assertLintsClean(CHART);
    }

    @Test
    void lintsStrictlyWithTheProductionExample() throws IOException {
        // The embedded lint takes no values file: lint a copy whose values are the defaults with the example over them.
        assertLintsClean(chartWithValues(PRODUCTION));
    }

    @Test
    void theDefaultRenderingHoldsEveryRule() {
        Manifests manifests = render(template());

        assertThat(RULES.problems(manifests)).isEmpty();
        assertThat(manifests.ofKind("Deployment")).extracting(Manifests::name)
                .containsExactlyInAnyOrderElementsOf(COMPONENTS.stream().map(c -> RELEASE + "-" + c).toList());
        assertThat(manifests.ofKind("Job")).extracting(Manifests::name)
                .containsExactlyInAnyOrderElementsOf(SERVICES.stream().map(s -> RELEASE + "-" + s + "-migrate").toList());
        for (Map<String, Object> job : manifests.ofKind("Job")) {
            assertThat(env(job, "WARMNEST_MIGRATIONS_MIGRATE_ONLY")).as(name(job)).isEqualTo("true");
        }
        assertThat(ChartRules.secretsWithValues(manifests)).isEmpty();
        assertTwoDatabaseLogins(manifests);
        // every service checks revocations, tenant status and engagements itself, in Redis
        for (String service : SERVICES) {
            assertThat(env(deployment(manifests, service), "WARMNEST_REDIS_HOST")).as(service)
                    .isEqualTo("redis.warmnest.example");
        }
    }

    @Test
    void theProductionExampleHoldsEveryRuleAndNoSecretCarriesAValue() {
        Manifests manifests = render(template().withValuesFile(PRODUCTION));

        assertThat(RULES.problems(manifests)).isEmpty();
        assertThat(ChartRules.secretsWithValues(manifests)).isEmpty();
        assertThat(manifests.ofKind("Secret")).isEmpty();
        Map<String, Object> ingress = manifests.ofKind("Ingress").get(0);
        assertThat(list(ingress, "spec", "tls")).isNotEmpty();
        for (Map<String, Object> autoscaler : manifests.ofKind("HorizontalPodAutoscaler")) {
            assertThat((Integer) map(autoscaler, "spec").get("minReplicas")).as(name(autoscaler)).isGreaterThan(1);
        }
        Map<String, Object> care = deployment(manifests, "care-service");
        for (String key : List.of("WARMNEST_PII_KEYS", "WARMNEST_PII_ACTIVE_KEY", "WARMNEST_PII_INDEX_KEY",
                "WARMNEST_DB_PASSWORD", "WARMNEST_CLIENT_SECRET", "WARMNEST_EVIDENCE_S3_SECRET_KEY")) {
            assertThat(envSecret(care, key)).as(key).isNotNull();
        }
        // the console's sign-in: the gateway's client secret from its Secret, cookies only over HTTPS
        Map<String, Object> gateway = deployment(manifests, "gateway");
        assertThat(envSecret(gateway, "WARMNEST_GATEWAY_SECRET")).isEqualTo("warmnest-gateway-client");
        assertThat(env(gateway, "WARMNEST_SECURE_COOKIES")).isEqualTo("true");
        assertThat(env(gateway, "WARMNEST_PUBLIC_URL")).startsWith("https://");
        assertTwoDatabaseLogins(manifests);
    }

    /**
     * Every service's pods and its migrate job get both database logins, each from a Secret of its own: the
     * application login for the pool, the migration login for migrations (the job's, and a tenant's at
     * provisioning). No role is taken by SET ROLE any more.
     */
    private static void assertTwoDatabaseLogins(Manifests manifests) {
        List<Map<String, Object>> workloads = new java.util.ArrayList<>(manifests.ofKind("Job"));
        SERVICES.forEach(s -> workloads.add(deployment(manifests, s)));
        for (Map<String, Object> workload : workloads) {
            String app = envSecret(workload, "WARMNEST_DB_USER");
            String migration = envSecret(workload, "WARMNEST_DB_MIGRATION_USER");
            assertThat(app).as(name(workload)).isNotNull().isEqualTo(envSecret(workload, "WARMNEST_DB_PASSWORD"));
            assertThat(migration).as(name(workload)).isNotNull().isNotEqualTo(app)
                    .isEqualTo(envSecret(workload, "WARMNEST_DB_MIGRATION_PASSWORD"));
            assertThat(envEntry(workload, "WARMNEST_DB_APP_ROLE")).as(name(workload)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}={1} is refused: {2}")
    @CsvSource({
            "image.tag, latest, tag",
            "image.tag, LATEST, tag",
            "image.tag, '', tag",
            "gateway.image.tag, latest, tag",
            "careService.database.existingSecret, '', database",
            "billingService.database.migration.existingSecret, '', migration",
            "billingService.client.existingSecret, '', client",
            "careService.pii.existingSecret, '', pii",
            "tenantService.resources.limits, null, limits" })
    void theSchemaRefuses(String key, String value, String where) {
        TemplateCommand refused = template().set(key, value);

        assertThatThrownBy(refused::call).hasMessageContaining(where);
    }

    @Test
    void theRulesCatchAMissingLimitAnUnpinnedImageAMissingProbeAndAnOpenService() {
        Manifests manifests = render(template());
        Map<String, Object> careContainer = list(deployment(manifests, "care-service"),
                "spec", "template", "spec", "containers").get(0);
        map(careContainer, "resources", "limits").remove("memory");
        careContainer.remove("readinessProbe");
        Map<String, Object> jobContainer = list(manifests.ofKind("Job").get(0),
                "spec", "template", "spec", "containers").get(0);
        jobContainer.put("image", "warmnest/tenant-service:latest");
        map(jobContainer, "securityContext").put("readOnlyRootFilesystem", false);
        Map<String, Object> billingPolicy = networkPolicy(manifests, "billing-service");
        list(billingPolicy, "spec", "ingress").get(0).put("from", List.of(Map.of("namespaceSelector",
                Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "ingress-nginx")))));
        manifests.all().removeIf(d -> "HorizontalPodAutoscaler".equals(d.get("kind"))
                && name(d).endsWith("gateway"));

        assertThat(RULES.problems(manifests)).anyMatch(p -> p.contains("care-service") && p.contains("no memory limits"))
                .anyMatch(p -> p.contains("care-service") && p.contains("readinessProbe"))
                .anyMatch(p -> p.contains("not pinned"))
                .anyMatch(p -> p.contains("root filesystem is writable"))
                .anyMatch(p -> p.contains("billing-service") && p.contains("reachable from the ingress controller"))
                .anyMatch(p -> p.contains("gateway") && p.contains("no HorizontalPodAutoscaler"));
    }

    @Test
    void credentialsGivenAsValuesBecomeSecretsMadeBeforeTheMigrateJobs() {
        Manifests manifests = render(template()
                .set("tenantService.database.existingSecret", "")
                .set("tenantService.database.username", "warmnest_tenant_app")
                .set("tenantService.database.password", "trial-only")
                .set("tenantService.database.migration.existingSecret", "")
                .set("tenantService.database.migration.username", "warmnest_tenant_owner")
                .set("tenantService.database.migration.password", "trial-only-too"));

        assertThat(ChartRules.secretsWithValues(manifests)).containsExactlyInAnyOrder(
                RELEASE + "-tenant-service-db", RELEASE + "-tenant-service-db-migration");
        Map<String, Object> secret = manifests.ofKind("Secret").get(0);
        assertThat(string(secret, "metadata", "annotations", "helm.sh/hook")).isEqualTo("pre-install,pre-upgrade");
        assertThat(Integer.parseInt(string(secret, "metadata", "annotations", "helm.sh/hook-weight")))
                .isLessThan(Integer.parseInt(string(manifests.ofKind("Job").get(0),
                        "metadata", "annotations", "helm.sh/hook-weight")));
        assertThat(envSecret(deployment(manifests, "tenant-service"), "WARMNEST_DB_PASSWORD"))
                .isEqualTo(RELEASE + "-tenant-service-db");
        assertThat(envSecret(deployment(manifests, "tenant-service"), "WARMNEST_DB_MIGRATION_PASSWORD"))
                .isEqualTo(RELEASE + "-tenant-service-db-migration");
    }

    @Test
    void aPinnedImageIsADigestOrAFixedTag() {
        assertThat(ChartRules.pinned("warmnest/gateway:0.1.0-3f9c2ab")).isTrue();
        assertThat(ChartRules.pinned("host:5000/warmnest/gateway@sha256:" + "a".repeat(64))).isTrue();
        assertThat(ChartRules.pinned("host:5000/warmnest/gateway")).isFalse();
        assertThat(ChartRules.pinned("warmnest/gateway:latest")).isFalse();
        assertThat(ChartRules.pinned("warmnest/gateway:")).isFalse();
        assertThat(ChartRules.pinned("")).isFalse();
    }

    private static void assertLintsClean(Path chart) {
        LintResult lint = new Helm(chart).lint().strict().call();

        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    private static TemplateCommand template() {
        return new Helm(renderable.resolve("warmnest")).template().withName(RELEASE);
    }

    private static Manifests render(TemplateCommand template) {
        return Manifests.parse(template.call().replace(UNHOOKED + "helm.sh/hook", "helm.sh/hook"));
    }

    private static Map<String, Object> deployment(Manifests manifests, String component) {
        return manifests.ofKind("Deployment").stream().filter(d -> name(d).equals(RELEASE + "-" + component))
                .findFirst().orElseThrow();
    }

    private static Map<String, Object> networkPolicy(Manifests manifests, String component) {
        return manifests.ofKind("NetworkPolicy").stream().filter(d -> name(d).equals(RELEASE + "-" + component))
                .findFirst().orElseThrow();
    }

    private static Map<String, Object> envEntry(Map<String, Object> workload, String variable) {
        for (Map<String, Object> entry : list(list(workload, "spec", "template", "spec", "containers").get(0), "env")) {
            if (variable.equals(entry.get("name"))) {
                return entry;
            }
        }
        return Map.of();
    }

    private static String env(Map<String, Object> workload, String variable) {
        return string(envEntry(workload, variable), "value");
    }

    /** The Secret a variable comes from, or null when it is not from a Secret. */
    private static String envSecret(Map<String, Object> workload, String variable) {
        return string(envEntry(workload, variable), "valueFrom", "secretKeyRef", "name");
    }

    /** A copy of the chart whose values.yaml is the defaults with the given file merged over them, as Helm merges. */
    private Path chartWithValues(Path valuesFile) throws IOException {
        Path copy = work.resolve("warmnest");
        copy(CHART, copy);
        Yaml yaml = new Yaml();
        Map<String, Object> values = yaml.load(Files.readString(CHART.resolve("values.yaml")));
        Map<String, Object> over = yaml.load(Files.readString(valuesFile));
        Files.writeString(copy.resolve("values.yaml"), yaml.dump(merge(values, over)));
        return copy;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        for (Map.Entry<String, Object> entry : over.entrySet()) {
            Object current = merged.get(entry.getKey());
            if (current instanceof Map && entry.getValue() instanceof Map) {
                merged.put(entry.getKey(), merge((Map<String, Object>) current, (Map<String, Object>) entry.getValue()));
            } else {
                merged.put(entry.getKey(), entry.getValue());
            }
        }
        return merged;
    }
}
