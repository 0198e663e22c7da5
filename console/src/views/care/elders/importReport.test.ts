import { describe, expect, it } from 'vitest'
import { ProblemError } from '@/api/problem'
import type { ImportReport } from '@/api/care'
import { reportOf, stageOf } from './importReport'

const report = (over: Partial<ImportReport> = {}): ImportReport => ({
  dryRun: true, applied: false, rows: 3, created: 2, updated: 1, unchanged: 0, problems: [], notices: [], ...over,
})
const problemLine = { row: 4, column: '身份证号', code: 'id-number-check-digit', message: '身份证号校验位不正确' }

describe('the import report', () => {
  it("is read from a refused import's problem (422 import-invalid)", () => {
    const refused = new ProblemError({
      status: 422, code: 'import-invalid', title: '导入文件有误',
      report: report({ dryRun: false, problems: [problemLine] }),
    } as never)
    expect(reportOf(refused)?.problems).toEqual([problemLine])
    expect(reportOf(new ProblemError({ status: 409, code: 'import-conflict' }))).toBeNull()
    expect(reportOf(new Error('x'))).toBeNull()
  })

  it('moves the wizard on: problems block, a clean check may import, an applied one is done', () => {
    expect(stageOf(null)).toBe('choose')
    expect(stageOf(report({ problems: [problemLine] }))).toBe('checked-with-problems')
    expect(stageOf(report())).toBe('checked-clean')
    expect(stageOf(report({ dryRun: false, applied: true }))).toBe('imported')
  })
})
