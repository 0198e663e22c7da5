package org.warmnest.care.assessment;

/** Care-risk events (照护风险事件) the standard names; two or more in 30 days raise the level. */
enum RiskEventKind {

    FALL("跌倒"),
    CHOKING("噎食"),
    SUICIDE_OR_SELF_HARM("自杀/自伤"),
    WANDERING_OFF("走失"),
    OTHER("其他");

    private final String chineseName;

    RiskEventKind(String chineseName) {
        this.chineseName = chineseName;
    }

    String chineseName() {
        return chineseName;
    }
}
