package org.warmnest.care.ledger;

import java.util.List;

/** Some rows of a ledger and how many it has in all. */
record Page<T>(List<T> rows, long total) {
}
