package org.warmnest.billing.allocation;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** Request bodies for allocation tests, valid unless a test says otherwise. */
final class AllocationJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private AllocationJson() {
    }

    /** Phase one of 温暖玉溪·呵护夕阳: 1.2 million yuan of municipal welfare-lottery fund. */
    static AllocationJson anAllocation() {
        AllocationJson a = new AllocationJson();
        a.fields.put("source", "MUNICIPAL_LOTTERY");
        a.fields.put("fiscalYear", 2025);
        a.fields.put("documentNumber", "玉民发〔2025〕12号");
        a.fields.put("purpose", "温暖玉溪·呵护夕阳 困难老人关爱服务");
        a.fields.put("amount", "1200000.00");
        return a;
    }

    static AllocationJson anAmendment() {
        AllocationJson a = new AllocationJson();
        a.fields.put("newAmount", "1500000.00");
        a.fields.put("reason", "第二期追加");
        a.fields.put("documentNumber", "玉民发〔2025〕31号");
        return a;
    }

    /** A string is sent as a JSON string, a number as a JSON number. */
    AllocationJson with(String field, Object value) {
        fields.put(field, value);
        return this;
    }

    AllocationJson without(String field) {
        fields.remove(field);
        return this;
    }

    String json() {
        return JSON.writeValueAsString(fields);
    }
}
