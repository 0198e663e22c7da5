import { afterEach, describe, expect, it, vi } from 'vitest'
import { configureClient, resetSignIn } from '@/api/client'
import { ProblemError } from '@/api/problem'
import type { Visit } from '@/api/care'
import { stubFetch } from '../../../../test/http'
import { verifyAll } from './bulkVerify'

const T = '530402'
const BASE = `/api/care/v1/tenants/${T}/visits`

function aVisit(id: string, status: Visit['status'] = 'RECORDED'): Visit {
  return { id, status, elderId: 'e-' + id, mode: 'HOME_VISIT', performedBy: 'w1' } as unknown as Visit
}

afterEach(() => {
  vi.unstubAllGlobals()
  resetSignIn()
})

describe('verifying a whole page', () => {
  it('verifies each visit awaiting review and keeps why the others were refused', async () => {
    const { calls } = stubFetch({
      [`POST ${BASE}/v1/verify`]: { body: { ...aVisit('v1'), status: 'VERIFIED' } },
      [`POST ${BASE}/v2/verify`]: {
        status: 403,
        body: {
          status: 403,
          code: 'review-own-visit',
          title: '不能审核本人记录',
          detail: '探访记录 v2 由您登记或完成，须由其他督导审核。',
        },
      },
      [`POST ${BASE}/v3/verify`]: {
        status: 409,
        body: { status: 409, type: 'urn:warmnest:problem:visit-already-reviewed', title: '已审核' },
      },
      [`POST ${BASE}/v5/verify`]: { body: { ...aVisit('v5'), status: 'VERIFIED' } },
    })
    const progress: number[] = []
    const page = [aVisit('v1'), aVisit('v2'), aVisit('v3'), aVisit('v4', 'VERIFIED'), aVisit('v5')]

    const summary = await verifyAll(T, page, undefined, (done) => progress.push(done))

    // v4 was already verified on the page: it is not sent
    expect(calls.map((c) => c.url)).toEqual([`${BASE}/v1/verify`, `${BASE}/v2/verify`, `${BASE}/v3/verify`, `${BASE}/v5/verify`])
    expect(calls.every((c) => c.method === 'POST')).toBe(true)
    expect(progress).toEqual([1, 2, 3, 4])
    expect(summary.verified).toBe(2)
    expect(summary.refused).toBe(2)
    expect(summary.byCode).toEqual({ 'review-own-visit': 1, 'visit-already-reviewed': 1 })
    const own = summary.outcomes.find((o) => o.visit.id === 'v2')!
    expect(own.ok).toBe(false)
    expect(own.problem?.title).toBe('不能审核本人记录')
    expect(own.problem?.detail).toContain('须由其他督导审核')
    expect(summary.outcomes.find((o) => o.visit.id === 'v1')?.verified?.status).toBe('VERIFIED')
  })

  it('sends the note with every verification', async () => {
    const { calls } = stubFetch({ [`POST ${BASE}/v1/verify`]: { body: aVisit('v1', 'VERIFIED') } })
    await verifyAll(T, [aVisit('v1')], '抽查电话回访无误')
    expect(JSON.parse(calls[0].body!)).toEqual({ note: '抽查电话回访无误' })
  })

  it('stops when the session has ended instead of calling every visit refused', async () => {
    configureClient({ navigate: () => {} })
    const { calls } = stubFetch({
      [`POST ${BASE}/v1/verify`]: { status: 401, body: { status: 401, code: 'unauthenticated' } },
    })
    await expect(verifyAll(T, [aVisit('v1'), aVisit('v2')])).rejects.toBeInstanceOf(ProblemError)
    expect(calls).toHaveLength(1)
  })

  it('verifies nothing when nothing on the page awaits review', async () => {
    const { calls } = stubFetch({})
    const summary = await verifyAll(T, [aVisit('v1', 'REJECTED')])
    expect(calls).toHaveLength(0)
    expect(summary).toEqual({ outcomes: [], verified: 0, refused: 0, byCode: {} })
  })
})
