import { ref, shallowRef, type Ref } from 'vue'
import { isProblemError, ProblemError } from '@/api/problem'

/**
 * One piece of server data with its loading and error states; a new load cancels the one still running, so a
 * slow answer for the previous tenant never lands on the page of the next.
 */
export function useLoad<T>(loader: (signal: AbortSignal) => Promise<T>, initial: T) {
  const data = shallowRef<T>(initial) as Ref<T>
  const loading = ref(false)
  const error = shallowRef<ProblemError | null>(null)
  let running: AbortController | null = null

  async function load(): Promise<void> {
    running?.abort()
    const mine = new AbortController()
    running = mine
    loading.value = true
    error.value = null
    try {
      const found = await loader(mine.signal)
      if (running === mine) data.value = found
    } catch (e) {
      if (running !== mine || (e instanceof DOMException && e.name === 'AbortError')) return
      error.value = isProblemError(e) ? e : new ProblemError({ status: 0, detail: String(e) })
    } finally {
      if (running === mine) loading.value = false
    }
  }

  return { data, loading, error, load }
}
