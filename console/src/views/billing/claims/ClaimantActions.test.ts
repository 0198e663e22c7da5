import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { ElMessageBox } from 'element-plus'
import { i18n } from '@/i18n'
import { stubFetch } from '../../../../test/http'
import type { Claim } from '../api'
import ClaimantActions from './ClaimantActions.vue'

const BASE = '/api/billing/v1/tenants/530400/claims/c-1'
const draft = { id: 'c-1', status: 'DRAFT', statusName: '草稿' } as Claim

function mountActions() {
  return mount(ClaimantActions, { props: { tenant: '530400', claim: draft }, global: { plugins: [i18n] }, attachTo: document.body })
}

afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('a contractor manager’s draft', () => {
  it('submits only once confirmed, and hands back the submitted claim', async () => {
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    const submitted = { ...draft, status: 'SUBMITTED', statusName: '已提交' }
    const { calls } = stubFetch({ [`POST ${BASE}/submit`]: { body: submitted } })
    const wrapper = mountActions()
    await wrapper.find('[data-test="claim-submit"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.emitted('changed')?.[0]).toEqual([submitted]))
    expect(confirm).toHaveBeenCalledOnce()
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([`POST ${BASE}/submit`])
  })

  it('sends nothing when the submission is not confirmed', async () => {
    vi.spyOn(ElMessageBox, 'confirm').mockRejectedValue('cancel')
    const { calls } = stubFetch({})
    const wrapper = mountActions()
    await wrapper.find('[data-test="claim-submit"]').trigger('click')
    await new Promise((r) => setTimeout(r, 20))
    expect(calls).toHaveLength(0)
    expect(wrapper.emitted('changed')).toBeUndefined()
  })

  it('shows the service’s message when the draft has nothing to pay (nothing verified in the period)', async () => {
    vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    stubFetch({
      [`POST ${BASE}/submit`]: { status: 409, body: { status: 409, code: 'claim-empty', title: '没有可结算的服务', detail: '结算申请 c-1 没有可支付的明细。' } },
    })
    const wrapper = mountActions()
    await wrapper.find('[data-test="claim-submit"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[role="alert"]').text()).toContain('没有可结算的服务'))
    expect(wrapper.find('[role="alert"]').text()).toContain('没有可支付的明细')
  })

  it('reprices without asking, and hands back the repriced claim', async () => {
    const repriced = { ...draft, claimedAmount: '990.00' }
    const { calls } = stubFetch({ [`POST ${BASE}/reprice`]: { body: repriced } })
    const wrapper = mountActions()
    await wrapper.find('[data-test="claim-reprice"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.emitted('changed')?.[0]).toEqual([repriced]))
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([`POST ${BASE}/reprice`])
  })
})
