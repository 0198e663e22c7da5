package org.warmnest.care.assessment;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.warmnest.care.elder.ElderFiles;
import org.warmnest.care.elder.ElderFiles.ElderRef;
import org.warmnest.care.elder.SensitiveReads;
import org.warmnest.care.pii.PiiCipher;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.security.CurrentUser;

/**
 * Recording and correcting ability assessments. Every use reaches the elder through {@link ElderFiles}, which
 * applies the caller's contractor scope; the elder's file is brought up to date in the same transaction. The
 * findings (diagnoses, care-risk events), the conditions that decided the level (dementia, a psychiatric
 * disorder, care-risk events, a coma) and the note are health data: stored encrypted and read in full only with a
 * reason that goes on the trail of full reads.
 */
@Service
class Assessments {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final AssessmentRepository assessments;
    private final ElderFiles elders;
    private final AbilityScoring scoring;
    private final PiiCipher cipher;
    private final SensitiveReads sensitiveReads;
    private final Clock clock;

    Assessments(AssessmentRepository assessments, ElderFiles elders, AbilityScoring scoring, PiiCipher cipher,
            SensitiveReads sensitiveReads, Clock clock) {
        this.assessments = assessments;
        this.elders = elders;
        this.scoring = scoring;
        this.cipher = cipher;
        this.sensitiveReads = sensitiveReads;
        this.clock = clock;
    }

    /** An assessment's health data in full, as the audited read returns it. */
    record SensitiveData(UUID assessmentId, UUID elderId, List<AbilityScoring.Condition> conditions,
            List<AbilityScoring.Diagnosis> diagnoses, List<AbilityScoring.RiskEvent> riskEvents, String note,
            Instant readAt) {
    }

    @Transactional
    Assessment record(UUID elderId, AssessmentRequest request) {
        ElderRef elder = elders.require(elderId);
        if (request.reason() == null) {
            throw ProblemException.invalid("reason", "reason-required");
        }
        if (request.reason() == Assessment.Reason.CORRECTION) {
            throw ProblemException.invalid("reason", "correction-supersedes");
        }
        if (!"ACTIVE".equals(elder.status())) {
            throw ProblemException.conflict("assessment-elder-not-active", elderId, elder.status());
        }
        Assessment saved = assessments.saveAndFlush(assess(elder, request, request.reason(), null));
        updateElderFile(elderId);
        return saved;
    }

    @Transactional
    Assessment correct(UUID elderId, UUID assessmentId, AssessmentRequest request) {
        ElderRef elder = elders.require(elderId);
        if (request.reason() != null && request.reason() != Assessment.Reason.CORRECTION) {
            throw ProblemException.invalid("reason", "correction-only");
        }
        Assessment corrected = assessments.lockByIdAndElderId(assessmentId, elderId)
                .orElseThrow(() -> notFound(assessmentId));
        if (corrected.status() != Assessment.Status.COMPLETED || corrected.supersededById() != null) {
            throw ProblemException.conflict("assessment-superseded", assessmentId, corrected.supersededById());
        }
        Assessment correction = assessments.saveAndFlush(
                assess(elder, request, Assessment.Reason.CORRECTION, corrected.id()));
        corrected.supersededBy(correction.id());
        assessments.flush();
        updateElderFile(elderId);
        return correction;
    }

    @Transactional(readOnly = true)
    Page<Assessment> history(UUID elderId, Pageable pageable) {
        elders.require(elderId);
        return assessments.findByElderId(elderId, pageable);
    }

    @Transactional(readOnly = true)
    Assessment one(UUID elderId, UUID id) {
        elders.require(elderId);
        return assessments.findByIdAndElderId(id, elderId).orElseThrow(() -> notFound(id));
    }

    /**
     * The conditions, the findings and the note in full; the read is on the trail, with its reason, before anything
     * is decrypted.
     */
    @Transactional
    SensitiveData reveal(UUID elderId, UUID id, String reason) {
        elders.require(elderId);
        Assessment a = assessments.findByIdAndElderId(id, elderId).orElseThrow(() -> notFound(id));
        Instant now = sensitiveReads.record(elderId,
                List.of(field(id, Assessment.FINDINGS), field(id, Assessment.CONDITIONS), field(id, Assessment.NOTE)),
                reason);
        Assessment.Findings findings = JsonColumns.findings(
                cipher.decrypt(a.findingsCipher(), context(id, Assessment.FINDINGS)));
        List<AbilityScoring.Condition> conditions = JsonColumns.conditions(
                cipher.decrypt(a.conditionsCipher(), context(id, Assessment.CONDITIONS)));
        return new SensitiveData(id, elderId, conditions, findings.diagnoses(), findings.riskEvents(),
                cipher.decrypt(a.noteCipher(), context(id, Assessment.NOTE)), now);
    }

    static String context(UUID assessmentId, String field) {
        return PiiCipher.context("assessment", assessmentId, field);
    }

    /** How a field of an assessment is named on the elder's trail of full reads. */
    private static String field(UUID assessmentId, String field) {
        return "assessment:" + assessmentId + ":" + field;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(CHINA));
    }

    private Assessment assess(ElderRef elder, AssessmentRequest request, Assessment.Reason reason, UUID supersedes) {
        if (request.assessedOn() != null && request.assessedOn().isAfter(today())) {
            throw ProblemException.invalid("assessedOn", "assessed-on-in-future");
        }
        if (elder.birthDate() != null && request.assessedOn() != null
                && request.assessedOn().isBefore(elder.birthDate())) {
            throw ProblemException.invalid("assessedOn", "before-birth");
        }
        AbilityScoring.Outcome outcome = scoring.assess(new AbilityScoring.Observation(request.assessedOn(),
                request.inComa(), request.items(), request.diagnosisList(), request.riskEventList()));
        UUID id = UUID.randomUUID();
        Assessment.Findings findings = new Assessment.Findings(request.diagnosisList(), request.riskEventList());
        String note = blankToNull(request.note());
        return new Assessment(id, elder.id(), elder.contractorId(), request.assessedOn(), reason, request.inComa(),
                outcome, cipher.encrypt(JsonColumns.findings(findings), context(id, Assessment.FINDINGS)),
                findings.any(), cipher.encrypt(JsonColumns.conditions(outcome.conditions()),
                        context(id, Assessment.CONDITIONS)), request.assessorList(), blankToNull(request.location()),
                cipher.encrypt(note, context(id, Assessment.NOTE)), supersedes, CurrentUser.get().subject(),
                clock.instant());
    }

    /**
     * The elder's file shows the assessment that stands now: the latest completed one by date. A back-dated
     * assessment or a correction of an older one therefore leaves a later assessment's level in place.
     */
    private void updateElderFile(UUID elderId) {
        assessments.findFirstByElderIdAndStatusOrderByAssessedOnDescCreatedAtDesc(elderId,
                Assessment.Status.COMPLETED).ifPresent(latest -> elders.assessed(elderId, latest.finalLevel(),
                        latest.assessedOn(), latest.nextDue()));
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("assessment-not-found", id);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
