import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { i18n } from '@/i18n'
import { stubFetch } from '../../../../test/http'
import ProgramForm from './ProgramForm.vue'

const districts = [
  { code: '530402', name: '红塔区' },
  { code: '530423', name: '通海县' },
]
const errorOf = (w: VueWrapper, field: string) => w.find(`[data-field="${field}"] .el-form-item__error`)

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('a program', () => {
  it('needs a name and at least one district, and its last year not before its first', async () => {
    const { calls } = stubFetch({})
    const w = mount(ProgramForm, { props: { tenant: '530400', districts }, global: { plugins: [i18n] }, attachTo: document.body })
    ;(w.vm as unknown as { form: { startYear: number; endYear: number } }).form.startYear = 2027
    ;(w.vm as unknown as { form: { startYear: number; endYear: number } }).form.endYear = 2026
    await w.find('form').trigger('submit')
    // each item shows its error after its own debounce
    await vi.waitFor(() => {
      expect(errorOf(w, 'name').text()).toBe('必填')
      expect(errorOf(w, 'districtCodes').text()).toBe('至少选择一个区县')
      expect(errorOf(w, 'endYear').text()).toBe('结束年度不能早于起始年度')
    })
    expect(calls).toHaveLength(0)
  })

  it("places the service's refusal of one district under the districts, naming it", async () => {
    const { calls } = stubFetch({
      'POST /api/tenants/v1/tenants/530400/programs': {
        status: 400,
        body: {
          status: 400,
          code: 'validation-failed',
          title: '请求校验失败',
          errors: [{ field: 'districtCodes[1]', code: 'district-outside-city', message: '区县不属于本市' }],
        },
      },
    })
    const w = mount(ProgramForm, { props: { tenant: '530400', districts }, global: { plugins: [i18n] }, attachTo: document.body })
    await w.find('[data-field="name"] input').setValue('温暖玉溪·呵护夕阳')
    const boxes = w.findAll('[data-field="districtCodes"] input[type="checkbox"]')
    await boxes[0].setValue(true)
    await boxes[1].setValue(true)
    await w.find('form').trigger('submit')
    await vi.waitFor(() => expect(calls).toHaveLength(1))
    expect(JSON.parse(calls[0].body!)).toMatchObject({ name: '温暖玉溪·呵护夕阳', districtCodes: ['530402', '530423'] })
    await vi.waitFor(() => expect(errorOf(w, 'districtCodes').exists()).toBe(true))
    expect(errorOf(w, 'districtCodes').text()).toBe('530423：区县不属于本市')
  })
})
