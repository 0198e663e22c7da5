import { networkProblem, ProblemError, readProblem } from './problem'

/**
 * The one HTTP client of the console: same-origin calls to the gateway with the session cookie (no token ever
 * reaches this page), the locale as Accept-Language, the CSRF token on writes, problem+json turned into
 * {@link ProblemError}, and a 401 sent to the sign-in page.
 */

export type Query = Record<string, string | number | boolean | null | undefined | (string | number)[]>

export interface RequestOptions {
  query?: Query
  body?: unknown
  signal?: AbortSignal
  headers?: Record<string, string>
}

interface ClientSettings {
  locale: () => string
  navigate: (url: string) => void
}

const settings: ClientSettings = {
  locale: () => 'zh-CN',
  navigate: (url) => window.location.assign(url),
}

/** Set once by main.ts (the i18n locale); tests set `navigate` to watch it. */
export function configureClient(changes: Partial<ClientSettings>): void {
  Object.assign(settings, changes)
}

export const CSRF_COOKIE = 'XSRF-TOKEN'
export const CSRF_HEADER = 'X-XSRF-TOKEN'

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function csrfToken(cookies: string = document.cookie): string | undefined {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === CSRF_COOKIE) {
      return decodeURIComponent(part.slice(eq + 1).trim())
    }
  }
  return undefined
}

/** The gateway's sign-in: it goes to Keycloak and comes back to `next` (a path of this origin). */
export function signInUrl(next: string = currentPath()): string {
  return `/auth/login?next=${encodeURIComponent(next)}`
}

export function signIn(next?: string): void {
  settings.navigate(signInUrl(next))
}

/** A full-page navigation (sign in, sign out): the page leaves the console. */
export function navigateAway(url: string): void {
  settings.navigate(url)
}

function currentPath(): string {
  return window.location.pathname + window.location.search + window.location.hash
}

export function withQuery(path: string, query?: Query): string {
  if (!query) {
    return path
  }
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') {
      continue
    }
    if (Array.isArray(value)) {
      value.forEach((v) => params.append(key, String(v)))
    } else {
      params.append(key, String(value))
    }
  }
  const qs = params.toString()
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path
}

let signingIn = false

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const verb = method.toUpperCase()
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': settings.locale(),
    ...options.headers,
  }
  let body: BodyInit | undefined
  if (options.body instanceof FormData) {
    body = options.body
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  if (WRITES.has(verb)) {
    const token = csrfToken()
    if (token) {
      headers[CSRF_HEADER] = token
    }
  }
  let res: Response
  try {
    res = await fetch(withQuery(path, options.query), {
      method: verb,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') {
      throw e
    }
    throw new ProblemError(networkProblem(e))
  }
  if (res.status === 401) {
    const problem = await readProblem(res)
    // The session is gone (or never was): the whole page goes to sign in, once, and comes back here.
    if (!signingIn) {
      signingIn = true
      signIn()
    }
    throw new ProblemError(problem)
  }
  if (!res.ok) {
    throw new ProblemError(await readProblem(res))
  }
  if (res.status === 204 || res.headers.get('Content-Length') === '0') {
    return undefined as T
  }
  const type = res.headers.get('Content-Type') ?? ''
  return (type.includes('json') ? await res.json() : await res.text()) as T
}

/** Only for tests: forget that a sign-in was started. */
export function resetSignIn(): void {
  signingIn = false
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, { body, query }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
}

/**
 * An XLSX (or any file) download: a plain GET the browser makes itself, with the session cookie; use as an
 * `<a :href download>`.
 */
export function downloadUrl(path: string, query?: Query): string {
  return withQuery(path, query)
}

/** A page of a list endpoint (platform `PageView`). */
export interface Page<T> {
  items: T[]
  page: number
  size: number
  total: number
}
