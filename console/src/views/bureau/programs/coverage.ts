import { useScopeStore } from '@/stores/scope'
import { isCityCode } from '@/roles'

/** Which districts a program of `tenant` may cover: a city's its districts, a district's itself (ProgramCoverage). */
export function coverableDistricts(scope: ReturnType<typeof useScopeStore>, tenant: string): { code: string; name: string }[] {
  if (isCityCode(tenant)) {
    return scope.tenants
      .filter((d) => d.parentCode === tenant)
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((d) => ({ code: d.code, name: d.name }))
  }
  return [{ code: tenant, name: scope.nameOf(tenant) ?? tenant }]
}

/** The city of a district code (its first four digits and 00); a city is its own. */
export function cityOf(code: string): string {
  return `${code.slice(0, 4)}00`
}
