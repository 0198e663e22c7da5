import { describe, expect, it } from 'vitest'
import { ProblemError } from '@/api/problem'
import { useIdempotencyKey } from './idempotency'

describe('the idempotency key of a money write', () => {
  it('is kept for a retry after no answer or a passing failure', () => {
    const k = useIdempotencyKey()
    const first = k.keyFor({ note: 'x' })
    k.settled(new ProblemError({ status: 0, code: 'network-error' }))
    expect(k.keyFor({ note: 'x' })).toBe(first)
    k.settled(new ProblemError({ status: 503, code: 'care-records-unavailable' }))
    expect(k.keyFor({ note: 'x' })).toBe(first)
  })

  it('is new after an answered refusal (the service would replay it) or a success', () => {
    const k = useIdempotencyKey()
    const first = k.keyFor({ note: 'x' })
    k.settled(new ProblemError({ status: 409, code: 'contract-commitment-exhausted' }))
    const second = k.keyFor({ note: 'x' })
    expect(second).not.toBe(first)
    k.settled()
    expect(k.keyFor({ note: 'x' })).not.toBe(second)
  })

  it('is new for another request', () => {
    const k = useIdempotencyKey()
    expect(k.keyFor({ note: 'x' })).not.toBe(k.keyFor({ note: 'y' }))
  })
})
