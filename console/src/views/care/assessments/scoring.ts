/**
 * The ability assessment of GB/T 42195-2022 as the form shows it while it is being filled: the same items, ranges,
 * indicator totals, levels and adjustments as care-service's `AbilityScoring` (the service decides; this is the
 * live preview, and the saved assessment shows the service's own result).
 */

export type IndicatorCode = 'SELF_CARE' | 'BASIC_MOBILITY' | 'MENTAL_STATE' | 'PERCEPTION_AND_SOCIAL'

export interface Indicator {
  code: IndicatorCode
  name: string
  max: number
}

export interface AbilityItem {
  code: string
  name: string
  max: number
  indicator: IndicatorCode
}

export const INDICATORS: readonly Indicator[] = [
  { code: 'SELF_CARE', name: '自理能力', max: 32 },
  { code: 'BASIC_MOBILITY', name: '基础运动能力', max: 15 },
  { code: 'MENTAL_STATE', name: '精神状态', max: 28 },
  { code: 'PERCEPTION_AND_SOCIAL', name: '感知觉与社会参与', max: 15 },
]

const item = (code: string, name: string, max: number, indicator: IndicatorCode): AbilityItem => ({
  code,
  name,
  max,
  indicator,
})

/** The 26 second-level items in the standard's order; the codes are the API's. */
export const ITEMS: readonly AbilityItem[] = [
  item('EATING', '进食', 4, 'SELF_CARE'),
  item('GROOMING', '修饰', 4, 'SELF_CARE'),
  item('BATHING', '洗澡', 4, 'SELF_CARE'),
  item('DRESSING_UPPER', '穿/脱上衣', 4, 'SELF_CARE'),
  item('DRESSING_LOWER', '穿/脱裤子和鞋袜', 4, 'SELF_CARE'),
  item('URINE_CONTROL', '小便控制', 4, 'SELF_CARE'),
  item('BOWEL_CONTROL', '大便控制', 4, 'SELF_CARE'),
  item('TOILETING', '如厕', 4, 'SELF_CARE'),
  item('BED_POSITION_CHANGE', '床上体位转移', 4, 'BASIC_MOBILITY'),
  item('BED_CHAIR_TRANSFER', '床椅转移', 4, 'BASIC_MOBILITY'),
  item('WALKING_ON_LEVEL', '平地行走', 4, 'BASIC_MOBILITY'),
  item('STAIRS', '上下楼梯', 3, 'BASIC_MOBILITY'),
  item('TIME_ORIENTATION', '时间定向', 4, 'MENTAL_STATE'),
  item('PLACE_ORIENTATION', '空间定向', 4, 'MENTAL_STATE'),
  item('PERSON_ORIENTATION', '人物定向', 4, 'MENTAL_STATE'),
  item('MEMORY', '记忆', 4, 'MENTAL_STATE'),
  item('COMPREHENSION', '理解能力', 4, 'MENTAL_STATE'),
  item('EXPRESSION', '表达能力', 4, 'MENTAL_STATE'),
  item('AGGRESSIVE_BEHAVIOUR', '攻击行为', 1, 'MENTAL_STATE'),
  item('DEPRESSIVE_SYMPTOMS', '抑郁症状', 1, 'MENTAL_STATE'),
  item('CONSCIOUSNESS', '意识水平', 2, 'MENTAL_STATE'),
  item('VISION', '视力', 2, 'PERCEPTION_AND_SOCIAL'),
  item('HEARING', '听力', 2, 'PERCEPTION_AND_SOCIAL'),
  item('DAILY_AFFAIRS', '执行日常事务', 4, 'PERCEPTION_AND_SOCIAL'),
  item('USING_TRANSPORT', '使用交通工具外出', 3, 'PERCEPTION_AND_SOCIAL'),
  item('SOCIAL_INTERACTION', '社会交往能力', 4, 'PERCEPTION_AND_SOCIAL'),
]

export const LEVEL_NAMES = ['能力完好', '能力轻度受损', '能力中度受损', '能力重度受损', '能力完全丧失'] as const

export const RISK_EVENT_KINDS = ['FALL', 'CHOKING', 'SUICIDE_OR_SELF_HARM', 'WANDERING_OFF', 'OTHER'] as const
export type RiskEventKind = (typeof RISK_EVENT_KINDS)[number]

/** Care-risk events count when at most this many days before the assessment date; this many raise the level. */
export const RISK_EVENT_WINDOW_DAYS = 30
export const RISK_EVENTS_THAT_RAISE = 2

