import { api } from '@/api/client'
import type { Tenant, TenantStatus } from '@/api/types'

/** tenant-service `TenantView` with its provisioning steps (`ServiceState`, one per service). */
export interface ServiceState {
  service: string
  schemaReady: boolean
  confirmedStatus: TenantStatus | null
  attempts: number
  nextAttemptAt: string | null
  lastError: string | null
}

export interface TenantDetail extends Tenant {
  schema?: string
  services: ServiceState[]
}

export const TENANTS = '/api/tenants/v1/tenants'

/** Onboards a city (platform admin) or a district (its city's bureau): 202 while provisioning runs, 200 if known. */
export function onboard(code: string, name: string): Promise<TenantDetail> {
  return api.post<TenantDetail>(TENANTS, { code, name })
}

export function tenantDetail(code: string, signal?: AbortSignal): Promise<TenantDetail> {
  return api.get<TenantDetail>(`${TENANTS}/${encodeURIComponent(code)}`, undefined, signal)
}

/** Where one service's step stands: done (confirmed the tenant's status), schema ready, retrying or waiting. */
export type StepState = 'done' | 'ready' | 'retrying' | 'waiting'

export function stepState(s: ServiceState, target: TenantStatus = 'ACTIVE'): StepState {
  if (s.confirmedStatus === target) return 'done'
  if (s.lastError && s.attempts > 0) return 'retrying'
  if (s.schemaReady) return 'ready'
  return 'waiting'
}

/**
 * Follows a tenant's provisioning: asks every `intervalMs` until the tenant is no longer PROVISIONING, then stops.
 * `stop()` ends it at once (the page left): no further request is sent and the one in flight is aborted.
 */
export function followProvisioning(
  code: string,
  onUpdate: (t: TenantDetail) => void,
  onProblem: (e: unknown) => void,
  intervalMs = 1500,
): { stop: () => void } {
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let controller: AbortController | undefined

  async function tick(): Promise<void> {
    if (stopped) return
    controller = new AbortController()
    try {
      const t = await tenantDetail(code, controller.signal)
      if (stopped) return
      onUpdate(t)
      if (t.status !== 'PROVISIONING') {
        stopped = true
        return
      }
    } catch (e) {
      if (stopped || (e instanceof DOMException && e.name === 'AbortError')) return
      // a failed read is shown and tried again: provisioning goes on without the page
      onProblem(e)
    }
    if (!stopped) timer = setTimeout(tick, intervalMs)
  }

  void tick()
  return {
    stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      controller?.abort()
    },
  }
}
