import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { i18n } from '@/i18n'
import { useAuthStore } from '@/stores/auth'
import type { Me } from '@/api/types'
import { stubFetch } from '../../../../test/http'
import UserForm from './UserForm.vue'

const errorOf = (w: VueWrapper, field: string) => w.find(`[data-field="${field}"] .el-form-item__error`)
type Form = { username: string; lastName: string; firstName: string; phone: string; email: string; role: string; contractorId: string; password: string }

let pinia: Pinia
function signedIn(roles: string[], contractor: string | null = null) {
  const me: Me = { subject: 's', username: 'u', name: 'u', tenant: '530402', contractor, roles, idleTimeoutSeconds: 1800, expiresAt: '' }
  useAuthStore().me = me
}
function mountForm() {
  return mount(UserForm, { props: { tenant: '530402' }, global: { plugins: [i18n, pinia] }, attachTo: document.body })
}

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
})
afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('a new account', () => {
  it('checks the username, the mobile and the password length, and asks contractor staff for their contractor', async () => {
    signedIn(['bureau-admin'])
    const { calls } = stubFetch({})
    const w = mountForm()
    Object.assign((w.vm as unknown as { form: Form }).form, {
      username: 'Zhang San',
      lastName: '张',
      firstName: '三',
      phone: '1390877',
      role: 'care-worker',
      password: 'short',
    })
    await w.find('form').trigger('submit')
    // each item shows its error after its own debounce
    await vi.waitFor(() => {
      expect(errorOf(w, 'username').text()).toBe('3–50 位小写字母、数字或 . _ -，以字母或数字开头')
      expect(errorOf(w, 'phone').text()).toBe('请输入 11 位手机号')
      expect(errorOf(w, 'password').text()).toBe('密码长度为 10–128 位')
      expect(errorOf(w, 'contractorId').text()).toBe('服务机构人员须选择所属服务机构')
    })
    expect(calls).toHaveLength(0)
  })

  it("a contractor manager creates its own contractor's care workers only", async () => {
    signedIn(['contractor-manager'], 'c3f1b6d2-3c1e-4f0e-9a55-2b7c8e0f1a22')
    const { calls } = stubFetch({
      'POST /api/tenants/v1/tenants/530402/users': {
        status: 409,
        body: {
          status: 409,
          code: 'user-exists',
          title: '账号已存在',
          errors: [{ field: 'username', code: 'user-exists', message: '登录名已被使用' }],
        },
      },
    })
    const w = mountForm()
    const form = (w.vm as unknown as { form: Form }).form
    expect(form.role).toBe('care-worker')
    Object.assign(form, { username: 'wangfang', lastName: '王', firstName: '芳' })
    await w.find('form').trigger('submit')
    await vi.waitFor(() => expect(calls).toHaveLength(1))
    expect(JSON.parse(calls[0].body!)).toMatchObject({
      role: 'care-worker',
      contractorId: 'c3f1b6d2-3c1e-4f0e-9a55-2b7c8e0f1a22',
      password: null,
    })
    await vi.waitFor(() => expect(errorOf(w, 'username').exists()).toBe(true))
    expect(errorOf(w, 'username').text()).toBe('登录名已被使用')
  })
})
