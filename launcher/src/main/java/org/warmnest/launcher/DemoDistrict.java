package org.warmnest.launcher;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.warmnest.synthetic.GridRef;

/**
 * One of the four districts of the Yuxi program's first phase, as the demo sets it up: its street with two
 * communities of two grids each, its care worker, its share of the 500 phase-1 elders, where its county seat is
 * (visits check in near it), and its budget lines in the two phases.
 *
 * @param prefix the demo users' prefix ({@code hongta-care-worker})
 */
record DemoDistrict(String code, String name, String prefix, String streetName, List<String> communityNames,
        List<String> gridLeaders, String careWorkerSurname, String careWorkerGivenName, int elders, double latitude,
        double longitude, BigDecimal phaseOne, BigDecimal phaseTwo) {

    static final List<DemoDistrict> PHASE_ONE = List.of(
            new DemoDistrict("530402", "红塔区", "hongta", "玉兴街道", List.of("北苑社区", "东苑社区"),
                    List.of("李春梅", "王建华", "张丽琼", "赵国富"), "普", "丽萍", 200, 24.3540, 102.5420,
                    new BigDecimal("160000.00"), new BigDecimal("320000.00")),
            new DemoDistrict("530423", "通海县", "tonghai", "秀山街道", List.of("北阁社区", "文庙社区"),
                    List.of("马秀英", "杨正华", "孔德荣", "施玉兰"), "孔", "丽华", 100, 24.1126, 102.7589,
                    new BigDecimal("80000.00"), new BigDecimal("160000.00")),
            new DemoDistrict("530424", "华宁县", "huaning", "宁州街道", List.of("新村社区", "太平社区"),
                    List.of("李建明", "普红梅", "周德顺", "黄秀芬"), "李", "艳", 100, 24.1929, 102.9283,
                    new BigDecimal("80000.00"), new BigDecimal("160000.00")),
            new DemoDistrict("530426", "峨山县", "eshan", "双江街道", List.of("文化社区", "鸿运社区"),
                    List.of("普志华", "柏文秀", "龙建国", "起丽芬"), "柏", "春燕", 100, 24.1695, 102.4053,
                    new BigDecimal("80000.00"), new BigDecimal("160000.00")));

    String streetCode() {
        return code + "001";
    }

    String communityCode(int i) {
        return streetCode() + String.format("%03d", i + 1);
    }

    /** The grids, two per community: code {@code <community>-<n>}. */
    List<GridRef> grids() {
        List<GridRef> grids = new ArrayList<>();
        for (int c = 0; c < communityNames.size(); c++) {
            for (int g = 1; g <= 2; g++) {
                grids.add(new GridRef(communityCode(c) + "-" + g, communityNames.get(c) + "第" + g + "网格",
                        communityNames.get(c), streetName));
            }
        }
        return grids;
    }

    String careWorker() {
        return prefix + "-care-worker";
    }

    String bureauAdmin() {
        return prefix + "-bureau-admin";
    }

    String apiBase(String service) {
        return "/api/" + service + "/v1/tenants/" + code;
    }
}
