import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { configureClient } from '@/api/client'
import { stubFetch } from '../../test/http'
import { useAuthStore } from './auth'
import { useScopeStore } from './scope'

const tenant = (code: string, name: string, parentCode: string | null, status = 'ACTIVE') => ({
  code, name, level: parentCode ? 'DISTRICT' : 'CITY', parentCode, status,
})
const YUXI = [
  tenant('530400', '玉溪市', null),
  tenant('530402', '红塔区', '530400'),
  tenant('530423', '通海县', '530400'),
  tenant('530425', '易门县', '530400', 'PROVISIONING'),
]
const me = (username: string, tenantCode: string | null, roles: string[]) => ({
  subject: 's', username, name: null, tenant: tenantCode, contractor: null, roles, idleTimeoutSeconds: 1800, expiresAt: '',
})

beforeEach(() => {
  setActivePinia(createPinia())
  sessionStorage.clear()
  configureClient({ navigate: vi.fn(), locale: () => 'zh-CN' })
})
afterEach(() => vi.unstubAllGlobals())

describe('the working tenant', () => {
  it('lets a city user switch between the city and its active districts, and remembers the choice', async () => {
    stubFetch({ 'GET /auth/me': { body: me('yuxi-bureau-admin', '530400', ['bureau-admin']) }, 'GET /api/tenants/v1/tenants': { body: YUXI } })
    await useAuthStore().load()
    const scope = useScopeStore()
    await scope.load()
    expect(scope.current).toBe('530400')
    expect(scope.currentName).toBe('玉溪市')
    expect(scope.choices.map((t) => t.code)).toEqual(['530400', '530402', '530423'])
    expect(scope.districts.map((t) => t.code)).toEqual(['530402', '530423', '530425'])
    scope.select('530402')
    expect(scope.current).toBe('530402')
    await Promise.resolve()
    expect(sessionStorage.getItem('warmnest.scope')).toBe('530402')
  })

  it('never works in a tenant outside the choices (a district still provisioning, another city)', async () => {
    stubFetch({ 'GET /auth/me': { body: me('yuxi-bureau-admin', '530400', ['bureau-admin']) }, 'GET /api/tenants/v1/tenants': { body: YUXI } })
    await useAuthStore().load()
    const scope = useScopeStore()
    await scope.load()
    scope.select('530425')
    expect(scope.current).toBe('530400')
    scope.select('530300')
    expect(scope.current).toBe('530400')
  })

  it('gives a district user no switch', async () => {
    stubFetch({ 'GET /auth/me': { body: me('hongta-bureau-admin', '530402', ['bureau-admin']) }, 'GET /api/tenants/v1/tenants': { body: YUXI.slice(1, 2) } })
    await useAuthStore().load()
    const scope = useScopeStore()
    await scope.load()
    expect(scope.choices).toEqual([])
    expect(scope.current).toBe('530402')
    expect(scope.currentName).toBe('红塔区')
  })

  it('does not ask the directory for a care worker, who may not read it, and shows the code alone', async () => {
    const { calls } = stubFetch({ 'GET /auth/me': { body: me('hongta-care-worker', '530402', ['care-worker']) } })
    await useAuthStore().load()
    const scope = useScopeStore()
    await scope.load()
    expect(calls.map((c) => c.url)).toEqual(['/auth/me'])
    expect(scope.current).toBe('530402')
    expect(scope.currentName).toBeNull()
    expect(scope.failed).toBe(false)
  })
})
