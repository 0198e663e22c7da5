import { isProblemError } from '@/api/problem'
import { idempotencyKey } from './api'

/**
 * The Idempotency-Key of a money-moving write as the person makes it. A retry of the same request after no
 * answer or a passing failure (network, 5xx, 429: the service frees the key) reuses the key, so the write never
 * happens twice; after an answered refusal (4xx, which the service would replay for that key) or a success, the
 * next attempt gets a new key.
 */
export function useIdempotencyKey() {
  let attempt: { body: string; key: string } | null = null

  function keyFor(body: unknown): string {
    const text = JSON.stringify(body)
    if (!attempt || attempt.body !== text) attempt = { body: text, key: idempotencyKey() }
    return attempt.key
  }

  function settled(error?: unknown): void {
    const status = isProblemError(error) ? error.status : undefined
    const passing = status !== undefined && (status === 0 || status === 429 || status >= 500)
    if (!passing) attempt = null
  }

  return { keyFor, settled }
}
