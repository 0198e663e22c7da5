package org.warmnest.care.activity;

/** What a community activity is; a support group's sessions are GROUP activities, health clinics (义诊) their own. */
enum ActivityKind {
    /** 联盟活动 */
    ALLIANCE,
    /** 节日活动 */
    FESTIVAL,
    /** 小组活动 */
    GROUP,
    /** 义诊 */
    HEALTH_CLINIC,
    /** 讲座 */
    LECTURE,
    OTHER
}
