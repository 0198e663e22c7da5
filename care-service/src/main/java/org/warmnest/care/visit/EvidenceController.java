package org.warmnest.care.visit;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.warmnest.care.elder.ElderRoles;
import org.warmnest.care.evidence.EvidenceKeys;
import org.warmnest.care.evidence.EvidencePolicy;
import org.warmnest.care.evidence.EvidenceStore;
import org.warmnest.care.evidence.StoredObject;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantContext;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.persistence.EntityManager;

/**
 * Evidence photos of a visit (the elder, the supplies with the signature, a hazard), kept in the evidence store
 * with their size and SHA-256 here. Photos are added while the visit awaits review; once it is verified its
 * evidence is fixed like the rest of it. Contractor staff reach only their contractor's visits' photos.
 */
@RestController
@RequestMapping("/api/care/v1/tenants/{tenant}")
@Tag(name = "visits")
class EvidenceController {

    enum Purpose { VISIT, SUPPLIES_SIGNOFF, HAZARD, HEALTH, OTHER }

    record EvidenceView(UUID id, UUID visitId, Purpose purpose, String contentType, long sizeBytes, String sha256,
            String uploadedBy, Instant uploadedAt) {
    }

    private final Visits visits;
    private final EvidenceStore store;
    private final EvidencePolicy policy;
    private final EntityManager em;
    private final java.time.Clock clock;
    private final org.warmnest.care.pii.PiiCipher cipher;
    private final org.warmnest.care.elder.SensitiveReads reads;

    EvidenceController(Visits visits, EvidenceStore store, EvidencePolicy policy, EntityManager em,
            java.time.Clock clock, org.warmnest.care.pii.PiiCipher cipher,
            org.warmnest.care.elder.SensitiveReads reads) {
        this.cipher = cipher;
        this.reads = reads;
        this.visits = visits;
        this.store = store;
        this.policy = policy;
        this.em = em;
        this.clock = clock;
    }

