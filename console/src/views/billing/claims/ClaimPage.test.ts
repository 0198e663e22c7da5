import { afterEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { mount } from '@vue/test-utils'
import { i18n } from '@/i18n'
import { useAuthStore } from '@/stores/auth'
import { stubFetch } from '../../../../test/http'
import ClaimPage from './ClaimPage.vue'

const TENANT = '530400'
const BASE = `/api/billing/v1/tenants/${TENANT}/claims/c-1`

function aClaim(status: string, statusName: string, extra: Record<string, unknown> = {}) {
  return {
    id: 'c-1', contractId: 'k-1', contractorId: 'o-1', periodFrom: '2026-10-01', periodTo: '2026-10-31', status, statusName,
    claimedAmount: '1200.50', approvedAmount: null, drawnAmount: null, paidAmount: null, paymentDueOn: null,
    includedLines: 1, excludedLines: 1,
    byExclusion: [{ exclusion: 'OUTSIDE_TERM', exclusionName: '不在合同期内', lines: 1, units: 1 }],
    openedByName: '李娟', openedAt: '2026-11-01T02:00:00Z', pricedAt: null, submittedByName: '李娟',
    submittedAt: '2026-11-02T02:00:00Z', decidedByName: null, decidedAt: null, decisionNote: null, rejection: null,
    holdbackAmount: null, paidOn: null, paymentReference: null, paymentRecordedByName: null, paymentLate: false,
    refusedApprovals: [], version: 1, ...extra,
  }
}

const lines = {
  items: [
    { id: 'l-1', district: '530402', districtName: '红塔区', serviceItemName: '助餐服务', quantity: 2, performedOn: '2026-10-03',
      unitPrice: '15.00', amount: '30.00', exclusion: null, exclusionName: null, decision: null, decisionName: null, rejectionReason: null },
    { id: 'l-2', district: '530402', districtName: '红塔区', serviceItemName: '上门探访', quantity: 1, performedOn: '2026-11-03',
      unitPrice: '40.00', amount: null, exclusion: 'OUTSIDE_TERM', exclusionName: '不在合同期内', decision: null, decisionName: null, rejectionReason: null },
  ],
  page: 0, size: 50, total: 2,
}

async function open(role: string, claim: unknown) {
  setActivePinia(createPinia())
  stubFetch({ [`GET ${BASE}`]: { body: claim }, [`GET ${BASE}/lines`]: { body: lines } })
  const auth = useAuthStore()
  auth.me = { subject: 's', username: 'u', name: '王敏', tenant: TENANT, contractor: null, roles: [role], idleTimeoutSeconds: 1800, expiresAt: '2099-01-01T00:00:00Z' }
  auth.status = 'ready'
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/billing/claims', name: 'claims', component: { render: () => null } },
      { path: '/billing/claims/:id', name: 'claim', component: ClaimPage },
    ],
  })
  await router.push('/billing/claims/c-1')
  const wrapper = mount(ClaimPage, { global: { plugins: [i18n, router] } })
  await vi.waitFor(() => expect(wrapper.text()).toContain('助餐服务'))
  return wrapper
}

afterEach(() => vi.unstubAllGlobals())

describe('a claim finance decides', () => {
  it('shows its amounts in 元, its lines with the exclusion reasons in Chinese, and the export link', async () => {
    const wrapper = await open('finance-officer', aClaim('SUBMITTED', '已提交'))
    expect(wrapper.text()).toContain('1,200.50 元')
    expect(wrapper.text()).toContain('不在合同期内')
    expect(wrapper.text()).not.toContain('OUTSIDE_TERM')
    expect(wrapper.find('a[href$="/claims/c-1/export"]').exists()).toBe(true)
  })

  it('gives a finance officer the decision on a submitted claim, and a line to reject', async () => {
    const wrapper = await open('finance-officer', aClaim('SUBMITTED', '已提交'))
    expect(wrapper.find('[data-action="decide"]').exists()).toBe(true)
    expect(wrapper.text()).toContain('驳回此条')
  })

  it('gives an auditor no write control at all', async () => {
    const wrapper = await open('auditor', aClaim('SUBMITTED', '已提交'))
    expect(wrapper.find('[data-action="decide"]').exists()).toBe(false)
    expect(wrapper.text()).not.toContain('驳回此条')
    expect(wrapper.find('form').exists()).toBe(false)
  })

  it('shows the rejection and a refused approval with who, when and why', async () => {
    const wrapper = await open('auditor', aClaim('REJECTED', '已驳回', {
      rejection: { by: 's-9', byName: '王敏', at: '2026-11-06T02:00:00Z', reason: '签到照片与记录不符' },
      refusedApprovals: [{ by: 's-8', byName: '赵强', at: '2026-11-05T02:00:00Z', code: 'contract-commitment-exhausted', reason: '合同承诺资金不足' }],
    }))
    expect(wrapper.text()).toContain('签到照片与记录不符')
    expect(wrapper.text()).toContain('批准未成功')
    expect(wrapper.text()).toContain('赵强')
    expect(wrapper.text()).toContain('合同承诺资金不足')
  })

  it('offers the treasury payment on an approved, unpaid claim only to finance', async () => {
    const approved = aClaim('APPROVED', '已批准', { approvedAmount: '1200.50', drawnAmount: '1140.48', paidAmount: '0.00', paymentDueOn: '2026-12-01' })
    const finance = await open('finance-officer', approved)
    expect(finance.text()).toContain('登记国库支付')
    const bureau = await open('bureau-admin', approved)
    expect(bureau.text()).not.toContain('登记支付')
  })
})

describe('a claim its contractor works on', () => {
  it('gives a contractor manager reprice and submit on its draft, with the lines’ exclusion reasons in Chinese', async () => {
    const wrapper = await open('contractor-manager', aClaim('DRAFT', '草稿', { submittedByName: null, submittedAt: null }))
    expect(wrapper.find('[data-test="claim-submit"]').exists()).toBe(true)
    expect(wrapper.find('[data-test="claim-reprice"]').exists()).toBe(true)
    expect(wrapper.text()).toContain('不在合同期内')
    expect(wrapper.find('[data-action="decide"]').exists()).toBe(false)
  })

  it('gives a finance officer and an auditor no claimant control on a draft', async () => {
    for (const role of ['finance-officer', 'auditor', 'bureau-admin']) {
      const wrapper = await open(role, aClaim('DRAFT', '草稿', { submittedByName: null, submittedAt: null }))
      expect(wrapper.find('[data-test="claim-submit"]').exists()).toBe(false)
      expect(wrapper.find('[data-test="claim-reprice"]').exists()).toBe(false)
      expect(wrapper.find('[data-test="claim-awaiting"]').exists()).toBe(false)
    }
  })

  it('shows the contractor manager its submitted claim as awaiting approval, with nothing left to do', async () => {
    const wrapper = await open('contractor-manager', aClaim('SUBMITTED', '已提交'))
    expect(wrapper.find('[data-test="claim-submit"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="claim-awaiting"]').text()).toContain('等待审批')
  })
})
