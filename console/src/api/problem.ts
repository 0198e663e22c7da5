/**
 * RFC 9457 problem details as every WarmNest service and the gateway answer them (platform `Problems`):
 * a stable `type` (`urn:warmnest:problem:<code>`), the `code`, `title` and `detail` in the language asked for,
 * the request's `traceId`, and `errors[]` for validation.
 */
export interface FieldProblem {
  field: string
  code: string
  message: string
}

export interface Problem {
  type?: string
  title?: string
  status: number
  detail?: string
  instance?: string
  code?: string
  traceId?: string
  errors?: FieldProblem[]
}

/** A request that was answered with an error; `problem` is the answer's body or one made up for it. */
export class ProblemError extends Error {
  readonly problem: Problem

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`)
    this.name = 'ProblemError'
    this.problem = problem
  }

  get status(): number {
    return this.problem.status
  }

  get code(): string | undefined {
    return this.problem.code
  }
}

export function isProblemError(e: unknown): e is ProblemError {
  return e instanceof ProblemError
}

function isJson(contentType: string | null): boolean {
  return !!contentType && /^application\/([\w.+-]*\+)?json\b/i.test(contentType)
}

/** Reads an error answer as a problem; anything that isn't one (an HTML page from a proxy, no body) gets a bare one. */
export async function readProblem(res: Response): Promise<Problem> {
  const fallback: Problem = { status: res.status, title: res.statusText || undefined }
  if (!isJson(res.headers.get('Content-Type'))) {
    return fallback
  }
  try {
    const body = (await res.json()) as Partial<Problem> | null
    if (!body || typeof body !== 'object') {
      return fallback
    }
    const errors = Array.isArray(body.errors)
      ? body.errors.filter((e): e is FieldProblem => !!e && typeof e.field === 'string')
      : undefined
    return {
      ...body,
      status: typeof body.status === 'number' ? body.status : res.status,
      code: body.code ?? codeOfType(body.type),
      errors,
    }
  } catch {
    return fallback
  }
}

const TYPE_PREFIX = 'urn:warmnest:problem:'

function codeOfType(type: string | undefined): string | undefined {
  return type?.startsWith(TYPE_PREFIX) ? type.slice(TYPE_PREFIX.length) : undefined
}

/** A problem for a request that got no answer at all (network down, gateway unreachable). */
export function networkProblem(cause: unknown): Problem {
  return { status: 0, code: 'network-error', detail: cause instanceof Error ? cause.message : undefined }
}
