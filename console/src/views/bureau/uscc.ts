/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015), checked as the registry checks it
 * (tenant-service `Uscc`): 18 characters of a 31-character alphabet without I O Z S V, the 18th a check character
 * over the first 17 with the weights 3^i mod 31. Capitals only, as printed on the licence.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
export const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const
export const USCC_LENGTH = 18

export type UsccDefect = 'missing' | 'wrongLength' | 'forbiddenCharacter' | 'wrongCheckCharacter'

/** The check character of the first 17 characters: 31 − (Σ value × weight mod 31), where 31 means 0. */
export function usccCheckCharacter(first17: string): string {
  let sum = 0
  for (let i = 0; i < USCC_LENGTH - 1; i++) {
    sum += USCC_ALPHABET.indexOf(first17.charAt(i)) * USCC_WEIGHTS[i]
  }
  const check = 31 - (sum % 31)
  return USCC_ALPHABET.charAt(check === 31 ? 0 : check)
}

/** Why a string is not a code, or null when it is one. */
export function usccDefect(value: string | null | undefined): UsccDefect | null {
  if (!value) return 'missing'
  if (value.length !== USCC_LENGTH) return 'wrongLength'
  for (const c of value) {
    if (!USCC_ALPHABET.includes(c)) return 'forbiddenCharacter'
  }
  return value.charAt(USCC_LENGTH - 1) === usccCheckCharacter(value.slice(0, USCC_LENGTH - 1))
    ? null
    : 'wrongCheckCharacter'
}

export function isValidUscc(value: string | null | undefined): boolean {
  return usccDefect(value) === null
}

/**
 * What a person typing sees before the code is complete: a forbidden character at once, the length as they go,
 * the check character once all 18 are there.
 */
export function usccProgress(value: string): { defect: UsccDefect | null; complete: boolean } {
  for (const c of value) {
    if (!USCC_ALPHABET.includes(c)) return { defect: 'forbiddenCharacter', complete: false }
  }
  if (value.length < USCC_LENGTH) return { defect: null, complete: false }
  return { defect: usccDefect(value), complete: true }
}
