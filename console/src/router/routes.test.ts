import { describe, expect, it } from 'vitest'
import type { RouteRecordRaw } from 'vue-router'
import { RESERVED_PREFIXES, routes } from './index'

function paths(records: RouteRecordRaw[], base = ''): string[] {
  return records.flatMap((r) => {
    const full = r.path.startsWith('/') ? r.path : `${base.replace(/\/$/, '')}/${r.path}`
    return [full, ...paths(r.children ?? [], full)]
  })
}

describe('the console routes', () => {
  it('use none of the gateway\'s own prefixes', () => {
    const clashes = paths(routes).filter((p) =>
      RESERVED_PREFIXES.some((prefix) => p === prefix || p.startsWith(`${prefix}/`)),
    )
    expect(clashes).toEqual([])
  })

  it('load every page lazily (its own chunk)', () => {
    const eager = (records: RouteRecordRaw[]): string[] =>
      records.flatMap((r) => [
        ...('component' in r && r.component && typeof r.component !== 'function' ? [r.path] : []),
        ...eager(r.children ?? []),
      ])
    expect(eager(routes)).toEqual([])
  })

  it('end with a catch-all for the 404 page', () => {
    expect(paths(routes)).toContain('/:pathMatch(.*)*')
  })
})
