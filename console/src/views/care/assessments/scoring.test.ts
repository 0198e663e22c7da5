import { describe, expect, it } from 'vitest'
import {
  assess,
  INDICATORS,
  ITEMS,
  itemsOf,
  LEVEL_NAMES,
  preliminaryLevel,
  type Diagnosis,
  type Observation,
  type RiskEvent,
} from './scoring'

// The cases of care-service's AbilityScoringTest, played against the console's preview.
const ON = '2026-11-20'
const daysBefore = (n: number) => new Date(Date.UTC(2026, 10, 20 - n)).toISOString().slice(0, 10)
const DEMENTIA: Diagnosis = { icd10: 'F00.1', byPsychiatrist: false }
const SCHIZOPHRENIA: Diagnosis = { icd10: 'F20', byPsychiatrist: true }
const TWO_EVENTS: RiskEvent[] = [
  { kind: 'FALL', occurredOn: daysBefore(3) },
  { kind: 'WANDERING_OFF', occurredOn: daysBefore(20) },
]

/** Item scores that add up to `total`, filled in the standard's order from each item's max. */
function scoresTotalling(total: number): Record<string, number> {
  const scores: Record<string, number> = {}
  let left = total
  for (const it of ITEMS) {
    const s = Math.min(it.max, left)
    scores[it.code] = s
    left -= s
  }
  return scores
}

const observed = (total: number, diagnoses: Diagnosis[] = [], riskEvents: RiskEvent[] = []): Observation => ({
  assessedOn: ON,
  coma: false,
  items: scoresTotalling(total),
  diagnoses,
  riskEvents,
})

describe('the items of GB/T 42195-2022', () => {
  it('has 26 items, 90 points, four indicators that are the sums of their items', () => {
    expect(ITEMS).toHaveLength(26)
    expect(ITEMS.reduce((a, i) => a + i.max, 0)).toBe(90)
    expect(INDICATORS.map((i) => [i.name, i.max, itemsOf(i.code).length])).toEqual([
      ['自理能力', 32, 8],
      ['基础运动能力', 15, 4],
      ['精神状态', 28, 9],
      ['感知觉与社会参与', 15, 5],
    ])
    for (const ind of INDICATORS) {
      expect(itemsOf(ind.code).reduce((a, i) => a + i.max, 0)).toBe(ind.max)
    }
  })
})

describe('the preliminary level', () => {
  it.each([
    [90, 0, '能力完好'],
    [89, 1, '能力轻度受损'],
    [66, 1, '能力轻度受损'],
    [65, 2, '能力中度受损'],
    [46, 2, '能力中度受损'],
    [45, 3, '能力重度受损'],
    [30, 3, '能力重度受损'],
    [29, 4, '能力完全丧失'],
    [0, 4, '能力完全丧失'],
  ])('total %i → level %i %s', (total, level, name) => {
    const p = assess(observed(total))
    expect(p.total).toBe(total)
    expect(p.preliminaryLevel).toBe(level)
    expect(LEVEL_NAMES[p.preliminaryLevel!]).toBe(name)
    expect(p.finalLevel).toBe(level)
    expect(p.conditions).toEqual([])
  })

  it('refuses a total outside 0–90', () => {
    expect(() => preliminaryLevel(91)).toThrow(RangeError)
    expect(() => preliminaryLevel(-1)).toThrow(RangeError)
  })
})

describe('an assessment as it is filled', () => {
  it('totals each indicator (the service test: 30, 13, 27, 14 = 84)', () => {
    const items = { ...scoresTotalling(90), EATING: 2, STAIRS: 1, DEPRESSIVE_SYMPTOMS: 0, VISION: 1 }
    const p = assess({ assessedOn: ON, coma: false, items, diagnoses: [], riskEvents: [] })
    expect(p.indicators).toEqual({ SELF_CARE: 30, BASIC_MOBILITY: 13, MENTAL_STATE: 27, PERCEPTION_AND_SOCIAL: 14 })
    expect(p.total).toBe(84)
    expect(p.preliminaryLevel).toBe(1)
  })

  it('gives partial totals and no level until all 26 items are scored', () => {
    const p = assess({ assessedOn: ON, coma: false, items: { EATING: 4, STAIRS: 3 }, diagnoses: [], riskEvents: [] })
    expect(p.scored).toBe(2)
    expect(p.complete).toBe(false)
    expect(p.indicators.SELF_CARE).toBe(4)
    expect(p.indicators.BASIC_MOBILITY).toBe(3)
    expect(p.total).toBe(7)
    expect(p.preliminaryLevel).toBeNull()
    expect(p.finalLevel).toBeNull()
  })

  it('ignores a score outside its item range', () => {
    const p = assess({ assessedOn: ON, coma: false, items: { STAIRS: 4, VISION: 3 }, diagnoses: [], riskEvents: [] })
    expect(p.scored).toBe(0)
    expect(p.total).toBe(0)
  })

  it('rates a coma level 4 without scoring', () => {
    const p = assess({ ...observed(90), coma: true })
    expect(p.total).toBeNull()
    expect(p.preliminaryLevel).toBeNull()
    expect(p.conditions).toEqual(['COMA'])
    expect(p.finalLevel).toBe(4)
  })
})

