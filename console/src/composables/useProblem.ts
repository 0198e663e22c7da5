import { computed, ref } from 'vue'
import { ElMessage } from 'element-plus'
import { isProblemError, type Problem, type ProblemError } from '@/api/problem'
import { i18n } from '@/i18n'

/** The message a person reads for a problem: the service's own title and detail (zh-CN when asked). */
export function problemText(problem: Problem): { title: string; detail?: string } {
  const t = i18n.global.t
  if (problem.status === 0) {
    return { title: t('problem.network'), detail: undefined }
  }
  const title = problem.title || t('problem.generic', { status: problem.status })
  const detail = problem.detail && problem.detail !== title ? problem.detail : undefined
  return { title, detail }
}

/** A problem as a toast (for actions outside a form); 401 is left alone: the page is going to sign in. */
export function showProblem(error: unknown): void {
  if (!isProblemError(error)) {
    ElMessage.error(error instanceof Error ? error.message : String(error))
    return
  }
  if (error.status === 401) return
  const { title, detail } = problemText(error.problem)
  ElMessage.error({ message: detail ? `${title}：${detail}` : title, grouping: true })
}

/**
 * A form's problem: `fieldError(prop)` feeds each `el-form-item`'s `error`, the rest is shown above the form.
 * A field error names the request's property path (`name`, `household[0].phone`), which the form's `prop`s use too.
 */
export function useFormProblem() {
  const problem = ref<Problem | null>(null)
  const fieldErrors = computed<Record<string, string>>(() => {
    const out: Record<string, string> = {}
    for (const e of problem.value?.errors ?? []) {
      out[e.field] = out[e.field] ? `${out[e.field]}；${e.message}` : e.message
    }
    return out
  })

  function fieldError(prop: string): string {
    return fieldErrors.value[prop] ?? ''
  }

  /** Takes what a failed request threw; returns true when it was a problem (shown), rethrows anything else. */
  function apply(error: unknown): boolean {
    if (!isProblemError(error)) throw error
    problem.value = (error as ProblemError).problem
    return true
  }

  function clear(): void {
    problem.value = null
  }

  return { problem, fieldErrors, fieldError, apply, clear }
}
