package org.warmnest.tenant.area;

/** A real import with any bad row writes nothing; the report travels with the refusal. */
class AreaImportRefused extends RuntimeException {

    private final transient ImportReport report;

    AreaImportRefused(ImportReport report) {
        super("import-invalid");
        this.report = report;
    }

    ImportReport report() {
        return report;
    }
}
