import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus from 'element-plus'
import { i18n } from '@/i18n'
import { useAuthStore } from '@/stores/auth'
import type { Me } from '@/api/types'
import { stubFetch } from '../../../../test/http'
import AssessmentForm from './AssessmentForm.vue'

const T = '530402'
const ELDER = '0b6f4c1e-7d7a-4b8e-9a51-2f0c6a1d3e77'
const BASE = `/api/care/v1/tenants/${T}/elders/${ELDER}`
const elder = { id: ELDER, name: '李秀英', idNumber: '**************123X', age: 84, status: 'ACTIVE' }

async function mountAs(roles: string[]) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().me = { subject: 's', username: 'u', name: '王督导', tenant: T, contractor: 'c', roles } as Me
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/a', component: AssessmentForm }] })
  await router.push(`/a?elder=${ELDER}`)
  const wrapper = mount(AssessmentForm, { global: { plugins: [pinia, router, i18n, ElementPlus] } })
  await flushPromises()
  return wrapper
}

beforeEach(() => sessionStorage.clear())
afterEach(() => vi.unstubAllGlobals())

describe('the assessment form', () => {
  it("puts the service's field errors under their fields and its message above the form", async () => {
    stubFetch({
      [`GET ${BASE}`]: { body: elder },
      [`GET ${BASE}/assessments`]: { body: { items: [], page: 0, size: 5, total: 0 } },
      [`POST ${BASE}/assessments`]: {
        status: 400,
        body: {
          status: 400,
          code: 'validation-failed',
          title: '请求校验失败',
          detail: '有 2 个字段不符合要求',
          errors: [
            { field: 'items.EATING', code: 'item-missing', message: '该项必须评分' },
            { field: 'assessors[0].name', code: 'NotBlank', message: '不能为空' },
          ],
        },
      },
    })
    const wrapper = await mountAs(['contractor-manager'])
    await wrapper.find('[data-test="submit-assessment"]').trigger('submit')
    await flushPromises()

    const errorOf = (field: string) => wrapper.find(`[data-field="${field}"] .el-form-item__error`)
    await vi.waitFor(() => {
      expect(errorOf('items.EATING').exists()).toBe(true)
      expect(errorOf('assessors[0].name').exists()).toBe(true)
    })
    expect(errorOf('items.EATING').text()).toBe('该项必须评分')
    expect(errorOf('assessors[0].name').text()).toBe('不能为空')
    expect(errorOf('items.GROOMING').exists()).toBe(false)
    expect(wrapper.find('[role="alert"]').text()).toContain('请求校验失败')
  })

  it("shows the service's computed result once saved", async () => {
    const { calls } = stubFetch({
      [`GET ${BASE}`]: { body: elder },
      [`GET ${BASE}/assessments`]: { body: { items: [], page: 0, size: 5, total: 0 } },
      [`POST ${BASE}/assessments`]: {
        status: 201,
        body: {
          id: 'a1', elderId: ELDER, assessedOn: '2026-12-08', reason: 'INITIAL', coma: false, items: {},
          indicators: [
            { code: 'SELF_CARE', name: '自理能力', score: 30, max: 32 },
            { code: 'BASIC_MOBILITY', name: '基础运动能力', score: 13, max: 15 },
            { code: 'MENTAL_STATE', name: '精神状态', score: 27, max: 28 },
            { code: 'PERCEPTION_AND_SOCIAL', name: '感知觉与社会参与', score: 14, max: 15 },
          ],
          total: 84, preliminaryLevel: 1, preliminaryLevelName: '能力轻度受损', adjusted: true, finalLevel: 2,
          finalLevelName: '能力中度受损', hasFindings: true, assessors: [], nextDue: '2027-12-08', status: 'COMPLETED',
        },
      },
    })
    const wrapper = await mountAs(['care-worker'])
    await wrapper.find('[data-test="submit-assessment"]').trigger('submit')
    await flushPromises()

    const body = JSON.parse(calls.find((c) => c.method === 'POST')!.body!)
    expect(body.reason).toBe('INITIAL') // never assessed before
    const result = wrapper.find('[data-test="assessment-result"]')
    expect(result.exists()).toBe(true)
    expect(result.text()).toContain('84')
    expect(result.text()).toContain('2 级 · 能力中度受损')
    expect(result.text()).toContain('2027-12-08')
  })

  it('shows an auditor no write control', async () => {
    stubFetch({
      [`GET ${BASE}`]: { body: elder },
      [`GET ${BASE}/assessments`]: { body: { items: [], page: 0, size: 5, total: 0 } },
    })
    const wrapper = await mountAs(['auditor'])
    expect(wrapper.find('[data-test="submit-assessment"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('您的角色只能查看评估')
  })
})
