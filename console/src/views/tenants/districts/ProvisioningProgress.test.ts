import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { configureClient } from '@/api/client'
import { i18n, setLocale } from '@/i18n'
import { stubFetch } from '../../../../test/http'
import ProvisioningProgress from './ProvisioningProgress.vue'

const step = (service: string, schemaReady: boolean, confirmedStatus: string | null, lastError: string | null = null) => ({
  service, schemaReady, confirmedStatus, attempts: lastError ? 2 : 0, nextAttemptAt: null, lastError,
})
const provisioning = {
  code: '530402', name: '红塔区', level: 'DISTRICT', parentCode: '530400', status: 'PROVISIONING',
  services: [step('billing', false, null, 'unreachable'), step('care', true, null), step('tenant', true, 'ACTIVE')],
}
const active = {
  ...provisioning, status: 'ACTIVE',
  services: [step('billing', true, 'ACTIVE'), step('care', true, 'ACTIVE'), step('tenant', true, 'ACTIVE')],
}

beforeEach(() => {
  setLocale('zh-CN')
  configureClient({ navigate: vi.fn(), locale: () => 'zh-CN' })
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe("following a tenant's provisioning", () => {
  it('shows each step and asks again until the tenant is active, then stops', async () => {
    vi.useFakeTimers()
    const answers = [provisioning, provisioning, active]
    const { calls } = stubFetch({ 'GET /api/tenants/v1/tenants/530402': () => ({ body: answers.shift() ?? active }) })
    const w = mount(ProvisioningProgress, { props: { code: '530402', intervalMs: 1000 }, global: { plugins: [i18n] } })
    await flushPromises()
    expect(w.find('[data-test="provisioning-status"]').text()).toBe('开通中')
    expect(w.find('[data-test="step-billing"]').text()).toBe('重试中')
    expect(w.find('[data-test="step-care"]').text()).toBe('数据已建立')
    expect(w.find('[data-test="step-tenant"]').text()).toBe('已启用')
    expect(w.text()).toContain('unreachable')

    await vi.advanceTimersByTimeAsync(1000)
    await vi.advanceTimersByTimeAsync(1000)
    await flushPromises()
    expect(w.find('[data-test="provisioning-status"]').text()).toBe('正常')
    expect(w.find('[data-test="step-billing"]').text()).toBe('已启用')
    expect(w.emitted('settled')).toHaveLength(1)

    await vi.advanceTimersByTimeAsync(5000)
    expect(calls).toHaveLength(3)
  })

  it('stops asking when the page is left', async () => {
    vi.useFakeTimers()
    const { calls } = stubFetch({ 'GET /api/tenants/v1/tenants/530402': { body: provisioning } })
    const w = mount(ProvisioningProgress, { props: { code: '530402', intervalMs: 1000 }, global: { plugins: [i18n] } })
    await flushPromises()
    await vi.advanceTimersByTimeAsync(1000)
    expect(calls).toHaveLength(2)
    w.unmount()
    await vi.advanceTimersByTimeAsync(10000)
    expect(calls).toHaveLength(2)
  })
})
