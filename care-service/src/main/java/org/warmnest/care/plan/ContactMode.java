package org.warmnest.care.plan;

import org.warmnest.platform.catalogue.ServiceItem;

/** How a contact was made (一日三问 counts a call, a WeChat message or a visit). */
public enum ContactMode {
    PHONE("电话"), WECHAT("微信"), VIDEO("视频"), HOME_VISIT("上门"), GROUP_ACTIVITY("集体活动");

    public final String label;

    ContactMode(String label) {
        this.label = label;
    }

    /** The service a contact in this mode delivers when the record names none. */
    public ServiceItem defaultService() {
        return switch (this) {
            case HOME_VISIT -> ServiceItem.HOME_VISIT;
            case GROUP_ACTIVITY -> ServiceItem.GROUP_ACTIVITY;
            default -> ServiceItem.DAILY_GREETING;
        };
    }
}
