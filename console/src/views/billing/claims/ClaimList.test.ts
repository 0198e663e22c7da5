import { afterEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { mount } from '@vue/test-utils'
import { i18n } from '@/i18n'
import { useAuthStore } from '@/stores/auth'
import { stubFetch } from '../../../../test/http'
import ClaimList from './ClaimList.vue'

const TENANT = '530400'
const BILLING = `/api/billing/v1/tenants/${TENANT}`
const claims = {
  items: [{ id: 'c-1', contractId: 'k-1', contractorId: 'o-1', periodFrom: '2026-10-01', periodTo: '2026-10-31', status: 'DRAFT', statusName: '草稿',
    claimedAmount: '1200.50', approvedAmount: null, drawnAmount: null, paidAmount: null, paymentDueOn: null }],
  page: 0, size: 20, total: 1,
}

async function list(role: string) {
  setActivePinia(createPinia())
  const { calls } = stubFetch({
    [`GET ${BILLING}/claims`]: { body: claims },
    [`GET ${BILLING}/contracts`]: { body: { items: [], page: 0, size: 200, total: 0 } },
  })
  const auth = useAuthStore()
  auth.me = { subject: 's', username: 'u', name: '李娟', tenant: TENANT, contractor: null, roles: [role], idleTimeoutSeconds: 1800, expiresAt: '2099-01-01T00:00:00Z' }
  auth.status = 'ready'
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/billing/claims', name: 'claims', component: ClaimList },
      { path: '/billing/claims/:id', name: 'claim', component: { render: () => null } },
    ],
  })
  await router.push('/billing/claims')
  const wrapper = mount(ClaimList, { global: { plugins: [i18n, router] }, attachTo: document.body })
  await vi.waitFor(() => expect(wrapper.text()).toContain('1,200.50'))
  return { wrapper, calls }
}

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('the claims list', () => {
  it('lets a contractor manager open a claim, and shows it its claims of every status', async () => {
    const { wrapper, calls } = await list('contractor-manager')
    expect(wrapper.find('[data-test="claim-open"]').exists()).toBe(true)
    expect(calls.find((c) => c.url.startsWith(`${BILLING}/claims`))?.url).not.toContain('status=')
    await wrapper.find('[data-test="claim-open"]').trigger('click')
    await vi.waitFor(() => expect(document.body.querySelector('[data-test="claim-open-submit"]')).not.toBeNull())
    expect(document.body.querySelector('[data-test="claim-contract"]')).not.toBeNull()
  })

  it('offers no claim to open to a finance officer, an auditor or the bureau', async () => {
    for (const role of ['finance-officer', 'auditor', 'bureau-admin']) {
      const { wrapper } = await list(role)
      expect(wrapper.find('[data-test="claim-open"]').exists()).toBe(false)
      expect(document.body.querySelector('[data-test="claim-open-form"]')).toBeNull()
      wrapper.unmount()
    }
  })
})
