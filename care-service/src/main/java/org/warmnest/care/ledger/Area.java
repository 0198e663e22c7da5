package org.warmnest.care.ledger;

import java.util.Map;

import org.warmnest.care.area.AreaDirectory;

/** Where a row lies: codes, and names as tenant-service gives them (the codes when it cannot answer). */
record Area(String streetCode, String streetName, String communityCode, String communityName, String gridCode,
        String gridName) {

    static Area of(Map<String, AreaDirectory.GridPlace> places, String street, String community, String grid) {
        AreaDirectory.GridPlace p = places.get(grid);
        return p == null ? new Area(street, street, community, community, grid, grid)
                : new Area(street, p.streetName(), community, p.communityName(), grid, p.gridName());
    }
}
