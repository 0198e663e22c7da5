import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { i18n } from '@/i18n'
import { stubFetch } from '../../../../test/http'
import type { Claim } from '../api'
import PaymentForm from './PaymentForm.vue'

const claim = { id: 'c-2', status: 'APPROVED' } as Claim
const PATH = '/api/billing/v1/tenants/530400/claims/c-2/payment'

function mountForm() {
  return mount(PaymentForm, { props: { tenant: '530400', claim }, global: { plugins: [i18n] }, attachTo: document.body })
}

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('recording the treasury payment', () => {
  it('wants the date and the transfer reference before sending anything', async () => {
    const { calls } = stubFetch({})
    const wrapper = mountForm()
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => {
      expect(wrapper.text()).toContain('请选择支付日期')
      expect(wrapper.text()).toContain('请填写支付凭证号')
    })
    expect(calls).toHaveLength(0)
  })

  it('puts the service’s field error under the reference', async () => {
    stubFetch({
      [`POST ${PATH}`]: {
        status: 400,
        body: { status: 400, code: 'validation-failed', title: '请求校验失败', errors: [{ field: 'reference', code: 'Size', message: '支付凭证号不能超过 100 个字符' }] },
      },
    })
    const wrapper = mountForm()
    ;(wrapper.vm as unknown as { form: { paidOn: string } }).form.paidOn = '2026-11-18' // the date picker's choice
    await wrapper.find('input[aria-label="支付凭证号"]').setValue('GK2026111800001')
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => {
      const item = wrapper.find('input[aria-label="支付凭证号"]').element.closest('.el-form-item')
      expect(item?.querySelector('.el-form-item__error')?.textContent).toBe('支付凭证号不能超过 100 个字符')
    })
    expect(wrapper.find('[role="alert"]').text()).toContain('请求校验失败')
  })
})
