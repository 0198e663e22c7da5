package org.warmnest.care.assessment;

import java.util.LinkedHashMap;
import java.util.List;

import org.warmnest.care.assessment.AbilityScoring.Condition;
import org.warmnest.care.assessment.Assessment.Assessor;
import org.warmnest.care.assessment.Assessment.Findings;

import jakarta.persistence.AttributeConverter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The jsonb columns of an assessment, written and read as the records they hold, and the JSON of the findings and
 * the conditions that is encrypted.
 */
final class JsonColumns {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonColumns() {
    }

    /** The findings as the JSON that is encrypted; not a column converter, since the column holds the cipher. */
    static String findings(Findings findings) {
        return JSON.writeValueAsString(findings);
    }

    static Findings findings(String json) {
        return JSON.readValue(json, Findings.class);
    }

    /** The conditions as the JSON that is encrypted; as for the findings, the column holds the cipher. */
    static String conditions(List<Condition> conditions) {
        return JSON.writeValueAsString(conditions);
    }

    static List<Condition> conditions(String json) {
        return JSON.readValue(json, new TypeReference<List<Condition>>() {
        });
    }

    abstract static class Column<T> implements AttributeConverter<T, String> {

        private final TypeReference<T> type;

        Column(TypeReference<T> type) {
            this.type = type;
        }

        @Override
        public String convertToDatabaseColumn(T value) {
            return value == null ? null : JSON.writeValueAsString(value);
        }

        @Override
        public T convertToEntityAttribute(String json) {
            return json == null ? null : JSON.readValue(json, type);
        }
    }

    static final class ItemScores extends Column<java.util.Map<String, Integer>> {
        ItemScores() {
            super(new TypeReference<java.util.Map<String, Integer>>() {
            });
        }

        @Override
        public java.util.Map<String, Integer> convertToEntityAttribute(String json) {
            if (json == null) {
                return null;
            }
            java.util.Map<String, Integer> read = super.convertToEntityAttribute(json);
            // jsonb does not keep key order: put the items back in the standard's order.
            LinkedHashMap<String, Integer> ordered = new LinkedHashMap<>();
            for (AbilityItem item : AbilityItem.values()) {
                if (read.containsKey(item.name())) {
                    ordered.put(item.name(), read.get(item.name()));
                }
            }
            return ordered;
        }
    }

    static final class Assessors extends Column<List<Assessor>> {
        Assessors() {
            super(new TypeReference<List<Assessor>>() {
            });
        }
    }
}
