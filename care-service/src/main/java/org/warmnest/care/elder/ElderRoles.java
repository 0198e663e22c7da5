package org.warmnest.care.elder;

/**
 * Who may do what with elders' files and everything recorded about an elder (assessments, and later visits):
 * one place, so that every feature about an elder admits the same people. Platform operators and volunteers
 * are not among them: the files are the bureau's, processed by its contractors (PIPL).
 */
public final class ElderRoles {

    public static final String READERS = "hasAnyRole('bureau-admin','contractor-manager','care-worker','auditor')";
    public static final String WRITERS = "hasAnyRole('bureau-admin','contractor-manager','care-worker')";
    /** Who may read an ID number or health details in full, each read audited: those who care or answer for them. */
    public static final String REVEALERS = "hasAnyRole('bureau-admin','contractor-manager','care-worker')";
    /** The roles of {@link #REVEALERS}, for rules judged in code. */
    public static final String[] REVEALER_ROLES = { "bureau-admin", "contractor-manager", "care-worker" };
    /** Who reads the audit trail and the city's duplicate report. */
    public static final String OVERSEERS = "hasAnyRole('bureau-admin','auditor')";

    private ElderRoles() {
    }
}
