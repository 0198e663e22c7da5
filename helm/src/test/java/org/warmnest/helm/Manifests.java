package org.warmnest.helm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

/** Rendered manifests: the multi-document YAML of {@code helm template} as maps, with typed paths into them. */
final class Manifests {

    private final List<Map<String, Object>> documents;

    private Manifests(List<Map<String, Object>> documents) {
        this.documents = documents;
    }

    @SuppressWarnings("unchecked")
    static Manifests parse(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(yaml)) {
            if (document instanceof Map) {
                documents.add((Map<String, Object>) document);
            }
        }
        return new Manifests(documents);
    }

    List<Map<String, Object>> all() {
        return documents;
    }

    List<Map<String, Object>> ofKind(String kind) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (Map<String, Object> document : documents) {
            if (kind.equals(document.get("kind"))) {
                found.add(document);
            }
        }
        return found;
    }

    static String name(Map<String, Object> object) {
        return string(object, "metadata", "name");
    }

    /** The value at the path of map keys, or null when any step is missing. */
    @SuppressWarnings("unchecked")
    static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map)) {
                return null;
            }
            current = ((Map<String, Object>) current).get(key);
        }
        return current;
    }

    static String string(Object node, String... path) {
        Object value = at(node, path);
        return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String... path) {
        Object value = at(node, path);
        return value instanceof Map ? (Map<String, Object>) value : Collections.emptyMap();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object node, String... path) {
        Object value = at(node, path);
        return value instanceof List ? (List<Map<String, Object>>) value : Collections.emptyList();
    }
}
