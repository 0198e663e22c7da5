import { api, downloadUrl, request, type Page } from '@/api/client'

/**
 * billing-service as finance reads it (`/api/billing/v1/tenants/{t}`). Amounts are strings with two decimals;
 * rates fractions to four decimals; every code comes with its Chinese name (`statusName`, `sourceName`,
 * `exclusionName`) and every person with a display name (`…ByName`): the screens show those.
 */
export const billingBase = (tenant: string) => `/api/billing/v1/tenants/${encodeURIComponent(tenant)}`

export type ClaimStatus = 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'PARTLY_APPROVED' | 'REJECTED'
export const CLAIM_STATUSES: ClaimStatus[] = ['DRAFT', 'SUBMITTED', 'APPROVED', 'PARTLY_APPROVED', 'REJECTED']

export interface ClaimSummary {
  id: string
  contractId: string
  contractorId: string
  periodFrom: string
  periodTo: string
  status: ClaimStatus
  statusName: string
  claimedAmount: string
  approvedAmount: string | null
  /** 已拨付: approved less holdback, from the approval on. */
  drawnAmount: string | null
  /** 已支付: once the treasury's transfer is recorded ("0.00" before; null while undecided). */
  paidAmount: string | null
  paymentDueOn: string | null
}

export interface ExclusionSummary {
  exclusion: string
  exclusionName: string
  lines: number
  units: number
}

export interface Refusal {
  by: string
  byName: string
  at: string
  code: string
  reason: string
}

export interface Claim extends ClaimSummary {
  includedLines: number
  excludedLines: number
  byExclusion: ExclusionSummary[]
  openedByName: string | null
  openedAt: string
  pricedAt: string | null
  submittedByName: string | null
  submittedAt: string | null
  decidedByName: string | null
  decidedAt: string | null
  decisionNote: string | null
  rejection: { byName: string | null; at: string; reason: string } | null
  holdbackAmount: string | null
  paidOn: string | null
  paymentReference: string | null
  paymentRecordedByName: string | null
  paymentLate: boolean
  refusedApprovals: Refusal[]
  version: number
}

export interface ClaimLine {
  id: string
  district: string
  districtName: string | null
  serviceItemName: string
  quantity: number
  performedOn: string
  unitPrice: string | null
  amount: string | null
  exclusion: string | null
  exclusionName: string | null
  decision: string | null
  decisionName: string | null
  rejectionReason: string | null
}

export interface RejectedLine {
  lineId: string
  reason: string
}

/** Writes that move money need an Idempotency-Key: one per attempt the person makes (a retry of the same click reuses it). */
export function idempotencyKey(): string {
  return `console-${crypto.randomUUID()}`
}

function moneyWrite<T>(path: string, body: unknown, key: string): Promise<T> {
  return request<T>('POST', path, { body, headers: { 'Idempotency-Key': key } })
}

export const claimsApi = {
  list: (tenant: string, query: { status?: string; contractId?: string; page: number; size: number }) =>
    api.get<Page<ClaimSummary>>(`${billingBase(tenant)}/claims`, query),
  get: (tenant: string, id: string) => api.get<Claim>(`${billingBase(tenant)}/claims/${id}`),
  lines: (tenant: string, id: string, query: { exclusion?: string; included?: boolean; page: number; size: number }) =>
    api.get<Page<ClaimLine>>(`${billingBase(tenant)}/claims/${id}/lines`, query),
  exportUrl: (tenant: string, id: string) => downloadUrl(`${billingBase(tenant)}/claims/${id}/export`),
  approve: (tenant: string, id: string, body: { note?: string; rejectedLines?: RejectedLine[] }, key: string) =>
    moneyWrite<Claim>(`${billingBase(tenant)}/claims/${id}/approve`, body, key),
  reject: (tenant: string, id: string, body: { note: string }, key: string) =>
    moneyWrite<Claim>(`${billingBase(tenant)}/claims/${id}/reject`, body, key),
  recordPayment: (tenant: string, id: string, body: { paidOn: string; reference: string }) =>
    api.post<Claim>(`${billingBase(tenant)}/claims/${id}/payment`, body),
}

export interface MoneyView {
  allocated: string
  committed: string
  drawn: string
  paid: string
  encumbered: string
  held: string
  available: string
  executionRate: string | null
}

export interface ExecutionAllocation {
  id: string
  documentNumber: string
  sourceName: string
  fiscalYear: number
  purpose: string
  returned: string
  unbudgeted: string
  money: MoneyView
}

export interface ExecutionLine {
  id: string
  allocationId: string
  documentNumber: string
  sourceName: string
  fiscalYear: number
  phase: number
  districtCode: string
  districtName: string | null
  name: string
  money: MoneyView
}

export interface ExecutionContract {
  id: string
  number: string
  contractorName: string
  statusName: string
  money: MoneyView
}

export interface ExecutionDistrict {
  districtCode: string
  districtName: string | null
  money: MoneyView
}

