import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h, reactive } from 'vue'
import { mount } from '@vue/test-utils'
import { ElForm, ElFormItem, ElInput } from 'element-plus'
import { i18n } from '@/i18n'
import { ProblemError } from '@/api/problem'
import ProblemAlert from '@/components/ProblemAlert.vue'
import { useFormProblem } from './useProblem'

const refused = new ProblemError({
  status: 400,
  code: 'validation-failed',
  title: '请求校验失败',
  detail: '有 2 个字段不符合要求',
  traceId: '0af7651916cd43dd8448eb211c80319c',
  errors: [
    { field: 'uscc', code: 'uscc-invalid', message: '统一社会信用代码校验位不正确' },
    { field: 'name', code: 'NotBlank', message: '不能为空' },
  ],
})

/** A form as the console's pages write one: each item's `error` from the problem. */
const ContractorForm = defineComponent({
  setup(_, { expose }) {
    const form = reactive({ name: '', uscc: '', phone: '' })
    const p = useFormProblem()
    expose({ apply: p.apply, clear: p.clear })
    return () =>
      h('div', [
        h(ProblemAlert, { problem: p.problem.value }),
        h(ElForm, { model: form }, () =>
          (['name', 'uscc', 'phone'] as const).map((field) =>
            h(ElFormItem, { label: field, prop: field, error: p.fieldError(field), 'data-field': field }, () =>
              h(ElInput, { modelValue: form[field], 'onUpdate:modelValue': (v: string) => (form[field] = v) }),
            ),
          ),
        ),
      ])
  },
})

describe('a problem on a form', () => {
  it('puts each field error on its own form item and the title and detail above the form', async () => {
    const wrapper = mount(ContractorForm, { global: { plugins: [i18n] } })
    ;(wrapper.vm as unknown as { apply: (e: unknown) => boolean }).apply(refused)
    const errorOf = (field: string) => wrapper.find(`[data-field="${field}"] .el-form-item__error`)
    // Element Plus shows an item's error after a short debounce.
    await vi.waitFor(() => expect(errorOf('uscc').exists()).toBe(true))
    expect(errorOf('uscc').text()).toBe('统一社会信用代码校验位不正确')
    expect(errorOf('name').text()).toBe('不能为空')
    expect(errorOf('phone').exists()).toBe(false)
    expect(wrapper.find('[data-field="uscc"]').classes()).toContain('is-error')

    const alert = wrapper.find('[role="alert"]')
    expect(alert.text()).toContain('请求校验失败')
    expect(alert.text()).toContain('有 2 个字段不符合要求')
    expect(alert.text()).toContain('0af7651916cd43dd8448eb211c80319c')
  })

  it('clears the field errors when asked', async () => {
    const wrapper = mount(ContractorForm, { global: { plugins: [i18n] } })
    const vm = wrapper.vm as unknown as { apply: (e: unknown) => boolean; clear: () => void }
    vm.apply(refused)
    await vi.waitFor(() => expect(wrapper.find('.el-form-item__error').exists()).toBe(true))
    vm.clear()
    await vi.waitFor(() => expect(wrapper.find('.el-form-item__error').exists()).toBe(false))
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
  })

  it('does not swallow what is not a problem', () => {
    const { apply } = useFormProblem()
    expect(() => apply(new TypeError('bug'))).toThrow('bug')
  })

  it('shows a problem without detail by its title, and one without an answer as a network failure', () => {
    const a = mount(ProblemAlert, {
      props: { problem: { status: 403, title: '无权访问', code: 'access-denied' } },
      global: { plugins: [i18n] },
    })
    expect(a.text()).toContain('无权访问')
    const b = mount(ProblemAlert, {
      props: { problem: { status: 0, code: 'network-error' } },
      global: { plugins: [i18n] },
    })
    expect(b.text()).toContain('无法连接服务器')
  })
})
