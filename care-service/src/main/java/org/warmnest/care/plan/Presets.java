package org.warmnest.care.plan;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.warmnest.care.plan.CadenceSpec.Kind;
import org.warmnest.care.plan.PlanTemplate.Rule;
import org.warmnest.platform.catalogue.ServiceItem;

/**
 * The rhythms of the programs this product serves, as templates a bureau can adopt and adjust: 闵行's 一日三问,
 * 长春's daily contact by a paired cadre, 稷山's "six ones", and 玉溪's four-part loop with follow-up by risk tier
 * (high risk weekly, priority monthly, general quarterly: reference frequency policy).
 */
final class Presets {

    record Preset(String code, String name, String description, List<Rule> rules) {
    }

    private static final Set<ContactMode> CONTACT = EnumSet.of(ContactMode.PHONE, ContactMode.WECHAT,
            ContactMode.VIDEO, ContactMode.HOME_VISIT);
    private static final Set<ContactMode> VISIT = EnumSet.of(ContactMode.HOME_VISIT);
    private static final Set<ContactMode> ANY = EnumSet.noneOf(ContactMode.class);

    static final List<Preset> ALL = List.of(
            new Preset("three-asks", "一日三问", "每日通过电话、微信或上门问候三次；高风险老人每周上门探访。", List.of(
                    rule(ServiceItem.DAILY_GREETING, new CadenceSpec(Kind.TIMES_PER_DAY, 3, null, 0), CONTACT),
                    new Rule(ServiceItem.HOME_VISIT, spec(Kind.WEEKLY), VISIT, null, null, Set.of("HIGH")))),
            new Preset("paired-daily-contact", "包保干部日沟通", "包保干部每日与老人沟通一次；每月记录健康台账。", List.of(
                    rule(ServiceItem.DAILY_GREETING, spec(Kind.DAILY), CONTACT),
                    rule(ServiceItem.HEALTH_CHECK, spec(Kind.MONTHLY), ANY))),
            new Preset("six-ones", "六个一",
                    "每天一问候、每周一探访、每月一服务、每季度一活动、每个节日一活动、每个生日一祝福。", List.of(
                    rule(ServiceItem.DAILY_GREETING, spec(Kind.DAILY), CONTACT),
                    rule(ServiceItem.HOME_VISIT, spec(Kind.WEEKLY), VISIT),
                    rule(ServiceItem.LIFE_SERVICE, spec(Kind.MONTHLY), ANY),
                    rule(ServiceItem.GROUP_ACTIVITY, spec(Kind.QUARTERLY), ANY),
                    rule(ServiceItem.FESTIVAL_CARE, new CadenceSpec(Kind.FESTIVALS, 1, List.of(
                            Festival.SPRING_FESTIVAL, Festival.LANTERN, Festival.QINGMING, Festival.DRAGON_BOAT,
                            Festival.QIXI, Festival.MID_AUTUMN, Festival.DOUBLE_NINTH), 3), ANY),
                    rule(ServiceItem.BIRTHDAY_GREETING, new CadenceSpec(Kind.BIRTHDAY, 1, null, 0), ANY))),
            new Preset("four-part-loop", "物资+评估+健康+陪伴",
                    "每季度健康检查与居家安全检查，每月精神慰藉；按风险等级回访：高风险每周、重点关注每月、一般每季度；春节、重阳节慰问。",
                    List.of(
                    rule(ServiceItem.HEALTH_CHECK, spec(Kind.QUARTERLY), VISIT),
                    rule(ServiceItem.SAFETY_CHECK, spec(Kind.QUARTERLY), VISIT),
                    rule(ServiceItem.COMPANIONSHIP, spec(Kind.MONTHLY), ANY),
                    new Rule(ServiceItem.HOME_VISIT, spec(Kind.WEEKLY), VISIT, null, null, Set.of("HIGH")),
                    new Rule(ServiceItem.HOME_VISIT, spec(Kind.MONTHLY), VISIT, null, null, Set.of("PRIORITY")),
                    new Rule(ServiceItem.HOME_VISIT, spec(Kind.QUARTERLY), VISIT, null, null, Set.of("GENERAL")),
                    rule(ServiceItem.FESTIVAL_CARE, new CadenceSpec(Kind.FESTIVALS, 1,
                            List.of(Festival.SPRING_FESTIVAL, Festival.DOUBLE_NINTH), 7), ANY))));

    private Presets() {
    }

    private static Rule rule(ServiceItem item, CadenceSpec cadence, Set<ContactMode> modes) {
        return new Rule(item, cadence, modes, null, null, null);
    }

    private static CadenceSpec spec(Kind kind) {
        return new CadenceSpec(kind, 1, null, 0);
    }
}
