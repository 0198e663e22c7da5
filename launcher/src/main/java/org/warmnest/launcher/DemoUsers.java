package org.warmnest.launcher;

import java.util.List;

/**
 * The demo's users: those in the realm export ({@code keycloak/warmnest-realm.json}) and the contractor's staff the
 * demo creates through tenant-service's user administration, as a bureau would.
 */
final class DemoUsers {

    /**
     * WARMNEST_DEMO_PASSWORD in the realm's demo users; also the password the demo sets for the contractor's staff.
     * It meets the realm's password policy (ten characters of four classes, not on the deny-list).
     */
    static final String PASSWORD = "Demo-Pass-2026";
    static final String CLI_CLIENT = "warmnest-cli";

    record User(String username, String role, String tenant, boolean otp, String description) {
    }

    static final List<User> ALL = List.of(
            new User("platform-admin", "platform-admin", null, true, "platform operator"),
            new User("yuxi-bureau-admin", "bureau-admin", "530400", true, "玉溪市民政局 administrator"),
            new User("yuxi-finance-officer", "finance-officer", "530400", true, "玉溪市民政局 finance"),
            new User("yuxi-auditor", "auditor", "530400", false, "玉溪市 auditor, reads the city and its districts"),
            new User("yuxi-contractor-manager", "contractor-manager", "530400", false,
                    "the contractor's supervisor: verifies visits in the four districts, claims (created by the demo)"),
            new User("hongta-bureau-admin", "bureau-admin", "530402", true, "红塔区民政局 administrator"),
            new User("hongta-finance-officer", "finance-officer", "530402", true, "红塔区民政局 finance"),
            new User("hongta-auditor", "auditor", "530402", false, "红塔区 auditor"),
            new User("hongta-volunteer", "volunteer", "530402", false, "红塔区 volunteer"),
            new User("hongta-contractor-manager", "contractor-manager", "530402", false,
                    "玉溪市暖阳社会工作服务中心 in 红塔区 (created by the demo)"),
            new User("hongta-care-worker", "care-worker", "530402", false,
                    "its care worker in 红塔区 (created by the demo)"),
            new User("tonghai-bureau-admin", "bureau-admin", "530423", true, "通海县民政局 administrator"),
            new User("tonghai-care-worker", "care-worker", "530423", false, "the contractor's care worker in 通海县"),
            new User("huaning-bureau-admin", "bureau-admin", "530424", true, "华宁县民政局 administrator"),
            new User("huaning-care-worker", "care-worker", "530424", false, "the contractor's care worker in 华宁县"),
            new User("eshan-bureau-admin", "bureau-admin", "530426", true, "峨山县民政局 administrator"),
            new User("eshan-care-worker", "care-worker", "530426", false, "the contractor's care worker in 峨山县"));

    private DemoUsers() {
    }
}
