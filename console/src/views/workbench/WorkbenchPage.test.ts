import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, RouterLinkStub } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { configureClient } from '@/api/client'
import { i18n, setLocale } from '@/i18n'
import { useAuthStore } from '@/stores/auth'
import { useScopeStore } from '@/stores/scope'
import { stubFetch } from '../../../test/http'
import WorkbenchPage from './WorkbenchPage.vue'
import { createMemoryHistory, createRouter } from 'vue-router'

const router = () => createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] })

const financeOfficer = {
  subject: 's', username: 'hongta-finance-officer', name: '王丽萍', tenant: '530402', contractor: null,
  roles: ['finance-officer'], idleTimeoutSeconds: 1800, expiresAt: '',
}

beforeEach(() => {
  setActivePinia(createPinia())
  sessionStorage.clear()
  setLocale('zh-CN')
  configureClient({ navigate: vi.fn(), locale: () => 'zh-CN' })
})
afterEach(() => vi.unstubAllGlobals())

async function mountWith(answers: Parameters<typeof stubFetch>[0]) {
  stubFetch({
    'GET /auth/me': { body: financeOfficer },
    'GET /api/tenants/v1/tenants': { body: [{ code: '530402', name: '红塔区', level: 'DISTRICT', parentCode: '530400', status: 'ACTIVE' }] },
    ...answers,
  })
  await useAuthStore().load()
  await useScopeStore().load()
  const wrapper = mount(WorkbenchPage, { global: { plugins: [i18n, router()], stubs: { RouterLink: RouterLinkStub } } })
  await flushPromises()
  return wrapper
}

const card = (w: Awaited<ReturnType<typeof mountWith>>, key: string) => w.find(`[data-card="${key}"]`)

describe('the workbench', () => {
  it('shows each of the role\'s counts with its link, in the tenant worked in', async () => {
    const w = await mountWith({
      'GET /api/billing/v1/tenants/530402/contracts': { body: { items: [], page: 0, size: 1, total: 1 } },
      'GET /api/billing/v1/tenants/530402/claims': { body: { items: [], page: 0, size: 1, total: 1234 } },
      'GET /api/tenants/v1/tenants/530402/engagements': { body: [] },
    })
    expect(w.text()).toContain('红塔区（530402）')
    expect(card(w, 'contractsToSign').text()).toContain('待签订合同')
    expect(card(w, 'contractsToSign').text()).toContain('1')
    expect(card(w, 'claimsToApprove').text()).toContain('1,234')
    expect(card(w, 'paymentsOverdue').text()).toContain('0')
    expect(card(w, 'claimsToApprove').findComponent(RouterLinkStub).props('to')).toBe('/billing/claims?status=SUBMITTED')
    expect(w.find('[data-card="visitsToReview"]').exists()).toBe(false)
  })

  it('shows a card that could not be counted with the service\'s message and a retry, the others still counted', async () => {
    const w = await mountWith({
      'GET /api/billing/v1/tenants/530402/contracts': {
        status: 503,
        body: { status: 503, code: 'service-unavailable', title: '服务暂时不可用' },
      },
      'GET /api/billing/v1/tenants/530402/claims': { body: { items: [], page: 0, size: 1, total: 2 } },
      'GET /api/tenants/v1/tenants/530402/engagements': { body: [] },
    })
    expect(card(w, 'contractsToSign').text()).toContain('服务暂时不可用')
    expect(card(w, 'contractsToSign').find('button').text()).toBe('重试')
    expect(card(w, 'claimsToApprove').text()).toContain('2')
  })

  it('counts a city user\'s work in the city and its active districts, each district one click away', async () => {
    const cityManager = { ...financeOfficer, username: 'yuxi-contractor-manager', tenant: '530400', contractor: 'c-1', roles: ['contractor-manager'] }
    const total = (n: number) => ({ body: { items: [], page: 0, size: 1, total: n } })
    stubFetch({
      'GET /auth/me': { body: cityManager },
      'GET /api/tenants/v1/tenants': {
        body: [
          { code: '530400', name: '玉溪市', level: 'CITY', parentCode: null, status: 'ACTIVE' },
          { code: '530402', name: '红塔区', level: 'DISTRICT', parentCode: '530400', status: 'ACTIVE' },
          { code: '530423', name: '通海县', level: 'DISTRICT', parentCode: '530400', status: 'ACTIVE' },
          { code: '530425', name: '易门县', level: 'DISTRICT', parentCode: '530400', status: 'PROVISIONING' },
        ],
      },
      'GET /api/care/v1/tenants/530400/visits': total(0),
      'GET /api/care/v1/tenants/530402/visits': total(12),
      'GET /api/care/v1/tenants/530423/visits': total(3),
    })
    await useAuthStore().load()
    await useScopeStore().load()
    const w = mount(WorkbenchPage, { global: { plugins: [i18n, router()], stubs: { RouterLink: RouterLinkStub } } })
    await flushPromises()
    const visits = w.find('[data-card="visitsToReview"]')
    expect(visits.find('.card-count').text()).toBe('15')
    expect(visits.findAll('.card-part').map((b) => b.text())).toEqual(['玉溪市 0', '红塔区 12', '通海县 3'])
    expect(w.text()).toContain('玉溪市（530400） 及所辖 2 个区县')
  })
})
