package org.warmnest.care;

import org.warmnest.platform.test.DatabaseLoginContract;
import org.warmnest.platform.test.ServiceTest;

/**
 * The service's requests run as a database login that owns nothing: it cannot rewrite the trail of sensitive reads (pii_access), alerts' events, concerns' follow-ups and the time bank,
 * nor drop or disable the triggers that keep them append-only. Its migrations run as another login.
 */
@ServiceTest
class DatabaseLoginIT extends DatabaseLoginContract {
}
