import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { i18n } from '@/i18n'
import { stubFetch } from '../../../../test/http'
import type { AreaImportReport } from '../api'
import AreaImport from './AreaImport.vue'

const counts = { created: 0, updated: 0, unchanged: 0 }
const withProblems: AreaImportReport = {
  dryRun: true,
  applied: false,
  rows: 3,
  streets: { ...counts, created: 1 },
  communities: { ...counts, created: 1 },
  grids: { ...counts, created: 1 },
  problems: [
    { row: 3, column: '社区代码', code: 'community-code-outside-street', message: '社区代码不属于所在街道' },
    { row: 4, column: '网格长电话', code: 'phone-invalid', message: '手机号格式不正确' },
  ],
}
const clean: AreaImportReport = { ...withProblems, problems: [] }

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

async function choose(w: ReturnType<typeof mount>, name: string) {
  const input = w.find('[data-test="file"]')
  Object.defineProperty(input.element, 'files', { value: [new File(['x'], name)], configurable: true })
  await input.trigger('change')
}

describe('the area import', () => {
  it('links the template, checks a chosen file at once and lists its problems row by row; import stays off', async () => {
    let dryRuns = 0
    const { calls } = stubFetch({
      'POST /api/tenants/v1/tenants/530402/areas/import': (url) => {
        expect(url.searchParams.get('dryRun')).toBe('true')
        dryRuns++
        return { body: dryRuns === 1 ? withProblems : clean }
      },
    })
    const w = mount(AreaImport, { props: { tenant: '530402' }, global: { plugins: [i18n] }, attachTo: document.body })
    expect(w.find('[data-test="template"]').attributes('href')).toBe('/api/tenants/v1/tenants/530402/areas/import/template')

    await choose(w, '区划.xlsx')
    await vi.waitFor(() => expect(w.find('[data-test="problems"]').exists()).toBe(true))
    const rows = w.findAll('[data-test="problems"] tbody tr').map((r) => r.findAll('td').map((c) => c.text()))
    expect(rows).toEqual([
      ['3', '社区代码', '社区代码不属于所在街道', 'community-code-outside-street'],
      ['4', '网格长电话', '手机号格式不正确', 'phone-invalid'],
    ])
    expect(w.find('[data-test="apply"]').attributes('disabled')).toBeDefined()

    // fixed and chosen again
    await choose(w, '区划.xlsx')
    await vi.waitFor(() => expect(w.text()).toContain('未发现问题，可以导入'))
    expect(w.find('[data-test="apply"]').attributes('disabled')).toBeUndefined()
    expect(calls).toHaveLength(2)
  })

  it('shows the report a refused import carries (422 import-invalid)', async () => {
    stubFetch({
      'POST /api/tenants/v1/tenants/530402/areas/import': (url) =>
        url.searchParams.get('dryRun') === 'true'
          ? { body: clean }
          : {
              status: 422,
              body: { status: 422, code: 'import-invalid', title: '表格有错误', detail: '未导入任何数据', report: { ...withProblems, dryRun: false } },
            },
    })
    const w = mount(AreaImport, { props: { tenant: '530402' }, global: { plugins: [i18n] }, attachTo: document.body })
    await choose(w, '区划.csv')
    await vi.waitFor(() => expect(w.find('[data-test="apply"]').attributes('disabled')).toBeUndefined())
    await w.find('[data-test="apply"]').trigger('click')
    await vi.waitFor(() => expect(w.find('[data-test="problems"]').exists()).toBe(true))
    expect(w.find('[role="alert"]').text()).toContain('表格有错误')
    expect(w.findAll('[data-test="problems"] tbody tr')).toHaveLength(2)
  })
})