describe('the adjustments', () => {
  it.each<[string, number, Diagnosis[], RiskEvent[], number, number, string[]]>([
    ['none', 70, [], [], 1, 1, []],
    ['dementia alone', 70, [DEMENTIA], [], 1, 2, ['DEMENTIA']],
    ['dementia F03 (lower case)', 50, [{ icd10: 'f03', byPsychiatrist: false }], [], 2, 3, ['DEMENTIA']],
    ['psychiatric alone', 70, [SCHIZOPHRENIA], [], 1, 2, ['PSYCHIATRIC_DISORDER']],
    ['psychiatric F04 and F99', 70, [{ icd10: 'F04', byPsychiatrist: true }, { icd10: 'F99', byPsychiatrist: true }], [], 1, 2, ['PSYCHIATRIC_DISORDER']],
    ['psychiatric not by a psychiatrist does not count', 70, [{ icd10: 'F32.1', byPsychiatrist: false }], [], 1, 1, []],
    ['two risk events alone', 70, [], TWO_EVENTS, 1, 2, ['CARE_RISK_EVENTS']],
    ['dementia and psychiatric: one step', 70, [DEMENTIA, SCHIZOPHRENIA], [], 1, 2, ['DEMENTIA', 'PSYCHIATRIC_DISORDER']],
    ['dementia and risk events: one step', 40, [DEMENTIA], TWO_EVENTS, 3, 4, ['DEMENTIA', 'CARE_RISK_EVENTS']],
    ['all three: still one step', 90, [DEMENTIA, SCHIZOPHRENIA], TWO_EVENTS, 0, 1, ['DEMENTIA', 'PSYCHIATRIC_DISORDER', 'CARE_RISK_EVENTS']],
    ['all three at 66: one step', 66, [DEMENTIA, SCHIZOPHRENIA], TWO_EVENTS, 1, 2, ['DEMENTIA', 'PSYCHIATRIC_DISORDER', 'CARE_RISK_EVENTS']],
    ['capped at level 4', 29, [DEMENTIA], [], 4, 4, ['DEMENTIA']],
    ['capped at level 4 with all three', 0, [DEMENTIA, SCHIZOPHRENIA], TWO_EVENTS, 4, 4, ['DEMENTIA', 'PSYCHIATRIC_DISORDER', 'CARE_RISK_EVENTS']],
    ['level 3 raised to 4', 30, [SCHIZOPHRENIA], [], 3, 4, ['PSYCHIATRIC_DISORDER']],
    ['a code outside chapter F adjusts nothing', 70, [{ icd10: 'G30', byPsychiatrist: true }], [], 1, 1, []],
  ])('%s', (_, total, diagnoses, events, preliminary, final, conditions) => {
    const p = assess(observed(total, diagnoses, events))
    expect(p.preliminaryLevel).toBe(preliminary)
    expect(p.finalLevel).toBe(final)
    expect(p.conditions).toEqual(conditions)
  })

  it.each<[string, number[], boolean]>([
    ['one event', [1], false],
    ['two events', [1, 2], true],
    ['two on the assessment day', [0, 0], true],
    ['one exactly 30 days before', [30, 1], true],
    ['one 31 days before is not counted', [31, 1], false],
    ['both older than 30 days', [45, 60], false],
    ['three, one old', [90, 5, 6], true],
    ['one after the assessment day is not counted', [-1, 1], false],
  ])('risk events: %s', (_, days, raises) => {
    const events: RiskEvent[] = days.map((d) => ({ kind: 'CHOKING', occurredOn: daysBefore(d) }))
    const p = assess(observed(70, [], events))
    expect(p.finalLevel).toBe(raises ? 2 : 1)
    expect(p.conditions).toEqual(raises ? ['CARE_RISK_EVENTS'] : [])
  })
})
