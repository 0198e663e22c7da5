package org.warmnest.platform.security;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.problem.ProblemWriter;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantContext;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Contractor staff act on a tenant only while their contractor is engaged there: entrusted processing stops when
 * the entrustment does (PIPL art. 21). Runs once the tenant of the request is resolved ({@link TenantRequestFilter}):
 * a token with a {@code contractor} claim needs an engagement of that contractor in force in the tenant today, else
 * {@code 403 engagement-ended} (it had one) or {@code 403 contractor-not-engaged}.
 */
public class ContractorScope extends OncePerRequestFilter {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ContractorScope.class);

    private final ContractorEngagements engagements;
    private final ProblemWriter problems;

    public ContractorScope(ContractorEngagements engagements, ProblemWriter problems) {
        this.engagements = engagements;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<TenantCode> tenant = TenantContext.current();
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (tenant.isEmpty() || !(auth instanceof JwtAuthenticationToken token)) {
            chain.doFilter(request, response);
            return;
        }
        try {
            Optional<UUID> contractor = CurrentUser.from(token.getToken()).contractorId();
            if (contractor.isPresent()) {
                require(tenant.get(), contractor.get());
            }
        } catch (ProblemException e) {
            problems.write(request, response, e);
            return;
        } catch (RuntimeException e) {
            log.error("Checking the contractor's engagement failed", e);
            problems.write(request, response,
                    new ProblemException(org.springframework.http.HttpStatus.INTERNAL_SERVER_ERROR, "internal-error"));
            return;
        }
        chain.doFilter(request, response);
    }

    private void require(TenantCode tenant, UUID contractor) {
        switch (engagements.standing(tenant, contractor)) {
            case ENGAGED -> {
            }
            case ENDED -> throw ProblemException.forbidden("engagement-ended", tenant.value());
            case NOT_ENGAGED -> throw ProblemException.forbidden("contractor-not-engaged", tenant.value());
        }
    }
}
