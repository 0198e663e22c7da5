package org.warmnest.billing;

import org.warmnest.platform.test.DatabaseLoginContract;
import org.warmnest.platform.test.ServiceTest;

/**
 * The service's requests run as a database login that owns nothing: it cannot rewrite the fund's journal, allocation amendments and the register of paid services,
 * nor drop or disable the triggers that keep them append-only. Its migrations run as another login.
 */
@ServiceTest
class DatabaseLoginIT extends DatabaseLoginContract {
}
