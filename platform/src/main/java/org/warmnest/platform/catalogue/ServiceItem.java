package org.warmnest.platform.catalogue;

/**
 * What a contact or visit delivers, as plans schedule it and billing prices it. The programs' loops are made of
 * these: 一日三问 is daily greetings; 稷山's "six ones" are greetings, visits, life services, group activities,
 * festival care and birthday greetings; 玉溪's loop is supplies (the warm pack), assessment, health and
 * companionship.
 */
public enum ServiceItem {
    DAILY_GREETING("日常问候"),
    HOME_VISIT("上门探访"),
    LIFE_SERVICE("生活服务"),
    GROUP_ACTIVITY("集体活动"),
    FESTIVAL_CARE("节日慰问"),
    BIRTHDAY_GREETING("生日祝福"),
    HEALTH_CHECK("健康检查"),
    SAFETY_CHECK("居家安全检查"),
    WARM_PACK("暖心包发放"),
    SUPPLIES("物资发放"),
    ASSESSMENT("能力评估"),
    COMPANIONSHIP("精神慰藉"),
    FOLLOW_UP("跟踪回访");

    public final String label;

    ServiceItem(String label) {
        this.label = label;
    }
}
