import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { configureClient } from '@/api/client'
import { stubFetch } from '../../../test/http'
import { CARDS, cardsFor } from './cards'

const keys = (roles: string[], contractor: string | null = null, tenant: string | null = '530402') =>
  cardsFor(roles, { tenant, contractor }).map((c) => c.key)

beforeEach(() => configureClient({ navigate: vi.fn(), locale: () => 'zh-CN' }))
afterEach(() => vi.unstubAllGlobals())

describe('the workbench cards by role', () => {
  it.each([
    ['bureau-admin', ['bureau-admin'], null, ['visitsToReview', 'alertsOpen', 'alertsOverdue', 'reassessmentsDue']],
    ['finance-officer', ['finance-officer'], null, ['contractsToSign', 'claimsToApprove', 'paymentsOverdue']],
    [
      'auditor (oversight of everything, writes nothing)',
      ['auditor'],
      null,
      ['visitsToReview', 'alertsOpen', 'alertsOverdue', 'reassessmentsDue', 'contractsToSign', 'claimsToApprove', 'paymentsOverdue'],
    ],
    [
      'contractor-manager',
      ['contractor-manager'],
      'c-1',
      ['visitsToReview', 'alertsOpen', 'alertsOverdue', 'reassessmentsDue', 'claimsToSubmit', 'paymentsOverdue'],
    ],
    ['care-worker (no review, no money)', ['care-worker'], 'c-1', ['alertsOpen', 'alertsOverdue', 'reassessmentsDue']],
    ['volunteer', ['volunteer'], null, []],
    ['platform-admin (no elders\' data)', ['platform-admin'], null, []],
  ])('%s', (_, roles, contractor, expected) => {
    expect(keys(roles, contractor)).toEqual(expected)
  })

  it('gives a user of several roles each card once', () => {
    expect(keys(['bureau-admin', 'finance-officer', 'auditor'])).toEqual(CARDS.filter((c) => !c.contractorOnly).map((c) => c.key))
  })

  it('shows no card without a tenant to count in', () => {
    expect(keys(['bureau-admin'], null, null)).toEqual([])
  })
})

describe('the workbench counts', () => {
  const ctx = { tenant: '530402', contractor: null, today: '2026-12-08' }
  const card = (key: string) => CARDS.find((c) => c.key === key)!
  const page = (total: number, items: unknown[] = []) => ({ body: { items, page: 0, size: 1, total } })

  it('counts each from its service with a page of one', async () => {
    const { calls } = stubFetch({
      'GET /api/care/v1/tenants/530402/visits': page(17),
      'GET /api/care/v1/tenants/530402/assessments/due': page(5),
      'GET /api/billing/v1/tenants/530402/contracts': page(1),
      'GET /api/billing/v1/tenants/530402/claims': page(2),
    })
    expect(await card('visitsToReview').count(ctx)).toEqual({ value: 17 })
    expect(await card('reassessmentsDue').count(ctx)).toEqual({ value: 5 })
    expect(await card('contractsToSign').count(ctx)).toEqual({ value: 1 })
    expect(await card('claimsToApprove').count(ctx)).toEqual({ value: 2 })
    expect(calls.map((c) => c.url)).toEqual([
      '/api/care/v1/tenants/530402/visits?status=RECORDED&page=0&size=1',
      '/api/care/v1/tenants/530402/assessments/due?before=2026-12-08&page=0&size=1',
      '/api/billing/v1/tenants/530402/contracts?status=DRAFT&page=0&size=1',
      '/api/billing/v1/tenants/530402/claims?status=SUBMITTED&page=0&size=1',
    ])
  })

  it('counts overdue alerts among the open ones, and says "at least" when they did not fit one page', async () => {
    stubFetch({
      'GET /api/care/v1/tenants/530402/alerts': {
        body: { items: [{ overdue: true }, { overdue: false }, { overdue: true }], page: 0, size: 200, total: 250 },
      },
    })
    expect(await card('alertsOverdue').count(ctx)).toEqual({ value: 2, atLeast: true })
  })

  it('counts unpaid late payments of every engaged contractor, or of one\'s own contractor', async () => {
    const { calls } = stubFetch({
      'GET /api/tenants/v1/tenants/530402/engagements': {
        body: [
          { contractorId: 'c-1', status: 'ACTIVE' },
          { contractorId: 'c-1', status: 'ENDED' },
          { contractorId: 'c-2', status: 'ACTIVE' },
        ],
      },
      'GET /api/billing/v1/tenants/530402/reports/contractors/c-1/payments': {
        body: [
          { late: true, paidOn: null },
          { late: true, paidOn: '2026-11-30' },
          { late: false, paidOn: null },
        ],
      },
      'GET /api/billing/v1/tenants/530402/reports/contractors/c-2/payments': { body: [{ late: true, paidOn: null }] },
    })
    expect(await card('paymentsOverdue').count(ctx)).toEqual({ value: 2 })
    calls.length = 0
    expect(await card('paymentsOverdue').count({ ...ctx, contractor: 'c-1' })).toEqual({ value: 1 })
    expect(calls.map((c) => c.url)).toEqual(['/api/billing/v1/tenants/530402/reports/contractors/c-1/payments'])
  })
})

describe('the open alerts', () => {
  it('are asked for once for both of their cards', async () => {
    const { calls } = stubFetch({
      'GET /api/care/v1/tenants/530402/alerts': {
        body: { items: [{ overdue: true }, { overdue: false }], page: 0, size: 200, total: 2 },
      },
    })
    const ctx = { tenant: '530402', contractor: null, today: '2026-12-08', cache: new Map() }
    const [open, overdue] = await Promise.all(
      ['alertsOpen', 'alertsOverdue'].map((k) => CARDS.find((c) => c.key === k)!.count(ctx)),
    )
    expect(open).toEqual({ value: 2 })
    expect(overdue).toEqual({ value: 1, atLeast: false })
    expect(calls.map((c) => c.url)).toEqual(['/api/care/v1/tenants/530402/alerts?status=OPEN&page=0&size=200'])
  })
})