    @PostMapping(path = "/visits/{visitId}/evidence", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(ElderRoles.WRITERS)
    @Transactional
    @Operation(summary = "Add a photo (JPEG, PNG, WebP or HEIC) to a visit awaiting review")
    EvidenceView upload(@PathVariable String tenant, @PathVariable UUID visitId,
            @RequestParam(defaultValue = "VISIT") Purpose purpose, @RequestPart("file") MultipartFile file)
            throws IOException {
        Visit visit = visits.findInScope(visitId);
        if (visit.status() != Visit.Status.RECORDED) {
            throw ProblemException.conflict("evidence-visit-reviewed", visitId, visit.status());
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        StoredObject stored;
        boolean sealed = purpose == Purpose.HEALTH;
        try (InputStream in = file.getInputStream()) {
            EvidencePolicy.Upload upload = policy.check(in);
            String key = EvidenceKeys.newKey(TenantContext.require(), visit.performedOn(), id, upload.extension());
            if (sealed) {
                // a health photo is health data: stored only encrypted, bound to its record; size and hash are the photo's
                byte[] photo = upload.content().readAllBytes();
                StoredObject kept = store.put(key, new java.io.ByteArrayInputStream(cipher.encrypt(photo,
                        photoContext(id))), "application/octet-stream");
                stored = new StoredObject(kept.key(), photo.length, java.util.HexFormat.of().formatHex(
                        sha256(photo)));
            } else {
                stored = store.put(key, upload.content(), upload.contentType());
            }
            try {
                em.createNativeQuery("insert into evidence (id, visit_id, purpose, storage_key, content_type,"
                        + " size_bytes, sha256, uploaded_by, uploaded_at, sealed, sealed_under) values (:id, :v, :p, :k,"
                        + " :t, :s, :h, :by, :at, :sealed, :under)")
                        .setParameter("id", id).setParameter("v", visitId).setParameter("p", purpose.name())
                        .setParameter("k", stored.key()).setParameter("t", upload.contentType())
                        .setParameter("s", stored.size()).setParameter("h", stored.sha256())
                        .setParameter("by", CurrentUser.get().subject()).setParameter("at", now)
                        .setParameter("sealed", sealed)
                        .setParameter("under", sealed ? cipher.currentPrefix() : null).executeUpdate();
            } catch (RuntimeException e) {
                store.delete(stored.key()); // no photo without its record
                throw e;
            }
            return new EvidenceView(id, visitId, purpose, upload.contentType(), stored.size(), stored.sha256(),
                    CurrentUser.get().subject(), now);
        }
    }

    static String photoContext(UUID evidenceId) {
        return org.warmnest.care.pii.PiiCipher.photoContext(evidenceId);
    }

    private byte[] open(String key, UUID id) {
        try (InputStream in = store.open(key)) {
            return cipher.decrypt(in.readAllBytes(), photoContext(id));
        } catch (IOException e) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "evidence-store-unavailable");
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A visit's photos, and those of the visits it corrects (an amendment keeps the original's evidence). */
    @GetMapping("/visits/{visitId}/evidence")
    @PreAuthorize(ElderRoles.READERS)
    @Transactional(readOnly = true)
    List<EvidenceView> list(@PathVariable String tenant, @PathVariable UUID visitId) {
        visits.findInScope(visitId);
        List<?> rows = em.createNativeQuery("with recursive chain(id, amends_id) as ("
                + " select id, amends_id from visit where id = :v"
                + " union all select v.id, v.amends_id from visit v join chain c on v.id = c.amends_id)"
                + " select e.id, e.visit_id, e.purpose, e.content_type, e.size_bytes, e.sha256, e.uploaded_by,"
                + " e.uploaded_at from evidence e join chain c on c.id = e.visit_id order by e.uploaded_at, e.id")
                .setParameter("v", visitId).getResultList();
        return rows.stream().map(r -> (Object[]) r).map(r -> new EvidenceView((UUID) r[0], (UUID) r[1],
                Purpose.valueOf((String) r[2]), (String) r[3], ((Number) r[4]).longValue(), (String) r[5],
                (String) r[6], r[7] instanceof java.time.OffsetDateTime o ? o.toInstant() : (Instant) r[7]))
                .toList();
    }

    /**
     * The photo itself: never sniffed as anything but its type, never cached. A health photo is a sensitive read:
     * only for the roles that may reveal, with a reason, each read written to the trail in this transaction.
     */
    @GetMapping("/evidence/{id}")
    @PreAuthorize(ElderRoles.READERS)
    @Transactional // a health photo's read writes its record
    @Operation(summary = "A photo; a HEALTH photo only for bureau-admin, contractor-manager and care-worker, with a "
            + "reason, each read audited")
    ResponseEntity<StreamingResponseBody> download(@PathVariable String tenant, @PathVariable UUID id,
            @RequestParam(required = false) @jakarta.validation.constraints.Size(max = 200) String reason) {
        List<?> rows = em.createNativeQuery("select visit_id, storage_key, content_type, size_bytes, purpose, sealed"
                + " from evidence where id = :id").setParameter("id", id).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("evidence-not-found", id);
        }
        Object[] r = (Object[]) rows.get(0);
        Visit visit;
        try {
            visit = visits.findInScope((UUID) r[0]);
        } catch (ProblemException e) {
            throw ProblemException.notFound("evidence-not-found", id);
        }
        String key = (String) r[1];
        TenantCode tenantCode = TenantContext.require();
        if (!EvidenceKeys.belongsTo(key, tenantCode)) {
            throw ProblemException.notFound("evidence-not-found", id);
        }
        boolean sealed = Boolean.TRUE.equals(r[5]);
        if (Purpose.HEALTH.name().equals(r[4])) {
            if (!CurrentUser.get().hasAnyRole(ElderRoles.REVEALER_ROLES)) {
                throw ProblemException.forbidden("evidence-health-not-allowed");
            }
            if (reason == null || reason.strip().length() < 2) {
                throw ProblemException.invalid("reason", "required");
            }
            reads.record(visit.elderId(), List.of("healthPhoto:" + id), reason);
        }
        InputStream in = sealed ? new java.io.ByteArrayInputStream(open(key, id)) : store.open(key);
        StreamingResponseBody body = out -> {
            try (in) {
                in.transferTo(out);
            }
        };
        return ResponseEntity.ok().contentType(MediaType.parseMediaType((String) r[2]))
                .contentLength(((Number) r[3]).longValue())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + id + "\"")
                .cacheControl(CacheControl.noStore()).body(body);
    }
}