export interface Execution {
  tenant: string
  tenantName: string | null
  fiscalYear: number | null
  mark: string | null
  total: MoneyView
  allocations: ExecutionAllocation[]
  lines: ExecutionLine[]
  contracts: ExecutionContract[]
  districts: ExecutionDistrict[]
  fromCity: {
    city: string
    cityName: string | null
    mark: string | null
    total: MoneyView
    lines: ExecutionLine[]
    contracts: ExecutionContract[]
  } | null
  combined: MoneyView | null
}

export interface Rollup {
  city: string
  cityName: string | null
  fiscalYear: number | null
  total: MoneyView
  districts: { districtCode: string; districtName: string | null; fromCity: MoneyView; own: MoneyView; total: MoneyView }[]
}

export const reportsApi = {
  execution: (tenant: string, fiscalYear?: number) =>
    api.get<Execution>(`${billingBase(tenant)}/reports/execution`, { fiscalYear }),
  executionExportUrl: (tenant: string, fiscalYear?: number) =>
    downloadUrl(`${billingBase(tenant)}/reports/execution/export`, { fiscalYear }),
  rollup: (tenant: string, fiscalYear?: number) =>
    api.get<Rollup>(`${billingBase(tenant)}/reports/city-rollup`, { fiscalYear }),
  rollupExportUrl: (tenant: string, fiscalYear?: number) =>
    downloadUrl(`${billingBase(tenant)}/reports/city-rollup/export`, { fiscalYear }),
}

export interface AllocationSummary {
  id: string
  sourceName: string
  fiscalYear: number
  documentNumber: string
  purpose: string
  originalAmount: string
  currentAmount: string
  createdByName: string | null
  createdAt: string
}

export interface Amendment {
  id: string
  sequence: number
  previousAmount: string
  newAmount: string
  reason: string
  documentNumber: string
  createdByName: string | null
  createdAt: string
}

export interface Allocation extends AllocationSummary {
  yearEndRuleName: string
  amendments: Amendment[]
}

export interface BudgetLine {
  id: string
  phase: number
  districtCode: string
  districtName: string | null
  name: string
  fiscalYear: number
  allocated: string
  committed: string
  drawn: string
  paid: string
  encumbered: string
  held: string
  available: string
  executionRate: string | null
  recalledIfUnspent: boolean
}

export interface Budget {
  allocationId: string
  amount: string
  unbudgeted: string
  lines: BudgetLine[]
}

export const allocationsApi = {
  list: (tenant: string, query: { fiscalYear?: number; page: number; size: number }) =>
    api.get<Page<AllocationSummary>>(`${billingBase(tenant)}/allocations`, query),
  get: (tenant: string, id: string) => api.get<Allocation>(`${billingBase(tenant)}/allocations/${id}`),
  budget: (tenant: string, id: string) => api.get<Budget>(`${billingBase(tenant)}/allocations/${id}/lines`),
  amend: (tenant: string, id: string, body: { newAmount: string; reason: string; documentNumber: string }, key: string) =>
    moneyWrite<Allocation>(`${billingBase(tenant)}/allocations/${id}/amendments`, body, key),
}

export interface ContractSummary {
  id: string
  number: string
  name: string
  contractorName: string
  districts: string[]
  value: string
  startDate: string
  endDate: string
  procurementMethodLabel: string
  status: string
  statusName: string
  signedOn: string | null
}

export interface ContractLineMoney {
  lineId: string
  districtCode: string
  districtName: string | null
  committed: string
  undrawn: string
  held: string
  drawn: string
  paid: string
  encumbered: string
}

export interface Contract extends ContractSummary {
  districtNames: (string | null)[]
  multiYearReason: string | null
  procurementName: string
  procurementBudget: string
  awardedOn: string
  nonOpenReason: string | null
  invitation: string
  criteria: string
  winnerReason: string
  quotes: { supplier: string; uscc: string | null; amount: string; score: string | null; winner: boolean }[]
  holdbackPercent: string
  evaluationThreshold: string
  paymentDueDays: number
  milestones: { name: string; percent: string; condition: string | null }[]
  prices: { serviceItem: string; serviceItemLabel: string; unitPrice: string; quantityCap: number | null }[]
  signedByName: string | null
  signedAt: string | null
  closedAt: string | null
  evaluationScore: string | null
  evaluationGrade: string | null
  evaluatedOn: string | null
  evaluatedByName: string | null
  closedByName: string | null
  money: ContractLineMoney[]
  createdByName: string | null
  createdAt: string
  version: number
}

export const contractsApi = {
  list: (tenant: string, query: { status?: string; page: number; size: number }) =>
    api.get<Page<ContractSummary>>(`${billingBase(tenant)}/contracts`, query),
  get: (tenant: string, id: string) => api.get<Contract>(`${billingBase(tenant)}/contracts/${id}`),
  sign: (tenant: string, id: string, body: { signedOn: string; commitments: { lineId: string; amount: string }[] }, key: string) =>
    moneyWrite<Contract>(`${billingBase(tenant)}/contracts/${id}/sign`, body, key),
}
