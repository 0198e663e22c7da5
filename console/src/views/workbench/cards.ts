import { api, type Page } from '@/api/client'
import type { Role } from '@/roles'

/** What a card counts: a number, or a lower bound when the list was longer than one page could tell. */
export interface Count {
  value: number
  atLeast?: boolean
}

export interface CardContext {
  tenant: string
  contractor: string | null
  today: string
  /** Answers shared by the cards of one load (the open alerts give two cards). */
  cache?: Map<string, Promise<unknown>>
}

export interface CardDef {
  key: string
  /** The roles for whom this is work (or, for auditors, oversight) and who may read the endpoint. */
  roles: readonly Role[]
  /** Contractor staff only (a `contractor` in the session). */
  contractorOnly?: boolean
  to: string
  tone: 'primary' | 'warning' | 'danger'
  count: (ctx: CardContext, signal?: AbortSignal) => Promise<Count>
}

const care = (t: string) => `/api/care/v1/tenants/${t}`
const billing = (t: string) => `/api/billing/v1/tenants/${t}`

async function total(path: string, query: Record<string, string | number>, signal?: AbortSignal): Promise<Count> {
  const page = await api.get<Page<unknown>>(path, { ...query, page: 0, size: 1 }, signal)
  return { value: page.total }
}

// OPEN alerts are few (they are acknowledged within minutes); one page of 200 tells which are overdue.
const ALERT_PAGE = 200

function openAlerts(ctx: CardContext, signal?: AbortSignal): Promise<Page<AlertItem>> {
  const fetch = () =>
    api.get<Page<AlertItem>>(`${care(ctx.tenant)}/alerts`, { status: 'OPEN', page: 0, size: ALERT_PAGE }, signal)
  if (!ctx.cache) return fetch()
  const key = `open-alerts:${ctx.tenant}`
  let found = ctx.cache.get(key) as Promise<Page<AlertItem>> | undefined
  if (!found) {
    found = fetch()
    ctx.cache.set(key, found)
  }
  return found
}

interface AlertItem {
  overdue: boolean
}

interface PaymentItem {
  late: boolean
  paidOn: string | null
}

interface EngagementItem {
  contractorId: string
  status: string
}

async function overduePayments(ctx: CardContext, signal?: AbortSignal): Promise<Count> {
  let contractors: string[]
  if (ctx.contractor) {
    contractors = [ctx.contractor]
  } else {
    const engagements = await api.get<EngagementItem[]>(
      `/api/tenants/v1/tenants/${ctx.tenant}/engagements`,
      undefined,
      signal,
    )
    contractors = [...new Set(engagements.map((e) => e.contractorId))]
  }
  const lists = await Promise.all(
    contractors.map((c) =>
      api.get<PaymentItem[]>(`${billing(ctx.tenant)}/reports/contractors/${c}/payments`, undefined, signal),
    ),
  )
  return { value: lists.flat().filter((p) => p.late && !p.paidOn).length }
}

/**
 * The workbench's cards, each counted by a real endpoint of a service. (Imports with problems have none: an
 * import's dry-run report is answered to the upload and kept nowhere.)
 */
export const CARDS: CardDef[] = [
  {
    key: 'visitsToReview',
    roles: ['bureau-admin', 'contractor-manager', 'auditor'],
    to: '/care/visits?status=RECORDED',
    tone: 'primary',
    count: (ctx, s) => total(`${care(ctx.tenant)}/visits`, { status: 'RECORDED' }, s),
  },
  {
    key: 'alertsOpen',
    roles: ['bureau-admin', 'contractor-manager', 'care-worker', 'auditor'],
    to: '/care/alerts?status=OPEN',
    tone: 'warning',
    count: async (ctx, s) => {
      const page = await openAlerts(ctx, s)
      return { value: page.total }
    },
  },
  {
    key: 'alertsOverdue',
    roles: ['bureau-admin', 'contractor-manager', 'care-worker', 'auditor'],
    to: '/care/alerts?status=OPEN&overdue=true',
    tone: 'danger',
    count: async (ctx, s) => {
      const page = await openAlerts(ctx, s)
      return { value: page.items.filter((a) => a.overdue).length, atLeast: page.total > page.items.length }
    },
  },
  {
    key: 'reassessmentsDue',
    roles: ['bureau-admin', 'contractor-manager', 'care-worker', 'auditor'],
    to: '/care/assessments/due',
    tone: 'primary',
    count: (ctx, s) => total(`${care(ctx.tenant)}/assessments/due`, { before: ctx.today }, s),
  },
  {
    key: 'contractsToSign',
    roles: ['finance-officer', 'auditor'],
    to: '/billing/contracts?status=DRAFT',
    tone: 'primary',
    count: (ctx, s) => total(`${billing(ctx.tenant)}/contracts`, { status: 'DRAFT' }, s),
  },
  {
    key: 'claimsToApprove',
    roles: ['finance-officer', 'auditor'],
    to: '/billing/claims?status=SUBMITTED',
    tone: 'warning',
    count: (ctx, s) => total(`${billing(ctx.tenant)}/claims`, { status: 'SUBMITTED' }, s),
  },
  {
    key: 'claimsToSubmit',
    roles: ['contractor-manager'],
    contractorOnly: true,
    to: '/billing/claims?status=DRAFT',
    tone: 'primary',
    count: (ctx, s) => total(`${billing(ctx.tenant)}/claims`, { status: 'DRAFT' }, s),
  },
  {
    key: 'paymentsOverdue',
    roles: ['finance-officer', 'contractor-manager', 'auditor'],
    to: '/billing/payments?late=true',
    tone: 'danger',
    count: overduePayments,
  },
]

/** The cards a user's roles reach, in the order above; none for a user without a tenant (the platform). */
export function cardsFor(roles: readonly string[], opts: { tenant: string | null; contractor: string | null }): CardDef[] {
  if (!opts.tenant) return []
  return CARDS.filter(
    (c) => c.roles.some((r) => roles.includes(r)) && (!c.contractorOnly || !!opts.contractor),
  )
}

/** A count over several tenants (a city with its districts): the sum, "at least" if any part was. */
export function sum(parts: Count[]): Count {
  return {
    value: parts.reduce((n, c) => n + c.value, 0),
    ...(parts.some((c) => c.atLeast) ? { atLeast: true } : {}),
  }
}
