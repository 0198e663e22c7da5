/** The realm roles (README, "Identity"); `service` never signs in to the console. */
export const ROLES = [
  'platform-admin',
  'bureau-admin',
  'finance-officer',
  'auditor',
  'contractor-manager',
  'care-worker',
  'volunteer',
] as const

export type Role = (typeof ROLES)[number]

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value)
}

export function hasAnyRole(roles: readonly string[], wanted: readonly Role[]): boolean {
  return wanted.some((r) => roles.includes(r))
}

/** GB/T 2260: a city's code ends in 00; a district's first four digits are its city's. */
export function isCityCode(code: string | null | undefined): boolean {
  return !!code && /^\d{4}00$/.test(code) && !/^\d{2}0000$/.test(code)
}
