package org.warmnest.tenant.area;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.tenancy.TenantContext;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The areas of a tenant: streets/towns → communities/villages → grids, where work is assigned by area
 * (分片包干). Codes are identities and never change; a misnumbered area is deleted and created again.
 */
@RestController
@RequestMapping("/api/tenants/v1/tenants/{tenant}")
@Tag(name = "areas", description = "Streets/towns, communities/villages and grids of a tenant")
class AreaController {

    static final String WRITERS = "hasAnyRole('platform-admin','bureau-admin')";
    static final String READERS =
            "hasAnyRole('platform-admin','bureau-admin','contractor-manager','care-worker','auditor')";
    /** care-service checks elders' grids against the tree with its own service account. */
    static final String TREE_READERS =
            "hasAnyRole('platform-admin','bureau-admin','contractor-manager','care-worker','auditor','service')";

    private final StreetRepository streets;
    private final CommunityRepository communities;
    private final GridRepository grids;
    private final Clock clock;

    AreaController(StreetRepository streets, CommunityRepository communities, GridRepository grids, Clock clock) {
        this.streets = streets;
        this.communities = communities;
        this.grids = grids;
        this.clock = clock;
    }

    record StreetRequest(@NotBlank @Pattern(regexp = "^[0-9]{9}$") String code,
            @NotBlank @Size(max = 50) String name) {
    }

    record CommunityRequest(@NotNull UUID streetId, @NotBlank @Pattern(regexp = "^[0-9]{12}$") String code,
            @NotBlank @Size(max = 50) String name) {
    }

    record Rename(@NotBlank @Size(max = 50) String name) {
    }

    record GridRequest(@NotNull UUID communityId, @NotBlank @Pattern(regexp = AreaCodes.GRID_CODE) String code,
            @NotBlank @Size(max = 50) String name, @Size(max = 50) String leaderName,
            @Pattern(regexp = AreaCodes.MOBILE) String leaderPhone) {
    }

    record GridChange(@NotNull UUID communityId, @NotBlank @Size(max = 50) String name,
            @Size(max = 50) String leaderName, @Pattern(regexp = AreaCodes.MOBILE) String leaderPhone) {
    }

    record StreetView(UUID id, String code, String name, Instant createdAt, Instant updatedAt, long version) {
        static StreetView of(Street s) {
            return new StreetView(s.id(), s.code(), s.name(), s.createdAt(), s.updatedAt(), s.version());
        }
    }

    record CommunityView(UUID id, UUID streetId, String code, String name, Instant createdAt, Instant updatedAt,
            long version) {
        static CommunityView of(Community c) {
            return new CommunityView(c.id(), c.streetId(), c.code(), c.name(), c.createdAt(), c.updatedAt(),
                    c.version());
        }
    }

    record GridView(UUID id, UUID communityId, String code, String name, String leaderName, String leaderPhone,
            Instant createdAt, Instant updatedAt, long version) {
        static GridView of(Grid g) {
            return new GridView(g.id(), g.communityId(), g.code(), g.name(), g.leaderName(), g.leaderPhone(),
                    g.createdAt(), g.updatedAt(), g.version());
        }
    }

    record GridNode(UUID id, String code, String name, String leaderName, String leaderPhone) {
    }

    record CommunityNode(UUID id, String code, String name, List<GridNode> grids) {
    }

    record StreetNode(UUID id, String code, String name, List<CommunityNode> communities) {
    }

    record AreaTree(String tenant, List<StreetNode> streets) {
    }

    @GetMapping("/areas")
    @PreAuthorize(TREE_READERS)
    @Transactional(readOnly = true)
    @Operation(summary = "The whole tree: streets → communities → grids, ordered by code")
    AreaTree tree(@PathVariable String tenant) {
        Map<UUID, List<GridNode>> gridsOf = grids.findAllByOrderByCode().stream().collect(Collectors.groupingBy(
                Grid::communityId, Collectors.mapping(
                        g -> new GridNode(g.id(), g.code(), g.name(), g.leaderName(), g.leaderPhone()),
                        Collectors.toList())));
        Map<UUID, List<CommunityNode>> communitiesOf = communities.findAllByOrderByCode().stream()
                .collect(Collectors.groupingBy(Community::streetId, Collectors.mapping(
                        c -> new CommunityNode(c.id(), c.code(), c.name(), gridsOf.getOrDefault(c.id(), List.of())),
                        Collectors.toList())));
        return new AreaTree(TenantContext.require().value(), streets.findAllByOrderByCode().stream()
                .map(s -> new StreetNode(s.id(), s.code(), s.name(), communitiesOf.getOrDefault(s.id(), List.of())))
                .toList());
    }

    // streets

    @GetMapping("/streets")
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    List<StreetView> streets(@PathVariable String tenant) {
        return streets.findAllByOrderByCode().stream().map(StreetView::of).toList();
    }

    @GetMapping("/streets/{id}")
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    StreetView street(@PathVariable String tenant, @PathVariable UUID id) {
        return StreetView.of(findStreet(id));
    }

    @PostMapping("/streets")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(WRITERS)
    @Transactional
    StreetView createStreet(@PathVariable String tenant, @Valid @RequestBody StreetRequest request) {
        if (!AreaCodes.streetBelongsTo(request.code(), TenantContext.require())) {
            throw ProblemException.invalid("code", "street-code-outside-tenant");
        }
        if (streets.existsByCode(request.code())) {
            throw ProblemException.conflict("street-code-taken", request.code());
        }
        return StreetView.of(streets.saveAndFlush(
                new Street(UUID.randomUUID(), request.code(), request.name().strip(), clock.instant())));
    }

