import { describe, expect, it } from 'vitest'
import { isValidUscc, usccCheckCharacter, usccDefect, usccProgress } from './uscc'

// The same codes as tenant-service's UsccTest, so that the page and the registry agree.
describe('GB 32100-2015 check character', () => {
  it.each([
    ['91350100M000100Y43', "the standard's example"],
    ['91440300708461136T', 'an enterprise in 深圳'],
    ['52530402MJ0000001T', '民办非企业单位 in 红塔区'],
    ['53530423MJ0000003B', 'a foundation in 通海县'],
    ['51530424MJ00000043', 'a social group, numeric check character'],
    ['52530427MJ000000AX', 'a letter in the organisation code'],
    ['52530402MJ00000220', 'Σ mod 31 = 0: check value 31 becomes 0'],
    ['52530100MJ0000001E', 'a 五华区 social-work centre'],
  ])('accepts %s (%s)', (code) => {
    expect(usccDefect(code)).toBeNull()
    expect(isValidUscc(code)).toBe(true)
  })

  it.each([
    ['', 'missing'],
    [null, 'missing'],
    ['52530402MJ000000', 'wrongLength'],
    ['52530402MJ0000001T0', 'wrongLength'],
    ['52530402MI0000001T', 'forbiddenCharacter'], // I
    ['52530402MO0000001T', 'forbiddenCharacter'], // O
    ['52530402MZ0000001T', 'forbiddenCharacter'], // Z
    ['52530402MS0000001T', 'forbiddenCharacter'], // S
    ['52530402MV0000001T', 'forbiddenCharacter'], // V
    ['52530402MJ0000001I', 'forbiddenCharacter'], // forbidden as check character too
    ['52530402mj0000001t', 'forbiddenCharacter'], // lowercase is not normalised
    ['52530402MJ0000001A', 'wrongCheckCharacter'],
    ['52530402MJ0000002T', 'wrongCheckCharacter'], // one body character changed
    ['91350100M000100Y44', 'wrongCheckCharacter'],
  ])('refuses %s as %s', (code, defect) => {
    expect(usccDefect(code)).toBe(defect)
    expect(isValidUscc(code)).toBe(false)
  })

  it('computes the check character from the first 17', () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3')
    expect(usccCheckCharacter('52530402MJ0000022')).toBe('0')
    expect(usccCheckCharacter('52530427MJ000000A')).toBe('X')
  })

  it('while typing: a forbidden character at once, the check only when all 18 are there', () => {
    expect(usccProgress('5253')).toEqual({ defect: null, complete: false })
    expect(usccProgress('5253O')).toEqual({ defect: 'forbiddenCharacter', complete: false })
    expect(usccProgress('52530402MJ0000001A')).toEqual({ defect: 'wrongCheckCharacter', complete: true })
    expect(usccProgress('52530402MJ0000001T')).toEqual({ defect: null, complete: true })
  })
})
