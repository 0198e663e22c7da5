import { vi } from 'vitest'

export interface Call {
  url: string
  method: string
  headers: Record<string, string>
  body?: string
}

type Answer = { status?: number; body?: unknown; contentType?: string }

/** A stand-in for `fetch`: answers by "METHOD path" (query ignored unless given), records every call. */
export function stubFetch(answers: Record<string, Answer | ((url: URL) => Answer)>) {
  const calls: Call[] = []
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://console.test')
    const method = (init.method ?? 'GET').toUpperCase()
    calls.push({
      url: url.pathname + url.search,
      method,
      headers: { ...(init.headers as Record<string, string>) },
      body: typeof init.body === 'string' ? init.body : undefined,
    })
    const found = answers[`${method} ${url.pathname}${url.search}`] ?? answers[`${method} ${url.pathname}`]
    const answer = typeof found === 'function' ? found(url) : found
    if (!answer) {
      return new Response(JSON.stringify({ status: 404, code: 'not-found', title: '未找到' }), {
        status: 404,
        headers: { 'Content-Type': 'application/problem+json' },
      })
    }
    const status = answer.status ?? 200
    const contentType = answer.contentType ?? (status >= 400 ? 'application/problem+json' : 'application/json')
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status,
      headers: { 'Content-Type': contentType },
    })
  })
  vi.stubGlobal('fetch', fn)
  return { calls, fn }
}
