package org.warmnest.care.plan;

/** Who answers for a plan item: a worker, a volunteer, a paired cadre (包保干部), or an area's team (分片包干). */
public enum Responsible {
    WORKER("工作人员"), VOLUNTEER("志愿者"), CADRE("包保干部"), AREA_TEAM("片区团队");

    public final String label;

    Responsible(String label) {
        this.label = label;
    }
}
