/**
 * care-service shapes the contractor's office reads and writes (visits and their photos, assessments, the elder
 * import), as `VisitView`, `EvidenceController.EvidenceView`, `AssessmentView` and `ElderImport.Report` give them.
 */

export const careBase = (tenant: string) => `/api/care/v1/tenants/${encodeURIComponent(tenant)}`

export type ContactMode = 'PHONE' | 'WECHAT' | 'VIDEO' | 'HOME_VISIT' | 'GROUP_ACTIVITY'
export const CONTACT_MODES: ContactMode[] = ['PHONE', 'WECHAT', 'VIDEO', 'HOME_VISIT', 'GROUP_ACTIVITY']
export type VisitStatus = 'RECORDED' | 'VERIFIED' | 'REJECTED' | 'SUPERSEDED'

export interface Place {
  at: string
  latitude: number
  longitude: number
}

export interface VisitLine {
  item: string
  label: string
  quantity: number
  billingKey: string
}

export interface Supply {
  item?: string
  name?: string
  quantity?: number
  [key: string]: unknown
}

export interface Concern {
  id: string
  kind: string
  category: string
  categoryLabel: string
  description: string
  advice: string | null
  status: string
}

export interface Visit {
  id: string
  elderId: string
  contractorId: string | null
  programId: string | null
  mode: ContactMode
  modeLabel: string
  performerKind: 'WORKER' | 'VOLUNTEER' | 'CADRE'
  performedBy: string
  performerName: string | null
  startedAt: string
  endedAt: string | null
  performedOn: string
  durationMinutes: number
  checkIn: Place | null
  checkOut: Place | null
  distanceMeters: number | null
  locationFlags: string[]
  services: VisitLine[]
  readingsTaken: number
  readingsOutOfRange: number
  medicinesChecked: number
  medicinesExpired: number
  safetyChecked: string[]
  supplies: Supply[]
  suppliesSignedBy: string | null
  companionship: string | null
  note: string | null
  concerns: Concern[]
  status: VisitStatus
  amendsId: string | null
  amendmentReason: string | null
  recordedBy: string
  recordedAt: string
  reviewedBy: string | null
  reviewedAt: string | null
  reviewNote: string | null
  version: number
}

export type EvidencePurpose = 'VISIT' | 'SUPPLIES_SIGNOFF' | 'HAZARD' | 'HEALTH' | 'OTHER'

export interface Evidence {
  id: string
  visitId: string
  purpose: EvidencePurpose
  contentType: string
  sizeBytes: number
  sha256: string
  uploadedBy: string
  uploadedAt: string
}

/** The few fields of an elder's file (`ElderView`) the office's pages show. */
export interface ElderSummary {
  id: string
  name: string
  idNumber: string
  age: number | null
  ageBand: string | null
  sex: string | null
  gridCode: string | null
  abilityLevel: number | null
  lastAssessedOn: string | null
  nextAssessmentDue: string | null
  status: string
}

export interface IndicatorScore {
  code: string
  name: string
  score: number
  max: number
}

export interface AssessmentView {
  id: string
  elderId: string
  assessedOn: string
  reason: string
  coma: boolean
  items: Record<string, number>
  indicators: IndicatorScore[]
  total: number | null
  preliminaryLevel: number | null
  preliminaryLevelName: string | null
  adjusted: boolean
  finalLevel: number
  finalLevelName: string
  hasFindings: boolean
  assessors: { name: string; certificateNumber: string }[]
  nextDue: string
  status: string
}

export interface ImportLine {
  row: number
  column: string | null
  code: string
  message: string
}

export interface ImportReport {
  dryRun: boolean
  applied: boolean
  rows: number
  created: number
  updated: number
  unchanged: number
  problems: ImportLine[]
  notices: ImportLine[]
}
