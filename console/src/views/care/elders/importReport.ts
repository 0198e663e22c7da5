import { isProblemError, type Problem } from '@/api/problem'
import type { ImportReport } from '@/api/care'

/**
 * care-service answers a real import of a file with problems by `422 import-invalid` whose problem carries the
 * same `report` a dry run gives: the wizard shows it the same way.
 */
export function reportOf(error: unknown): ImportReport | null {
  if (!isProblemError(error)) return null
  const report = (error.problem as Problem & { report?: ImportReport }).report
  return report && Array.isArray(report.problems) ? report : null
}

export type ImportStage = 'choose' | 'checked-with-problems' | 'checked-clean' | 'imported'

export function stageOf(report: ImportReport | null): ImportStage {
  if (!report) return 'choose'
  if (report.applied) return 'imported'
  return report.problems.length ? 'checked-with-problems' : 'checked-clean'
}