    @PutMapping("/streets/{id}")
    @PreAuthorize(WRITERS)
    @Transactional
    StreetView renameStreet(@PathVariable String tenant, @PathVariable UUID id, @Valid @RequestBody Rename request) {
        Street s = findStreet(id);
        s.rename(request.name().strip(), clock.instant());
        return StreetView.of(streets.saveAndFlush(s));
    }

    @DeleteMapping("/streets/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(WRITERS)
    @Transactional
    void removeStreet(@PathVariable String tenant, @PathVariable UUID id) {
        Street s = findStreet(id);
        if (communities.existsByStreetId(id)) {
            throw ProblemException.conflict("street-has-communities", s.name());
        }
        streets.delete(s);
    }

    // communities

    @GetMapping("/communities")
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    List<CommunityView> communities(@PathVariable String tenant, @RequestParam(required = false) UUID streetId) {
        List<Community> found = streetId == null ? communities.findAllByOrderByCode()
                : communities.findByStreetIdOrderByCode(streetId);
        return found.stream().map(CommunityView::of).toList();
    }

    @GetMapping("/communities/{id}")
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    CommunityView community(@PathVariable String tenant, @PathVariable UUID id) {
        return CommunityView.of(findCommunity(id));
    }

    @PostMapping("/communities")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(WRITERS)
    @Transactional
    CommunityView createCommunity(@PathVariable String tenant, @Valid @RequestBody CommunityRequest request) {
        Street street = streets.findById(request.streetId())
                .orElseThrow(() -> ProblemException.invalid("streetId", "street-unknown"));
        if (!AreaCodes.communityBelongsTo(request.code(), street.code())) {
            throw ProblemException.invalid("code", "community-code-outside-street");
        }
        if (communities.existsByCode(request.code())) {
            throw ProblemException.conflict("community-code-taken", request.code());
        }
        return CommunityView.of(communities.saveAndFlush(new Community(UUID.randomUUID(), street.id(), request.code(),
                request.name().strip(), clock.instant())));
    }

    @PutMapping("/communities/{id}")
    @PreAuthorize(WRITERS)
    @Transactional
    CommunityView renameCommunity(@PathVariable String tenant, @PathVariable UUID id,
            @Valid @RequestBody Rename request) {
        Community c = findCommunity(id);
        c.rename(request.name().strip(), clock.instant());
        return CommunityView.of(communities.saveAndFlush(c));
    }

    @DeleteMapping("/communities/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(WRITERS)
    @Transactional
    void removeCommunity(@PathVariable String tenant, @PathVariable UUID id) {
        Community c = findCommunity(id);
        if (grids.existsByCommunityId(id)) {
            throw ProblemException.conflict("community-has-grids", c.name());
        }
        communities.delete(c);
    }

    // grids

    @GetMapping("/grids")
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    List<GridView> grids(@PathVariable String tenant, @RequestParam(required = false) UUID communityId) {
        List<Grid> found = communityId == null ? grids.findAllByOrderByCode()
                : grids.findByCommunityIdOrderByCode(communityId);
        return found.stream().map(GridView::of).toList();
    }

    @GetMapping("/grids/{id}")
    @PreAuthorize(READERS)
    @Transactional(readOnly = true)
    GridView grid(@PathVariable String tenant, @PathVariable UUID id) {
        return GridView.of(findGrid(id));
    }

    @PostMapping("/grids")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(WRITERS)
    @Transactional
    GridView createGrid(@PathVariable String tenant, @Valid @RequestBody GridRequest request) {
        requireCommunity(request.communityId());
        if (grids.existsByCode(request.code())) {
            throw ProblemException.conflict("grid-code-taken", request.code());
        }
        Instant now = clock.instant();
        Grid g = new Grid(UUID.randomUUID(), request.code(), now);
        g.describe(request.communityId(), request.name().strip(), blankToNull(request.leaderName()),
                blankToNull(request.leaderPhone()), now);
        return GridView.of(grids.saveAndFlush(g));
    }

    @PutMapping("/grids/{id}")
    @PreAuthorize(WRITERS)
    @Transactional
    GridView updateGrid(@PathVariable String tenant, @PathVariable UUID id, @Valid @RequestBody GridChange request) {
        Grid g = findGrid(id);
        requireCommunity(request.communityId());
        g.describe(request.communityId(), request.name().strip(), blankToNull(request.leaderName()),
                blankToNull(request.leaderPhone()), clock.instant());
        return GridView.of(grids.saveAndFlush(g));
    }

    @DeleteMapping("/grids/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(WRITERS)
    @Transactional
    void removeGrid(@PathVariable String tenant, @PathVariable UUID id) {
        grids.delete(findGrid(id));
    }

    private void requireCommunity(UUID id) {
        if (!communities.existsById(id)) {
            throw ProblemException.invalid("communityId", "community-unknown");
        }
    }

    private Street findStreet(UUID id) {
        return streets.findById(id).orElseThrow(() -> ProblemException.notFound("street-not-found", id));
    }

    private Community findCommunity(UUID id) {
        return communities.findById(id).orElseThrow(() -> ProblemException.notFound("community-not-found", id));
    }

    private Grid findGrid(UUID id) {
        return grids.findById(id).orElseThrow(() -> ProblemException.notFound("grid-not-found", id));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
