package org.warmnest.synthetic;

/** A grid (网格) of the tenant's district that elders are spread over. */
public record GridRef(String code, String name, String communityName, String streetName) {
}
