package org.warmnest.care.elder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.sheet.XlsxExport;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantContext;
import org.warmnest.platform.web.PageView;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.persistence.EntityManager;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * What a bureau supervises over the files: the audit trail of full reads of sensitive data, and, for a city,
 * the people registered in two of its districts (reported, never merged: which district keeps the file is the
 * bureaus' decision).
 */
@RestController
@RequestMapping("/api/care/v1/tenants/{tenant}")
@Tag(name = "elders")
class ElderOversight {

    private final EntityManager em;
    private final CityElderTables cityTables;

    ElderOversight(EntityManager em, CityElderTables cityTables) {
        this.em = em;
        this.cityTables = cityTables;
    }

    record SensitiveRead(UUID id, UUID elderId, String subject, String username, List<String> roles,
            UUID contractorId, List<String> fields, String reason, Instant accessedAt, String traceId) {
    }

    @GetMapping("/sensitive-data-reads")
    @PreAuthorize(ElderRoles.OVERSEERS)
    @Transactional(readOnly = true)
    @Operation(summary = "The audit trail of full reads of elders' sensitive data, newest first")
    PageView<SensitiveRead> sensitiveReads(@PathVariable String tenant,
            @RequestParam(required = false) UUID elderId, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to, @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return reads(elderId, from, to, page, size);
    }

    @GetMapping("/sensitive-data-reads/export")
    @PreAuthorize(ElderRoles.OVERSEERS)
    @Transactional(readOnly = true)
    @Operation(summary = "The audit trail of full reads as XLSX (at most 50,000 rows), newest first")
    ResponseEntity<StreamingResponseBody> exportSensitiveReads(@PathVariable String tenant,
            @RequestParam(required = false) UUID elderId, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to) {
        return XlsxExport.response("敏感信息查阅记录", "查阅记录", List.of(
                XlsxExport.Column.<SensitiveRead>of("查阅时间", SensitiveRead::accessedAt),
                XlsxExport.Column.<SensitiveRead>of("账号", SensitiveRead::username),
                XlsxExport.Column.<SensitiveRead>of("用户标识", SensitiveRead::subject),
                XlsxExport.Column.<SensitiveRead>of("角色", r -> String.join("、", r.roles())),
                XlsxExport.Column.<SensitiveRead>of("所属机构", SensitiveRead::contractorId),
                XlsxExport.Column.<SensitiveRead>of("老人档案", SensitiveRead::elderId),
                XlsxExport.Column.<SensitiveRead>of("查阅内容", r -> String.join("、", r.fields())),
                XlsxExport.Column.<SensitiveRead>of("事由", SensitiveRead::reason),
                XlsxExport.Column.<SensitiveRead>of("追踪号", SensitiveRead::traceId)),
                reads(elderId, from, to, 0, 50_000).items());
    }

    private PageView<SensitiveRead> reads(UUID elderId, Instant from, Instant to, int page, int size) {
        String where = " where (cast(:elder as uuid) is null or elder_id = :elder)"
                + " and (cast(:from as timestamptz) is null or accessed_at >= :from)"
                + " and (cast(:to as timestamptz) is null or accessed_at < :to)";
        var count = em.createNativeQuery("select count(*) from pii_access" + where);
        var select = em.createNativeQuery("select id, elder_id, subject, username, roles, contractor_id, fields, "
                + "reason, accessed_at, trace_id from pii_access" + where + " order by accessed_at desc, id");
        for (var q : List.of(count, select)) {
            q.setParameter("elder", elderId).setParameter("from", from).setParameter("to", to);
        }
        long total = ((Number) count.getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.setFirstResult(page * size).setMaxResults(size).getResultList();
        return new PageView<>(rows.stream().map(r -> new SensitiveRead((UUID) r[0], (UUID) r[1], (String) r[2],
                (String) r[3], texts(r[4]), (UUID) r[5], texts(r[6]), (String) r[7], ElderRegistry.toInstant(r[8]), (String) r[9]))
                .toList(), page, size, total);
    }

    record DuplicateEntry(String district, UUID elderId, String name, Elder.Status status, UUID contractorId,
            Instant registeredAt) {
    }

    record Duplicate(String idNumber, List<DuplicateEntry> registrations) {
    }

    @GetMapping("/elder-duplicates")
    @PreAuthorize(ElderRoles.OVERSEERS)
    @Transactional(readOnly = true)
    @Operation(summary = "A city's view: ID numbers registered in more than one of its districts")
    List<Duplicate> duplicates(@PathVariable String tenant) {
        return duplicates();
    }

    record DuplicateLine(String idNumber, DuplicateEntry entry) {
    }

    @GetMapping("/elder-duplicates/export")
    @PreAuthorize(ElderRoles.OVERSEERS)
    @Transactional(readOnly = true)
    @Operation(summary = "A city's duplicate report as XLSX, one line per registration")
    ResponseEntity<StreamingResponseBody> exportDuplicates(@PathVariable String tenant) {
        List<DuplicateLine> lines = duplicates().stream()
                .flatMap(d -> d.registrations().stream().map(r -> new DuplicateLine(d.idNumber(), r))).toList();
        return XlsxExport.response("跨区县重复登记", "重复登记", List.of(
                XlsxExport.Column.<DuplicateLine>of("身份证号", DuplicateLine::idNumber),
                XlsxExport.Column.<DuplicateLine>of("区县", l -> l.entry().district()),
                XlsxExport.Column.<DuplicateLine>of("姓名", l -> l.entry().name()),
                XlsxExport.Column.<DuplicateLine>of("状态", l -> ElderSheetController.statusLabel(l.entry().status())),
                XlsxExport.Column.<DuplicateLine>of("登记时间", l -> l.entry().registeredAt()),
                XlsxExport.Column.<DuplicateLine>of("老人档案", l -> l.entry().elderId()),
                XlsxExport.Column.<DuplicateLine>of("服务机构", l -> l.entry().contractorId())), lines);
    }

    private List<Duplicate> duplicates() {
        TenantCode city = TenantContext.require();
        if (!city.isCity()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "city-required", city.value());
        }
        List<TenantCode> districts = cityTables.districts(city, null);
        if (districts.size() < 2) {
            return List.of();
        }
        String all = CityElderTables.unionOf(districts,
                "id, name, status, contractor_id, created_at, id_number_hash, id_number_masked");
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("with everyone as (" + all + ") select district, id, name, status, "
                + "contractor_id, created_at, id_number_hash, id_number_masked from everyone where id_number_hash in "
                + "(select id_number_hash from everyone group by id_number_hash having count(distinct district) > 1) "
                + "order by id_number_hash, district").getResultList();
        Map<String, Duplicate> groups = new LinkedHashMap<>();
        for (Object[] r : rows) {
            String key = Arrays.toString((byte[]) r[6]);
            groups.computeIfAbsent(key, k -> new Duplicate((String) r[7], new ArrayList<>())).registrations()
                    .add(new DuplicateEntry((String) r[0], (UUID) r[1], (String) r[2],
                            Elder.Status.valueOf((String) r[3]), (UUID) r[4], ElderRegistry.toInstant(r[5])));
        }
        return List.copyOf(groups.values());
    }

    private static List<String> texts(Object o) {
        if (o instanceof String[] a) {
            return List.of(a);
        }
        if (o instanceof Object[] a) {
            return Arrays.stream(a).map(String::valueOf).toList();
        }
        return List.of();
    }
}
