import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { i18n } from '@/i18n'
import { stubFetch } from '../../../../test/http'
import OpenClaimForm from './OpenClaimForm.vue'

const TENANT = '530400'
const CONTRACTS = `/api/billing/v1/tenants/${TENANT}/contracts`
const OPEN = `${CONTRACTS}/k-1/claims`
const signed = {
  items: [{ id: 'k-1', number: 'YX-2026-001', name: '红塔区居家养老服务', contractorName: '玉溪市康乐养老服务中心', status: 'SIGNED', statusName: '已签订' }],
  page: 0, size: 200, total: 1,
}

type Form = { form: { contractId: string; from: string; to: string } }

function mountForm() {
  return mount(OpenClaimForm, { props: { tenant: TENANT }, global: { plugins: [i18n] }, attachTo: document.body })
}

function errorUnder(wrapper: ReturnType<typeof mountForm>, testId: string): string | null | undefined {
  return wrapper.find(`[data-test="${testId}"]`).element.closest('.el-form-item')?.querySelector('.el-form-item__error')?.textContent?.trim()
}

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('opening a claim', () => {
  it('lists the signed contracts the service gives this contractor', async () => {
    const { calls } = stubFetch({ [`GET ${CONTRACTS}`]: { body: signed } })
    mountForm()
    await vi.waitFor(() => expect(calls.some((c) => c.url.startsWith(CONTRACTS) && c.url.includes('status=SIGNED'))).toBe(true))
  })

  it('wants a contract and both ends of the period before sending anything', async () => {
    const { calls } = stubFetch({ [`GET ${CONTRACTS}`]: { body: signed } })
    const wrapper = mountForm()
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => {
      expect(errorUnder(wrapper, 'claim-contract')).toBe('请选择合同')
      expect(errorUnder(wrapper, 'claim-from')).toBe('请选择结算期开始日期')
      expect(errorUnder(wrapper, 'claim-to')).toBe('请选择结算期结束日期')
    })
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0)
  })

  it('refuses a period that ends before it starts', async () => {
    const { calls } = stubFetch({ [`GET ${CONTRACTS}`]: { body: signed } })
    const wrapper = mountForm()
    Object.assign((wrapper.vm as unknown as Form).form, { contractId: 'k-1', from: '2026-10-31', to: '2026-10-01' })
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(errorUnder(wrapper, 'claim-to')).toBe('结算期结束日期不能早于开始日期'))
    expect(errorUnder(wrapper, 'claim-contract')).toBeFalsy()
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0)
  })

  it('sends the contract and period, and hands back the draft', async () => {
    const draft = { id: 'c-9', status: 'DRAFT' }
    const { calls } = stubFetch({ [`GET ${CONTRACTS}`]: { body: signed }, [`POST ${OPEN}`]: { status: 201, body: draft } })
    const wrapper = mountForm()
    Object.assign((wrapper.vm as unknown as Form).form, { contractId: 'k-1', from: '2026-10-01', to: '2026-10-31' })
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.emitted('opened')?.[0]).toEqual([draft]))
    const post = calls.find((c) => c.method === 'POST')
    expect(post?.url).toBe(OPEN)
    expect(JSON.parse(post?.body ?? '{}')).toEqual({ from: '2026-10-01', to: '2026-10-31' })
  })

  it('puts the service’s field error under its field and its title above the form', async () => {
    stubFetch({
      [`GET ${CONTRACTS}`]: { body: signed },
      [`POST ${OPEN}`]: {
        status: 400,
        body: {
          status: 400, code: 'validation-failed', title: '请求校验失败',
          errors: [{ field: 'from', code: 'period-outside-term', message: '须在合同期限内（2026-01-01 至 2026-12-31）' }],
        },
      },
    })
    const wrapper = mountForm()
    Object.assign((wrapper.vm as unknown as Form).form, { contractId: 'k-1', from: '2025-12-01', to: '2025-12-31' })
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(errorUnder(wrapper, 'claim-from')).toBe('须在合同期限内（2026-01-01 至 2026-12-31）'))
    expect(errorUnder(wrapper, 'claim-to')).toBeFalsy()
    expect(wrapper.find('[role="alert"]').text()).toContain('请求校验失败')
  })

  it('shows the service’s message when care’s records cannot be read', async () => {
    stubFetch({
      [`GET ${CONTRACTS}`]: { body: signed },
      [`POST ${OPEN}`]: {
        status: 503,
        body: { status: 503, code: 'care-records-unavailable', title: '服务记录暂不可用', detail: '未能及时取得服务记录，未写入任何内容，请稍后重试。' },
      },
    })
    const wrapper = mountForm()
    Object.assign((wrapper.vm as unknown as Form).form, { contractId: 'k-1', from: '2026-10-01', to: '2026-10-31' })
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.find('[role="alert"]').text()).toContain('服务记录暂不可用'))
    expect(wrapper.find('[role="alert"]').text()).toContain('请稍后重试')
    expect(wrapper.emitted('opened')).toBeUndefined()
  })
})
