import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { ElMessageBox } from 'element-plus'
import { i18n } from '@/i18n'
import { stubFetch } from '../../../../test/http'
import type { Claim } from '../api'
import ClaimDecisionForm, { type LineToReject } from './ClaimDecisionForm.vue'

const TENANT = '530400'
const CLAIM_PATH = `/api/billing/v1/tenants/${TENANT}/claims/c-1`

function aSubmittedClaim(): Claim {
  return {
    id: 'c-1',
    contractId: 'k-1',
    contractorId: 'o-1',
    periodFrom: '2026-10-01',
    periodTo: '2026-10-31',
    status: 'SUBMITTED',
    statusName: '已提交',
    claimedAmount: '1200.00',
    approvedAmount: null,
    drawnAmount: null,
    paidAmount: null,
    paymentDueOn: null,
    includedLines: 3,
    excludedLines: 1,
    byExclusion: [],
    openedByName: '李娟',
    openedAt: '2026-11-01T02:00:00Z',
    pricedAt: null,
    submittedByName: '李娟',
    submittedAt: '2026-11-02T02:00:00Z',
    decidedByName: null,
    decidedAt: null,
    decisionNote: null,
    rejection: null,
    holdbackAmount: null,
    paidOn: null,
    paymentReference: null,
    paymentRecordedByName: null,
    paymentLate: false,
    refusedApprovals: [],
    version: 2,
  }
}

function mountForm(rejected: LineToReject[] = []) {
  return mount(ClaimDecisionForm, {
    props: { tenant: TENANT, claim: aSubmittedClaim(), rejected },
    global: { plugins: [i18n] },
    attachTo: document.body,
  })
}

async function choose(wrapper: ReturnType<typeof mountForm>, mode: 'approve' | 'reject') {
  await wrapper.find(`[data-mode="${mode}"] input`).setValue(true)
}

const errorOf = (wrapper: ReturnType<typeof mountForm>, field: string) =>
  wrapper.find(`[data-field="${field}"]`).element.closest('.el-form-item')?.querySelector('.el-form-item__error')

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

describe('rejecting a claim', () => {
  it('asks for a reason and sends nothing without one', async () => {
    const { calls } = stubFetch({})
    const wrapper = mountForm()
    await choose(wrapper, 'reject')
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(errorOf(wrapper, 'note')?.textContent).toBe('驳回必须填写理由'))
    expect(calls).toHaveLength(0)
  })

  it('a blank reason is no reason', async () => {
    const { calls } = stubFetch({})
    const wrapper = mountForm()
    await choose(wrapper, 'reject')
    await wrapper.find('[data-field="note"] textarea, textarea[data-field="note"]').setValue('   ')
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(errorOf(wrapper, 'note')?.textContent).toBe('驳回必须填写理由'))
    expect(calls).toHaveLength(0)
  })

  it('sends the reason with an idempotency key once confirmed, and hands back the rejected claim', async () => {
    vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    const rejected = { ...aSubmittedClaim(), status: 'REJECTED', statusName: '已驳回' }
    const { calls } = stubFetch({ [`POST ${CLAIM_PATH}/reject`]: { body: rejected } })
    const wrapper = mountForm()
    await choose(wrapper, 'reject')
    await wrapper.find('textarea').setValue(' 服务记录与签到不符 ')
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.emitted('decided')).toBeTruthy())
    expect(calls).toHaveLength(1)
    expect(JSON.parse(calls[0].body!)).toEqual({ note: '服务记录与签到不符' })
    expect(calls[0].headers['Idempotency-Key']).toMatch(/^[A-Za-z0-9_.:-]{8,100}$/)
    expect((wrapper.emitted('decided')![0][0] as Claim).statusName).toBe('已驳回')
  })
})

describe('approving a claim', () => {
  it('approves wholly without a note', async () => {
    const { calls } = stubFetch({ [`POST ${CLAIM_PATH}/approve`]: { body: { ...aSubmittedClaim(), status: 'APPROVED' } } })
    const wrapper = mountForm()
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.emitted('decided')).toBeTruthy())
    expect(JSON.parse(calls[0].body!)).toEqual({})
  })

  it('wants a reason for each line rejected', async () => {
    const { calls } = stubFetch({})
    const wrapper = mountForm([{ lineId: 'l-1', label: '2026-10-03 红塔区 助餐 × 1', reason: '' }])
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.text()).toContain('请填写该条明细的驳回理由'))
    expect(calls).toHaveLength(0)
  })

  it('shows the service’s problem above the form and its field errors under their fields', async () => {
    const { calls } = stubFetch({
      [`POST ${CLAIM_PATH}/approve`]: {
        status: 400,
        body: {
          status: 400,
          code: 'validation-failed',
          title: '请求校验失败',
          detail: '有 1 个字段不符合要求',
          errors: [{ field: 'note', code: 'Size', message: '长度不能超过 1000' }],
        },
      },
    })
    const wrapper = mountForm()
    await wrapper.find('textarea').setValue('同意')
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(errorOf(wrapper, 'note')?.textContent).toBe('长度不能超过 1000'))
    expect(wrapper.find('[role="alert"]').text()).toContain('请求校验失败')
    expect(wrapper.emitted('failed')).toBeTruthy()
    expect(calls).toHaveLength(1)
  })

  it('a refused approval (the money could not move) shows the service’s message', async () => {
    stubFetch({
      [`POST ${CLAIM_PATH}/approve`]: {
        status: 409,
        body: { status: 409, code: 'contract-commitment-exhausted', title: '合同承诺资金不足', detail: '合同在红塔区的承诺余额不足以支付本次结算' },
      },
    })
    const wrapper = mountForm()
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    await vi.waitFor(() => expect(wrapper.find('[role="alert"]').text()).toContain('合同承诺资金不足'))
    expect(wrapper.find('[role="alert"]').text()).toContain('承诺余额不足')
  })
})