export interface Diagnosis {
  icd10: string
  byPsychiatrist: boolean
}

export interface RiskEvent {
  kind: RiskEventKind | null
  occurredOn: string | null
}

export interface Observation {
  assessedOn: string | null
  coma: boolean
  items: Record<string, number | null | undefined>
  diagnoses: Diagnosis[]
  riskEvents: RiskEvent[]
}

export type ConditionCode = 'COMA' | 'DEMENTIA' | 'PSYCHIATRIC_DISORDER' | 'CARE_RISK_EVENTS'

export interface Preview {
  /** Each indicator's total of the items scored so far. */
  indicators: Record<IndicatorCode, number>
  /** How many of the 26 items are scored. */
  scored: number
  complete: boolean
  /** The total of the items scored so far (null in a coma). */
  total: number | null
  /** Only once all 26 items are scored (or in a coma: null, not scored). */
  preliminaryLevel: number | null
  conditions: ConditionCode[]
  finalLevel: number | null
}

export function preliminaryLevel(total: number): number {
  if (!Number.isInteger(total) || total < 0 || total > 90) {
    throw new RangeError(`a total score is 0 to 90: ${total}`)
  }
  if (total === 90) return 0
  if (total >= 66) return 1
  if (total >= 46) return 2
  if (total >= 30) return 3
  return 4
}

const ICD10_MENTAL = /^F(\d{2})(\.\d{1,2})?$/

/** Which adjustment a diagnosis brings: F00–F03 dementia; F04–F99 only when a psychiatrist diagnosed it. */
export function diagnosisCondition(d: Diagnosis): ConditionCode | null {
  const m = ICD10_MENTAL.exec((d.icd10 ?? '').trim().toUpperCase())
  if (!m) return null
  const category = Number(m[1])
  if (category <= 3) return 'DEMENTIA'
  return d.byPsychiatrist ? 'PSYCHIATRIC_DISORDER' : null
}

export function isMentalDisorderCode(icd10: string): boolean {
  return ICD10_MENTAL.test((icd10 ?? '').trim().toUpperCase())
}

function dayNumber(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number)
  return Date.UTC(y, m - 1, d) / 86_400_000
}

/** The events that count: on or before the assessment day and at most 30 days before it. */
export function countedRiskEvents(events: RiskEvent[], assessedOn: string | null): number {
  if (!assessedOn) return 0
  const on = dayNumber(assessedOn)
  return events.filter((e) => {
    if (!e.kind || !e.occurredOn) return false
    const day = dayNumber(e.occurredOn)
    return day <= on && day >= on - RISK_EVENT_WINDOW_DAYS
  }).length
}

export function assess(o: Observation): Preview {
  const indicators = { SELF_CARE: 0, BASIC_MOBILITY: 0, MENTAL_STATE: 0, PERCEPTION_AND_SOCIAL: 0 }
  if (o.coma) {
    // The standard rates a person in a coma directly, without scoring.
    return {
      indicators,
      scored: 0,
      complete: true,
      total: null,
      preliminaryLevel: null,
      conditions: ['COMA'],
      finalLevel: 4,
    }
  }
  let scored = 0
  for (const it of ITEMS) {
    const score = o.items[it.code]
    if (typeof score === 'number' && Number.isInteger(score) && score >= 0 && score <= it.max) {
      indicators[it.indicator] += score
      scored++
    }
  }
  const total = Object.values(indicators).reduce((a, b) => a + b, 0)
  const conditions: ConditionCode[] = []
  const found = new Set(o.diagnoses.map(diagnosisCondition))
  if (found.has('DEMENTIA')) conditions.push('DEMENTIA')
  if (found.has('PSYCHIATRIC_DISORDER')) conditions.push('PSYCHIATRIC_DISORDER')
  if (countedRiskEvents(o.riskEvents, o.assessedOn) >= RISK_EVENTS_THAT_RAISE) conditions.push('CARE_RISK_EVENTS')
  const complete = scored === ITEMS.length
  const preliminary = complete ? preliminaryLevel(total) : null
  // One step in all, however many conditions hold, never beyond level 4.
  const finalLevel = preliminary === null ? null : conditions.length ? Math.min(4, preliminary + 1) : preliminary
  return { indicators, scored, complete, total, preliminaryLevel: preliminary, conditions, finalLevel }
}

export function itemsOf(indicator: IndicatorCode): AbilityItem[] {
  return ITEMS.filter((i) => i.indicator === indicator)
}
