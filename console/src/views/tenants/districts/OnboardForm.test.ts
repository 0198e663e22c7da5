import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { configureClient } from '@/api/client'
import { i18n, setLocale } from '@/i18n'
import { useAuthStore } from '@/stores/auth'
import { stubFetch } from '../../../../test/http'
import OnboardForm from './OnboardForm.vue'

const yuxiBureau = {
  subject: 's', username: 'yuxi-bureau-admin', name: '赵建国', tenant: '530400', contractor: null,
  roles: ['bureau-admin'], idleTimeoutSeconds: 1800, expiresAt: '',
}

beforeEach(() => {
  setActivePinia(createPinia())
  setLocale('zh-CN')
  configureClient({ navigate: vi.fn(), locale: () => 'zh-CN' })
})
afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

async function mountAs(answers: Parameters<typeof stubFetch>[0]) {
  const stub = stubFetch({ 'GET /auth/me': { body: yuxiBureau }, ...answers })
  await useAuthStore().load()
  const w = mount(OnboardForm, { global: { plugins: [i18n] }, attachTo: document.body })
  return { w, ...stub }
}

const errorOf = (w: VueWrapper, field: string) => w.find(`[data-field="${field}"] .el-form-item__error`)

async function fill(w: VueWrapper, code: string, name: string) {
  await w.find('input[data-test="onboard-code"]').setValue(code)
  await w.find('input[data-test="onboard-name"]').setValue(name)
  await w.find('form').trigger('submit')
  await flushPromises()
}

describe('onboarding a district', () => {
  it("puts the service's field error under its field and its message above the form", async () => {
    const { w, calls } = await mountAs({
      'POST /api/tenants/v1/tenants': {
        status: 400,
        body: {
          status: 400,
          code: 'validation-failed',
          title: '请求校验失败',
          detail: '有 1 个字段不符合要求',
          errors: [{ field: 'name', code: 'Size', message: '长度须在 0 到 100 之间' }],
        },
      },
    })
    await fill(w, '530402', '红塔区')
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual(['{"code":"530402","name":"红塔区"}'])
    await vi.waitFor(() => expect(errorOf(w, 'name').exists()).toBe(true))
    expect(errorOf(w, 'name').text()).toBe('长度须在 0 到 100 之间')
    expect(errorOf(w, 'code').exists()).toBe(false)
    expect(w.find('[role="alert"]').text()).toContain('请求校验失败')
    expect(w.find('[role="alert"]').text()).toContain('有 1 个字段不符合要求')
  })

  it("shows the service's refusal (a code already onboarded) as its message", async () => {
    const { w } = await mountAs({
      'POST /api/tenants/v1/tenants': {
        status: 409,
        body: { status: 409, code: 'tenant-exists', title: '辖区已存在', detail: '530402 已开通为 红塔区' },
      },
    })
    await fill(w, '530402', '红塔')
    await vi.waitFor(() => expect(w.find('[role="alert"]').exists()).toBe(true))
    expect(w.find('[role="alert"]').text()).toContain('530402 已开通为 红塔区')
  })

  it("sends nothing for a code outside the city, and says which prefix a district's code needs", async () => {
    const { w, calls } = await mountAs({})
    await fill(w, '530502', '隆阳区')
    await vi.waitFor(() => expect(errorOf(w, 'code').exists()).toBe(true))
    expect(errorOf(w, 'code').text()).toBe('本市区县的代码须以 5304 开头')
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0)
  })

  it('emits the onboarded tenant', async () => {
    const tenant = { code: '530402', name: '红塔区', level: 'DISTRICT', parentCode: '530400', status: 'PROVISIONING', services: [] }
    const { w } = await mountAs({ 'POST /api/tenants/v1/tenants': { status: 202, body: tenant } })
    await fill(w, '530402', ' 红塔区 ')
    expect(w.emitted('onboarded')?.[0]).toEqual([tenant])
  })
})
