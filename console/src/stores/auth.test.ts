import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { configureClient, resetSignIn } from '@/api/client'
import { stubFetch } from '../../test/http'
import { useAuthStore } from './auth'

const navigate = vi.fn()

const cityBureau = {
  subject: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  username: 'yuxi-bureau-admin',
  name: '李建华',
  tenant: '530400',
  contractor: null,
  roles: ['bureau-admin', 'default-roles-warmnest', 'mfa-required'],
  idleTimeoutSeconds: 1800,
  expiresAt: '2026-12-08T08:00:00Z',
}

beforeEach(() => {
  setActivePinia(createPinia())
  navigate.mockReset()
  resetSignIn()
  configureClient({ navigate, locale: () => 'zh-CN' })
})

afterEach(() => vi.unstubAllGlobals())

describe('the session store', () => {
  it('knows the user, their roles (the console\'s only) and whether they work for a city', async () => {
    const { calls } = stubFetch({ 'GET /auth/me': { body: cityBureau } })
    const auth = useAuthStore()
    await auth.load()
    expect(auth.status).toBe('ready')
    expect(auth.displayName).toBe('李建华')
    expect(auth.roles).toEqual(['bureau-admin'])
    expect(auth.isCityUser).toBe(true)
    expect(auth.can('finance-officer')).toBe(false)
    expect(auth.can('finance-officer', 'bureau-admin')).toBe(true)
    await auth.load()
    expect(calls).toHaveLength(1)
  })

  it('names a user without a display name by the username; a district user is no city user', async () => {
    stubFetch({
      'GET /auth/me': {
        body: { ...cityBureau, username: 'hongta-care-worker', name: null, tenant: '530402', roles: ['care-worker'] },
      },
    })
    const auth = useAuthStore()
    await auth.load()
    expect(auth.displayName).toBe('hongta-care-worker')
    expect(auth.isCityUser).toBe(false)
  })

  it('sends a visitor without a session to sign in', async () => {
    window.history.replaceState(null, '', '/billing/claims')
    stubFetch({ 'GET /auth/me': { status: 401, body: { status: 401, code: 'unauthenticated', title: '未登录' } } })
    const auth = useAuthStore()
    await auth.load()
    expect(auth.me).toBeNull()
    expect(auth.status).toBe('error')
    expect(auth.error?.code).toBe('unauthenticated')
    expect(navigate).toHaveBeenCalledWith('/auth/login?next=%2Fbilling%2Fclaims')
  })

  it('sends a first visitor (no session: 204, nothing to log as an error) to sign in', async () => {
    window.history.replaceState(null, '', '/care/elders?grid=K01')
    stubFetch({ 'GET /auth/me': { status: 204 } })
    const auth = useAuthStore()
    expect(await auth.load()).toBeNull()
    expect(auth.me).toBeNull()
    expect(auth.error).toBeNull()
    expect(navigate).toHaveBeenCalledWith('/auth/login?next=%2Fcare%2Felders%3Fgrid%3DK01')
  })

  it('keeps the error of a gateway that cannot answer, without sending anyone to sign in', async () => {
    stubFetch({ 'GET /auth/me': { status: 503, body: { status: 503, code: 'identity-state-unavailable', title: '服务暂不可用' } } })
    const auth = useAuthStore()
    await auth.load()
    expect(auth.status).toBe('error')
    expect(auth.error?.status).toBe(503)
    expect(navigate).not.toHaveBeenCalled()
  })

  it('signs out with the CSRF header and follows the end-session redirect', async () => {
    document.cookie = 'XSRF-TOKEN=t0k'
    const { calls } = stubFetch({
      'GET /auth/me': { body: cityBureau },
      'POST /auth/logout': { body: { redirect: 'http://127.0.0.1:8180/realms/warmnest/protocol/openid-connect/logout?x=1' } },
    })
    const auth = useAuthStore()
    await auth.load()
    await auth.logout()
    const logout = calls.find((c) => c.url === '/auth/logout')!
    expect(logout.method).toBe('POST')
    expect(logout.headers['X-XSRF-TOKEN']).toBe('t0k')
    expect(navigate).toHaveBeenCalledWith('http://127.0.0.1:8180/realms/warmnest/protocol/openid-connect/logout?x=1')
    expect(auth.me).toBeNull()
  })
})
