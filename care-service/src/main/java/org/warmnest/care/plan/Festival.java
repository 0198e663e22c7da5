package org.warmnest.care.plan;

/**
 * The festivals that drive care cadence (传统节日 and the two statutory holidays programs count): on a lunar date,
 * a solar term, or a fixed Gregorian date.
 */
public enum Festival {
    NEW_YEAR("元旦"), SPRING_FESTIVAL("春节"), LANTERN("元宵节"), QINGMING("清明节"), DRAGON_BOAT("端午节"),
    QIXI("七夕"), MID_AUTUMN("中秋节"), DOUBLE_NINTH("重阳节"), NATIONAL_DAY("国庆");

    public final String label;

    Festival(String label) {
        this.label = label;
    }
}
