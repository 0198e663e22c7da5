package org.warmnest.tenant.program;

import java.util.UUID;

import org.warmnest.platform.tenancy.TenantCode;

/** Whether anything still refers to a program, wherever it is (a city's program is used in its districts). */
public interface ProgramUsage {

    boolean isInUse(TenantCode owner, UUID programId);
}
