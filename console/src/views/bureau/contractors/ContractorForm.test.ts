import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { i18n } from '@/i18n'
import { stubFetch } from '../../../../test/http'
import type { Contractor } from '../api'
import ContractorForm from './ContractorForm.vue'

const stored: Contractor = {
  id: '7d1c7c1e-8a55-4a38-9b53-0b6c4c1f2a10',
  uscc: '52530402MJ0000001T',
  name: '红塔区颐康社会工作服务中心',
  legalRepresentative: '李红',
  contacts: [{ name: '王芳', role: '主任', phone: '13908771234', email: null }],
  qualifications: [],
  registeredByTenant: '530402',
  createdAt: '2026-03-01T02:00:00Z',
  updatedAt: '2026-03-02T02:00:00Z',
  version: 3,
}

function mountForm(contractor: Contractor | null = null) {
  return mount(ContractorForm, { props: { contractor }, global: { plugins: [i18n] }, attachTo: document.body })
}

const errorOf = (w: VueWrapper, field: string) => w.find(`[data-field="${field}"] .el-form-item__error`)

async function type(w: VueWrapper, field: string, value: string) {
  await w.find(`[data-field="${field}"] input`).setValue(value)
}

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('registering a contractor', () => {
  it('says the check character is wrong as soon as all 18 characters are typed, and which it should be', async () => {
    const w = mountForm()
    await type(w, 'uscc', '52530402MJ0000001A')
    await vi.waitFor(() => expect(errorOf(w, 'uscc').exists()).toBe(true))
    expect(errorOf(w, 'uscc').text()).toBe('校验位不正确（第 18 位应为 T），请核对营业执照或登记证书')

    await type(w, 'uscc', '52530402MJ0000001T')
    await vi.waitFor(() => expect(errorOf(w, 'uscc').exists()).toBe(false))
    expect(w.find('[data-field="uscc"]').text()).toContain('校验位正确')
  })

  it('refuses a forbidden letter while typing, and turns lowercase into capitals', async () => {
    const w = mountForm()
    await type(w, 'uscc', '52530402mo')
    expect((w.find('[data-field="uscc"] input').element as HTMLInputElement).value).toBe('52530402MO')
    await vi.waitFor(() => expect(errorOf(w, 'uscc').text()).toContain('不允许的字符'))
  })

  it('sends nothing while required fields are empty, and says which', async () => {
    const { calls } = stubFetch({})
    const w = mountForm()
    await type(w, 'uscc', '52530402MJ00000')
    await w.find('form').trigger('submit')
    await vi.waitFor(() => expect(errorOf(w, 'name').exists()).toBe(true))
    expect(errorOf(w, 'name').text()).toBe('必填')
    expect(errorOf(w, 'legalRepresentative').text()).toBe('必填')
    expect(errorOf(w, 'uscc').text()).toBe('统一社会信用代码为 18 位（已输入 15 位）')
    expect(calls).toHaveLength(0)
  })

  it("puts the service's field errors under their fields and its message above the form", async () => {
    const { calls } = stubFetch({
      'POST /api/tenants/v1/contractors': {
        status: 400,
        body: {
          status: 400,
          code: 'validation-failed',
          title: '请求校验失败',
          detail: '有 2 个字段不符合要求',
          errors: [
            { field: 'name', code: 'Size', message: '长度须在 0 到 100 之间' },
            { field: 'contacts[0].phone', code: 'Pattern', message: '电话号码格式不正确' },
          ],
        },
      },
    })
    const w = mountForm()
    await type(w, 'uscc', '52530402MJ0000001T')
    await type(w, 'name', '红塔区颐康社会工作服务中心')
    await type(w, 'legalRepresentative', '李红')
    await w.findAll('button').find((b) => b.text() === '添加联系人')!.trigger('click')
    await type(w, 'contacts[0].name', '王芳')
    await w.find('form').trigger('submit')
    await vi.waitFor(() => expect(calls).toHaveLength(1))
    expect(JSON.parse(calls[0].body!)).toMatchObject({ uscc: '52530402MJ0000001T', name: '红塔区颐康社会工作服务中心' })
    await vi.waitFor(() => expect(errorOf(w, 'name').exists()).toBe(true))
    expect(errorOf(w, 'name').text()).toBe('长度须在 0 到 100 之间')
    expect(errorOf(w, 'contacts[0].phone').text()).toBe('电话号码格式不正确')
    expect(w.find('[role="alert"]').text()).toContain('请求校验失败')
  })
})

describe('editing a contractor', () => {
  it('sends the version it read and, when someone changed the entry meanwhile, says so and reloads it', async () => {
    const { calls } = stubFetch({
      [`PUT /api/tenants/v1/contractors/${stored.id}`]: {
        status: 409,
        body: { status: 409, code: 'contractor-modified', title: '服务机构已被修改', detail: '请重新加载后再试' },
      },
      [`GET /api/tenants/v1/contractors/${stored.id}`]: { body: { ...stored, name: '红塔区颐康为老服务中心', version: 4 } },
    })
    const w = mountForm(stored)
    expect(w.find('[data-field="uscc"] input').exists()).toBe(false) // the code never changes
    await w.find('form').trigger('submit')
    await vi.waitFor(() => expect(w.find('[data-test="stale"]').exists()).toBe(true))
    expect(JSON.parse(calls[0].body!).version).toBe(3)
    expect(w.find('[data-test="stale"]').text()).toContain('第 3 版')

    await w.find('[data-test="stale"] button').trigger('click')
    await flushPromises()
    expect(w.find('[data-test="stale"]').exists()).toBe(false)
    expect((w.find('[data-field="name"] input').element as HTMLInputElement).value).toBe('红塔区颐康为老服务中心')

    await w.find('form').trigger('submit')
    await vi.waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(2))
    expect(JSON.parse(calls.filter((c) => c.method === 'PUT')[1].body!).version).toBe(4)
  })
})
