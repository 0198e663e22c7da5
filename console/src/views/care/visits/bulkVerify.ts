import { api } from '@/api/client'
import { isProblemError, type Problem } from '@/api/problem'
import { careBase, type Visit } from '@/api/care'

/**
 * Verifying a whole page of the review queue: care-service verifies one visit per call (it judges each alone:
 * never one's own, never one already reviewed), so the page is walked one visit at a time and every answer kept.
 * One refusal stops nothing; the person sees which were verified and why the others were not.
 */
export interface VerifyOutcome {
  visit: Visit
  ok: boolean
  /** The visit as verified (ok) or the service's problem (refused). */
  verified?: Visit
  problem?: Problem
}

export interface VerifySummary {
  outcomes: VerifyOutcome[]
  verified: number
  refused: number
  /** Refusals by the problem's code (`review-own-visit`, `visit-already-reviewed`, …). */
  byCode: Record<string, number>
}

/** Only visits still awaiting review are sent; the rest of the page is left as it is. */
export function awaitingReview(visits: Visit[]): Visit[] {
  return visits.filter((v) => v.status === 'RECORDED')
}

export async function verifyAll(
  tenant: string,
  visits: Visit[],
  note?: string,
  onProgress?: (done: number, of: number) => void,
): Promise<VerifySummary> {
  const todo = awaitingReview(visits)
  const outcomes: VerifyOutcome[] = []
  for (const visit of todo) {
    try {
      const verified = await api.post<Visit>(`${careBase(tenant)}/visits/${visit.id}/verify`, note ? { note } : undefined)
      outcomes.push({ visit, ok: true, verified })
    } catch (e) {
      if (!isProblemError(e)) throw e
      // The session ended: the page is going to sign in; stop rather than record every later call as refused.
      if (e.status === 401) throw e
      outcomes.push({ visit, ok: false, problem: e.problem })
    }
    onProgress?.(outcomes.length, todo.length)
  }
  return summarize(outcomes)
}

export function summarize(outcomes: VerifyOutcome[]): VerifySummary {
  const byCode: Record<string, number> = {}
  for (const o of outcomes) {
    if (!o.ok) {
      const code = o.problem?.code ?? `http-${o.problem?.status ?? 0}`
      byCode[code] = (byCode[code] ?? 0) + 1
    }
  }
  const verified = outcomes.filter((o) => o.ok).length
  return { outcomes, verified, refused: outcomes.length - verified, byCode }
}
