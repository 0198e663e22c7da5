import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { api, configureClient, csrfToken, downloadUrl, resetSignIn } from './client'
import { ProblemError } from './problem'
import { stubFetch } from '../../test/http'

const navigate = vi.fn()

beforeEach(() => {
  navigate.mockReset()
  resetSignIn()
  configureClient({ locale: () => 'zh-CN', navigate })
  document.cookie = 'XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT'
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('the API client', () => {
  it('sends the CSRF cookie back as X-XSRF-TOKEN on every write, and never on a read', async () => {
    document.cookie = 'XSRF-TOKEN=abc%2D123'
    const { calls } = stubFetch({
      'GET /api/care/v1/tenants/530402/elders': { body: { items: [], page: 0, size: 20, total: 0 } },
      'POST /api/care/v1/tenants/530402/elders': { status: 201, body: { id: 'e1' } },
      'PUT /api/x': { body: {} },
      'PATCH /api/x': { body: {} },
      'DELETE /api/x': { status: 204 },
    })
    await api.get('/api/care/v1/tenants/530402/elders')
    await api.post('/api/care/v1/tenants/530402/elders', { name: '张三' })
    await api.put('/api/x', {})
    await api.patch('/api/x', {})
    await api.delete('/api/x')

    expect(calls[0].headers['X-XSRF-TOKEN']).toBeUndefined()
    expect(calls.slice(1).map((c) => [c.method, c.headers['X-XSRF-TOKEN']])).toEqual([
      ['POST', 'abc-123'],
      ['PUT', 'abc-123'],
      ['PATCH', 'abc-123'],
      ['DELETE', 'abc-123'],
    ])
    expect(calls[1].headers['Content-Type']).toBe('application/json')
    expect(calls[1].body).toBe('{"name":"张三"}')
  })

  it('asks in the console language and keeps to its own origin with the session cookie', async () => {
    const { fn, calls } = stubFetch({ 'GET /api/tenants/v1/tenants': { body: [] } })
    configureClient({ locale: () => 'en' })
    await api.get('/api/tenants/v1/tenants')
    expect(calls[0].headers['Accept-Language']).toBe('en')
    expect(fn.mock.calls[0][1]).toMatchObject({ credentials: 'same-origin' })
  })

  it('sends a 401 to sign in, with the page to come back to', async () => {
    window.history.replaceState(null, '', '/care/elders?page=2')
    stubFetch({
      'GET /api/care/v1/tenants/530402/elders': {
        status: 401,
        body: { status: 401, code: 'unauthenticated', title: '未登录' },
      },
    })
    const error = await api.get('/api/care/v1/tenants/530402/elders').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProblemError)
    expect((error as ProblemError).code).toBe('unauthenticated')
    expect(navigate).toHaveBeenCalledExactlyOnceWith('/auth/login?next=%2Fcare%2Felders%3Fpage%3D2')
  })

  it('turns problem+json into a ProblemError with its title, detail, code, trace and field errors', async () => {
    stubFetch({
      'POST /api/tenants/v1/contractors': {
        status: 400,
        body: {
          type: 'urn:warmnest:problem:validation-failed',
          title: '请求校验失败',
          status: 400,
          detail: '有 1 个字段不符合要求',
          code: 'validation-failed',
          traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
          errors: [{ field: 'uscc', code: 'uscc-invalid', message: '统一社会信用代码校验位不正确' }],
        },
      },
    })
    const error = (await api.post('/api/tenants/v1/contractors', {}).catch((e: unknown) => e)) as ProblemError
    expect(error).toBeInstanceOf(ProblemError)
    expect(error.status).toBe(400)
    expect(error.problem).toMatchObject({
      title: '请求校验失败',
      detail: '有 1 个字段不符合要求',
      code: 'validation-failed',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      errors: [{ field: 'uscc', message: '统一社会信用代码校验位不正确' }],
    })
    expect(navigate).not.toHaveBeenCalled()
  })

  it('takes the code from the type when a problem has none, and survives an answer that is not JSON', async () => {
    stubFetch({
      'GET /api/a': { status: 409, body: { type: 'urn:warmnest:problem:tenant-not-ready', title: '租户开通中' } },
      'GET /api/b': { status: 502, body: '<html>bad gateway</html>', contentType: 'text/html' },
    })
    const a = (await api.get('/api/a').catch((e: unknown) => e)) as ProblemError
    expect(a.code).toBe('tenant-not-ready')
    expect(a.status).toBe(409)
    const b = (await api.get('/api/b').catch((e: unknown) => e)) as ProblemError
    expect(b).toBeInstanceOf(ProblemError)
    expect(b.status).toBe(502)
    expect(b.problem.errors).toBeUndefined()
  })

  it('reports a request that got no answer as a network problem', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')))
    const e = (await api.get('/api/x').catch((x: unknown) => x)) as ProblemError
    expect(e.status).toBe(0)
    expect(e.code).toBe('network-error')
  })

  it('leaves out empty query values and repeats arrays', async () => {
    const { calls } = stubFetch({ 'GET /api/e': { body: {} } })
    await api.get('/api/e', { name: '', status: 'ACTIVE', page: 0, category: ['HIGH_AGE', 'LIVING_ALONE'], x: undefined })
    expect(calls[0].url).toBe('/api/e?status=ACTIVE&page=0&category=HIGH_AGE&category=LIVING_ALONE')
    expect(downloadUrl('/api/care/v1/tenants/530402/elders/export', { status: 'ACTIVE' })).toBe(
      '/api/care/v1/tenants/530402/elders/export?status=ACTIVE',
    )
  })

  it('reads the CSRF token among other cookies', () => {
    expect(csrfToken('a=1; XSRF-TOKEN=tok%3D; b=2')).toBe('tok=')
    expect(csrfToken('a=1')).toBeUndefined()
  })
})
