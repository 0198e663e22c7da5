import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { i18n } from '@/i18n'
import { stubFetch } from '../../../../test/http'
import type { Program } from '../api'
import EngagementForm from './EngagementForm.vue'

const program: Program = {
  id: '0b0e5d53-5b57-4c47-8f64-c1c1e0e3f9a1',
  owner: '530400',
  name: '温暖玉溪·呵护夕阳',
  startYear: 2026,
  endYear: 2027,
  description: null,
  districtCodes: ['530402'],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 0,
}
const errorOf = (w: VueWrapper, field: string) => w.find(`[data-field="${field}"] .el-form-item__error`)
type Form = { contractorId: string; program: string; startDate: string; endDate: string }

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

function mountForm() {
  return mount(EngagementForm, { props: { tenant: '530402', programs: [program] }, global: { plugins: [i18n] }, attachTo: document.body })
}

describe('engaging a contractor', () => {
  it('needs a contractor, a program and a start, and an end not before the start', async () => {
    const { calls } = stubFetch({})
    const w = mountForm()
    const form = (w.vm as unknown as { form: Form }).form
    form.startDate = '2026-07-01'
    form.endDate = '2026-06-30'
    await w.find('form').trigger('submit')
    // each item shows its error after its own debounce
    await vi.waitFor(() => {
      expect(errorOf(w, 'contractorId').text()).toBe('必填')
      expect(errorOf(w, 'program').text()).toBe('必填')
      expect(errorOf(w, 'endDate').text()).toBe('结束日期不能早于开始日期')
    })
    expect(calls).toHaveLength(0)
  })

  it("sends the program's owner beside its id and shows the service's refusal", async () => {
    const { calls } = stubFetch({
      'POST /api/tenants/v1/tenants/530402/engagements': {
        status: 409,
        body: { status: 409, code: 'engagement-duplicate', title: '该机构已在此项目下合作' },
      },
    })
    const w = mountForm()
    Object.assign((w.vm as unknown as { form: Form }).form, {
      contractorId: 'c3f1b6d2-3c1e-4f0e-9a55-2b7c8e0f1a22',
      program: `530400:${program.id}`,
      startDate: '2026-07-01',
    })
    await w.find('form').trigger('submit')
    await vi.waitFor(() => expect(calls).toHaveLength(1))
    expect(JSON.parse(calls[0].body!)).toEqual({
      contractorId: 'c3f1b6d2-3c1e-4f0e-9a55-2b7c8e0f1a22',
      programOwner: '530400',
      programId: program.id,
      startDate: '2026-07-01',
      endDate: null,
    })
    await vi.waitFor(() => expect(w.find('[role="alert"]').exists()).toBe(true))
    expect(w.find('[role="alert"]').text()).toContain('该机构已在此项目下合作')
  })
})
