package org.warmnest.care.assessment;

import static org.warmnest.care.assessment.Indicator.BASIC_MOBILITY;
import static org.warmnest.care.assessment.Indicator.MENTAL_STATE;
import static org.warmnest.care.assessment.Indicator.PERCEPTION_AND_SOCIAL;
import static org.warmnest.care.assessment.Indicator.SELF_CARE;

/**
 * The 26 second-level items of GB/T 42195-2022 in the standard's order; each is scored from 0 to its max,
 * higher meaning more able. The names are the API's stable item codes.
 */
enum AbilityItem {

    EATING(SELF_CARE, "进食", 4),
    GROOMING(SELF_CARE, "修饰", 4),
    BATHING(SELF_CARE, "洗澡", 4),
    DRESSING_UPPER(SELF_CARE, "穿/脱上衣", 4),
    DRESSING_LOWER(SELF_CARE, "穿/脱裤子和鞋袜", 4),
    URINE_CONTROL(SELF_CARE, "小便控制", 4),
    BOWEL_CONTROL(SELF_CARE, "大便控制", 4),
    TOILETING(SELF_CARE, "如厕", 4),

    BED_POSITION_CHANGE(BASIC_MOBILITY, "床上体位转移", 4),
    BED_CHAIR_TRANSFER(BASIC_MOBILITY, "床椅转移", 4),
    WALKING_ON_LEVEL(BASIC_MOBILITY, "平地行走", 4),
    STAIRS(BASIC_MOBILITY, "上下楼梯", 3),

    TIME_ORIENTATION(MENTAL_STATE, "时间定向", 4),
    PLACE_ORIENTATION(MENTAL_STATE, "空间定向", 4),
    PERSON_ORIENTATION(MENTAL_STATE, "人物定向", 4),
    MEMORY(MENTAL_STATE, "记忆", 4),
    COMPREHENSION(MENTAL_STATE, "理解能力", 4),
    EXPRESSION(MENTAL_STATE, "表达能力", 4),
    AGGRESSIVE_BEHAVIOUR(MENTAL_STATE, "攻击行为", 1),
    DEPRESSIVE_SYMPTOMS(MENTAL_STATE, "抑郁症状", 1),
    CONSCIOUSNESS(MENTAL_STATE, "意识水平", 2),

    VISION(PERCEPTION_AND_SOCIAL, "视力", 2),
    HEARING(PERCEPTION_AND_SOCIAL, "听力", 2),
    DAILY_AFFAIRS(PERCEPTION_AND_SOCIAL, "执行日常事务", 4),
    USING_TRANSPORT(PERCEPTION_AND_SOCIAL, "使用交通工具外出", 3),
    SOCIAL_INTERACTION(PERCEPTION_AND_SOCIAL, "社会交往能力", 4);

    private final Indicator indicator;
    private final String chineseName;
    private final int max;

    AbilityItem(Indicator indicator, String chineseName, int max) {
        this.indicator = indicator;
        this.chineseName = chineseName;
        this.max = max;
    }

    Indicator indicator() {
        return indicator;
    }

    String chineseName() {
        return chineseName;
    }

    int max() {
        return max;
    }
}
