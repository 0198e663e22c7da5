package org.warmnest.tenant.area;

import java.util.List;

/**
 * What an import did or would do, and every problem found, each at its row (as the spreadsheet numbers rows;
 * 0 for the file as a whole) and column (the Chinese header).
 */
record ImportReport(boolean dryRun, boolean applied, int rows, Counts streets, Counts communities, Counts grids,
        List<Problem> problems) {

    record Counts(int created, int updated, int unchanged) {
    }

    record Problem(int row, String column, String code, String message) {
    }
}
