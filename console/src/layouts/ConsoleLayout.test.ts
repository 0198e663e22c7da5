import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { configureClient } from '@/api/client'
import { i18n, setLocale } from '@/i18n'
import { useAuthStore } from '@/stores/auth'
import { useScopeStore } from '@/stores/scope'
import { stubFetch } from '../../test/http'
import ConsoleLayout from './ConsoleLayout.vue'

const me = (username: string, name: string | null, tenant: string | null, roles: string[]) => ({
  subject: 's', username, name, tenant, contractor: null, roles, idleTimeoutSeconds: 1800, expiresAt: '',
})
const YUXI = [
  { code: '530400', name: '玉溪市', level: 'CITY', parentCode: null, status: 'ACTIVE' },
  { code: '530402', name: '红塔区', level: 'DISTRICT', parentCode: '530400', status: 'ACTIVE' },
]

async function mountAs(user: ReturnType<typeof me>) {
  stubFetch({ 'GET /auth/me': { body: user }, 'GET /api/tenants/v1/tenants': { body: YUXI } })
  await useAuthStore().load()
  await useScopeStore().load()
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] })
  await router.push('/')
  const wrapper = mount(ConsoleLayout, { global: { plugins: [i18n, router] } })
  await flushPromises()
  return wrapper
}

beforeEach(() => {
  setActivePinia(createPinia())
  sessionStorage.clear()
  setLocale('zh-CN')
  configureClient({ navigate: vi.fn(), locale: () => 'zh-CN' })
})
afterEach(() => vi.unstubAllGlobals())

describe('the console frame', () => {
  it('always shows who is signed in: name, roles in Chinese, tenant name and code', async () => {
    const wrapper = await mountAs(me('yuxi-bureau-admin', '李建华', '530400', ['bureau-admin', 'auditor']))
    const identity = wrapper.find('[data-test="identity"]').text()
    expect(identity).toContain('李建华')
    expect(identity).toContain('民政局管理员')
    expect(identity).toContain('审计监督')
    expect(identity).toContain('玉溪市 530400')
  })

  it('offers a city user the switch to its districts, and a district user none', async () => {
    const city = await mountAs(me('yuxi-bureau-admin', null, '530400', ['bureau-admin']))
    expect(city.find('#scope-select').exists()).toBe(true)
    setActivePinia(createPinia())
    const district = await mountAs(me('hongta-bureau-admin', null, '530402', ['bureau-admin']))
    expect(district.find('#scope-select').exists()).toBe(false)
    expect(district.find('[data-test="identity"]').text()).toContain('hongta-bureau-admin')
  })

  it('shows in the menu only the pages the roles may read', async () => {
    const worker = await mountAs(me('hongta-care-worker', null, '530402', ['care-worker']))
    const menu = worker.find('nav').text()
    expect(menu).toContain('老人档案')
    expect(menu).not.toContain('探访审核')
    expect(menu).not.toContain('合同')
    expect(menu).not.toContain('区县')
    // links, so that Tab reaches them and Enter opens them
    expect(worker.findAll('nav a').map((a) => a.attributes('href'))).toEqual([
      '/', '/care/elders', '/care/alerts', '/care/assessments/due', '/care/assessments/new', '/care/elders/import',
      '/care/plans', '/bureau/areas',
    ])
    setActivePinia(createPinia())
    const finance = await mountAs(me('yuxi-finance-officer', null, '530400', ['finance-officer']))
    const financeMenu = finance.find('nav').text()
    expect(financeMenu).toContain('结算申请')
    expect(financeMenu).toContain('区县')
    expect(financeMenu).not.toContain('老人档案')
  })
})
