import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { i18n } from '@/i18n'
import { stubFetch } from '../../../../test/http'
import GridForm from './GridForm.vue'

const grid = { id: 'g1', code: '530402001001G01', name: '玉兴社区第一网格', leaderName: '陈芳', leaderPhone: '13908770001' }
const errorOf = (w: VueWrapper, field: string) => w.find(`[data-field="${field}"] .el-form-item__error`)
const mountForm = () =>
  mount(GridForm, { props: { tenant: '530402', communityId: 'c1', grid }, global: { plugins: [i18n] }, attachTo: document.body })

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe("a grid's leader", () => {
  it('needs a mobile number the service will take, and a name', async () => {
    const { calls } = stubFetch({})
    const w = mountForm()
    await w.find('[data-field="name"] input').setValue(' ')
    await w.find('[data-field="leaderPhone"] input').setValue('0877201234')
    await w.find('form').trigger('submit')
    await vi.waitFor(() => {
      expect(errorOf(w, 'name').text()).toBe('必填')
      expect(errorOf(w, 'leaderPhone').text()).toBe('请输入 11 位手机号')
    })
    expect(calls).toHaveLength(0)
  })

  it("sends the grid's community with the change, and puts the service's field error under its field", async () => {
    const { calls } = stubFetch({
      'PUT /api/tenants/v1/tenants/530402/grids/g1': {
        status: 400,
        body: { status: 400, code: 'validation-failed', title: '请求校验失败', errors: [{ field: 'leaderName', code: 'Size', message: '长度须在 0 到 50 之间' }] },
      },
    })
    const w = mountForm()
    await w.find('[data-field="leaderName"] input').setValue('李强')
    await w.find('form').trigger('submit')
    await vi.waitFor(() => expect(calls).toHaveLength(1))
    expect(JSON.parse(calls[0].body!)).toEqual({ communityId: 'c1', name: '玉兴社区第一网格', leaderName: '李强', leaderPhone: '13908770001' })
    await vi.waitFor(() => expect(errorOf(w, 'leaderName').text()).toBe('长度须在 0 到 50 之间'))
  })
})
