package org.warmnest.helm;

import static org.warmnest.helm.Manifests.at;
import static org.warmnest.helm.Manifests.list;
import static org.warmnest.helm.Manifests.map;
import static org.warmnest.helm.Manifests.name;
import static org.warmnest.helm.Manifests.string;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every rendering of the chart must hold, as a list of problems (empty: all well).
 *
 * <p>Every container of a Deployment or a Job, init containers included: requests and limits for CPU and memory,
 * a pinned image (a digest, or a tag that is neither empty nor {@code latest}), the non-root read-only security
 * context, /tmp on an emptyDir. Every Deployment container also: startup, readiness and liveness probes on the
 * actuator. Job containers need no probes: a Job runs to completion and {@code activeDeadlineSeconds} bounds it.
 * Per Deployment: a HorizontalPodAutoscaler, a PodDisruptionBudget and a NetworkPolicy; only the gateway is
 * reachable from the ingress controller's namespace, the services only from this release's pods (and, if named,
 * the metrics scraper's namespace). Every Job is a pre-install and pre-upgrade hook with a delete policy.
 */
final class ChartRules {

    static final String GATEWAY = "gateway";

    private final String ingressControllerNamespace;

    ChartRules(String ingressControllerNamespace) {
        this.ingressControllerNamespace = ingressControllerNamespace;
    }

    List<String> problems(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> deployment : manifests.ofKind("Deployment")) {
            checkPod(deployment, true, problems);
            checkScaling(deployment, manifests, problems);
            checkNetworkPolicy(deployment, manifests, problems);
        }
        for (Map<String, Object> job : manifests.ofKind("Job")) {
            checkPod(job, false, problems);
            checkHook(job, problems);
        }
        for (Map<String, Object> ingress : manifests.ofKind("Ingress")) {
            for (Map<String, Object> rule : list(ingress, "spec", "rules")) {
                for (Map<String, Object> path : list(rule, "http", "paths")) {
                    String backend = string(path, "backend", "service", "name");
                    if (backend == null || !backend.endsWith("-" + GATEWAY)) {
                        problems.add("Ingress " + name(ingress) + " routes " + path.get("path") + " to " + backend
                                + ", not to the gateway");
                    }
                }
            }
        }
        return problems;
    }

    /** The Secrets that carry a value: none may, where every credential is an existing Secret. */
    static List<String> secretsWithValues(Manifests manifests) {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> secret : manifests.ofKind("Secret")) {
            if (!map(secret, "data").isEmpty() || !map(secret, "stringData").isEmpty()) {
                names.add(name(secret));
            }
        }
        return names;
    }

    private void checkPod(Map<String, Object> workload, boolean serving, List<String> problems) {
        String where = workload.get("kind") + " " + name(workload);
        Map<String, Object> pod = map(workload, "spec", "template", "spec");
        if (!Boolean.FALSE.equals(pod.get("automountServiceAccountToken"))) {
            problems.add(where + ": the service account token is mounted");
        }
        Set<String> emptyDirs = new HashSet<>();
        for (Map<String, Object> volume : list(pod, "volumes")) {
            if (volume.containsKey("emptyDir")) {
                emptyDirs.add(string(volume, "name"));
            }
        }
        List<Map<String, Object>> containers = list(pod, "containers");
        if (containers.isEmpty()) {
            problems.add(where + ": no containers");
        }
        for (Map<String, Object> container : containers) {
            checkContainer(where, container, pod, emptyDirs, problems);
            if (serving) {
                checkProbes(where + " container " + container.get("name"), container, problems);
            }
        }
        for (Map<String, Object> init : list(pod, "initContainers")) {
            checkContainer(where + " (init)", init, pod, emptyDirs, problems);
        }
        if (serving) {
            Object grace = pod.get("terminationGracePeriodSeconds");
            if (!(grace instanceof Integer) || (Integer) grace <= 30) {
                problems.add(where + ": terminationGracePeriodSeconds " + grace
                        + " is not above the 30 s graceful shutdown");
            }
        }
    }

    private static void checkContainer(String where, Map<String, Object> container, Map<String, Object> pod,
            Set<String> emptyDirs, List<String> problems) {
        String at = where + " container " + container.get("name");
        for (String kind : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                if (at(container, "resources", kind, resource) == null) {
                    problems.add(at + ": no " + resource + " " + kind);
                }
            }
        }
        String image = string(container, "image");
        if (!pinned(image)) {
            problems.add(at + ": image " + image + " is not pinned (a digest, or a tag other than latest)");
        }
        Map<String, Object> context = map(container, "securityContext");
        Map<String, Object> podContext = map(pod, "securityContext");
        if (!Boolean.TRUE.equals(context.get("runAsNonRoot")) && !Boolean.TRUE.equals(podContext.get("runAsNonRoot"))) {
            problems.add(at + ": may run as root");
        }
        if (!Boolean.TRUE.equals(context.get("readOnlyRootFilesystem"))) {
            problems.add(at + ": the root filesystem is writable");
        }
        if (!Boolean.FALSE.equals(context.get("allowPrivilegeEscalation"))) {
            problems.add(at + ": privilege escalation is allowed");
        }
        Object drop = at(context, "capabilities", "drop");
        if (!(drop instanceof List) || !((List<?>) drop).contains("ALL")) {
            problems.add(at + ": capabilities are not all dropped");
        }
        String seccomp = string(context, "seccompProfile", "type");
        if (seccomp == null) {
            seccomp = string(podContext, "seccompProfile", "type");
        }
        if (!"RuntimeDefault".equals(seccomp)) {
            problems.add(at + ": seccomp profile " + seccomp + ", not RuntimeDefault");
        }
        boolean tmp = false;
        for (Map<String, Object> mount : list(container, "volumeMounts")) {
            if ("/tmp".equals(mount.get("mountPath")) && emptyDirs.contains(string(mount, "name"))) {
                tmp = true;
            }
        }
        if (!tmp) {
            problems.add(at + ": no emptyDir on /tmp for a read-only root filesystem");
        }
    }

    /** A digest, or a tag after the last path segment that is neither empty nor latest. */
    static boolean pinned(String image) {
        if (image == null || image.isBlank()) {
            return false;
        }
        if (image.matches(".+@sha256:[0-9a-f]{64}")) {
            return true;
        }
        String last = image.substring(image.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String tag = last.substring(colon + 1);
        return !tag.isEmpty() && !tag.equalsIgnoreCase("latest");
    }

    private static void checkProbes(String at, Map<String, Object> container, List<String> problems) {
        Map<String, String> expected = Map.of("startupProbe", "/actuator/health/liveness",
                "readinessProbe", "/actuator/health/readiness", "livenessProbe", "/actuator/health/liveness");
        for (Map.Entry<String, String> probe : expected.entrySet()) {
            String path = string(container, probe.getKey(), "httpGet", "path");
            if (!probe.getValue().equals(path)) {
                problems.add(at + ": " + probe.getKey() + " on " + path + ", not " + probe.getValue());
            }
        }
    }

    private static void checkScaling(Map<String, Object> deployment, Manifests manifests, List<String> problems) {
        String name = name(deployment);
        boolean hpa = false;
        for (Map<String, Object> autoscaler : manifests.ofKind("HorizontalPodAutoscaler")) {
            if ("autoscaling/v2".equals(autoscaler.get("apiVersion"))
                    && "Deployment".equals(string(autoscaler, "spec", "scaleTargetRef", "kind"))
                    && name.equals(string(autoscaler, "spec", "scaleTargetRef", "name"))) {
                hpa = true;
            }
        }
        if (!hpa) {
            problems.add("Deployment " + name + ": no HorizontalPodAutoscaler (autoscaling/v2)");
        }
        Map<String, Object> podLabels = map(deployment, "spec", "template", "metadata", "labels");
        boolean pdb = false;
        for (Map<String, Object> budget : manifests.ofKind("PodDisruptionBudget")) {
            Map<String, Object> selector = map(budget, "spec", "selector", "matchLabels");
            if (!selector.isEmpty() && podLabels.entrySet().containsAll(selector.entrySet())) {
                pdb = true;
            }
        }
        if (!pdb) {
            problems.add("Deployment " + name + ": no PodDisruptionBudget");
        }
    }

    private void checkNetworkPolicy(Map<String, Object> deployment, Manifests manifests, List<String> problems) {
        String name = name(deployment);
        Map<String, Object> podLabels = map(deployment, "spec", "template", "metadata", "labels");
        boolean gateway = GATEWAY.equals(podLabels.get("app.kubernetes.io/component"));
        boolean selected = false;
        boolean fromIngressController = false;
        for (Map<String, Object> policy : manifests.ofKind("NetworkPolicy")) {
            Map<String, Object> selector = map(policy, "spec", "podSelector", "matchLabels");
            if (selector.isEmpty() || !podLabels.entrySet().containsAll(selector.entrySet())) {
                continue;
            }
            Object types = at(policy, "spec", "policyTypes");
            if (!(types instanceof List) || !((List<?>) types).contains("Ingress")
                    || !((List<?>) types).contains("Egress")) {
                problems.add("NetworkPolicy " + name(policy) + " does not govern both ingress and egress");
            }
            selected = true;
            for (Map<String, Object> rule : list(policy, "spec", "ingress")) {
                List<Map<String, Object>> from = list(rule, "from");
                if (from.isEmpty()) {
                    problems.add("NetworkPolicy " + name(policy) + " admits any source");
                }
                for (Map<String, Object> peer : from) {
                    if (peer.containsKey("ipBlock")) {
                        problems.add("NetworkPolicy " + name(policy) + " admits an address block");
                    }
                    if (peer.containsKey("namespaceSelector")) {
                        Map<String, Object> labels = map(peer, "namespaceSelector", "matchLabels");
                        if (labels.isEmpty()) {
                            problems.add("NetworkPolicy " + name(policy) + " admits every namespace");
                        } else if (ingressControllerNamespace.equals(labels.get("kubernetes.io/metadata.name"))) {
                            fromIngressController = true;
                        }
                    }
                }
            }
        }
        if (!selected) {
            problems.add("Deployment " + name + ": no NetworkPolicy selects its pods");
        }
        if (gateway && !fromIngressController) {
            problems.add("Deployment " + name + ": the ingress controller cannot reach the gateway");
        }
        if (!gateway && fromIngressController) {
            problems.add("Deployment " + name + ": reachable from the ingress controller's namespace");
        }
    }

    private static void checkHook(Map<String, Object> job, List<String> problems) {
        String hooks = string(job, "metadata", "annotations", "helm.sh/hook");
        if (hooks == null || !List.of(hooks.split(",")).containsAll(List.of("pre-install", "pre-upgrade"))) {
            problems.add("Job " + name(job) + ": not a pre-install,pre-upgrade hook (" + hooks + ")");
        }
        if (string(job, "metadata", "annotations", "helm.sh/hook-delete-policy") == null) {
            problems.add("Job " + name(job) + ": no hook-delete-policy");
        }
    }
}
