import { api, downloadUrl, request, type Page } from '@/api/client'

/**
 * tenant-service's bureau endpoints as the console calls them (areas, contractors, programs, engagements, users).
 * Shapes follow the controllers' view records.
 */
const TENANTS = '/api/tenants/v1/tenants'
const CONTRACTORS = '/api/tenants/v1/contractors'

// areas

export interface GridNode {
  id: string
  code: string
  name: string
  leaderName: string | null
  leaderPhone: string | null
}
export interface CommunityNode {
  id: string
  code: string
  name: string
  grids: GridNode[]
}
export interface StreetNode {
  id: string
  code: string
  name: string
  communities: CommunityNode[]
}
export interface AreaTree {
  tenant: string
  streets: StreetNode[]
}

export interface ImportCounts {
  created: number
  updated: number
  unchanged: number
}
export interface ImportProblem {
  row: number
  column: string | null
  code: string
  message: string
}
export interface AreaImportReport {
  dryRun: boolean
  applied: boolean
  rows: number
  streets: ImportCounts
  communities: ImportCounts
  grids: ImportCounts
  problems: ImportProblem[]
}

export const areas = {
  tree: (tenant: string, signal?: AbortSignal) => api.get<AreaTree>(`${TENANTS}/${tenant}/areas`, undefined, signal),
  updateGrid: (tenant: string, id: string, body: { communityId: string; name: string; leaderName: string | null; leaderPhone: string | null }) =>
    api.put<GridNode>(`${TENANTS}/${tenant}/grids/${id}`, body),
  templateUrl: (tenant: string) => downloadUrl(`${TENANTS}/${tenant}/areas/import/template`),
  import: (tenant: string, file: File, dryRun: boolean) => {
    const body = new FormData()
    body.append('file', file)
    return request<AreaImportReport>('POST', `${TENANTS}/${tenant}/areas/import`, { body, query: { dryRun } })
  },
}

// contractors (platform-wide)

export interface Contact {
  name: string
  role: string | null
  phone: string | null
  email: string | null
}
export interface Qualification {
  name: string
  number: string | null
  issuer: string | null
  validUntil: string | null
}
export interface ContractorSummary {
  id: string
  uscc: string
  name: string
  legalRepresentative: string
}
export interface Contractor extends ContractorSummary {
  contacts: Contact[]
  qualifications: Qualification[]
  registeredByTenant: string | null
  createdAt: string
  updatedAt: string
  version: number
}
export interface ContractorDescription {
  name: string
  legalRepresentative: string
  contacts: Contact[]
  qualifications: Qualification[]
}

/** One entry of a contractor's history (`registry.contractor_change`): who changed what, from which version. */
export interface ContractorChange {
  version: number
  action: 'REGISTERED' | 'CHANGED'
  at: string
  actorSubject: string
  actorUsername: string | null
  actorTenant: string | null
  before: ContractorDescription | null
  after: ContractorDescription
}

export const contractors = {
  changes: (id: string) => api.get<ContractorChange[]>(`${CONTRACTORS}/${id}/changes`),
  list: (query: { uscc?: string; name?: string; page: number; size: number }, signal?: AbortSignal) =>
    api.get<Page<ContractorSummary>>(CONTRACTORS, query, signal),
  get: (id: string) => api.get<Contractor>(`${CONTRACTORS}/${id}`),
  register: (body: ContractorDescription & { uscc: string }) => api.post<Contractor>(CONTRACTORS, body),
  describe: (id: string, body: ContractorDescription & { version: number }) =>
    api.put<Contractor>(`${CONTRACTORS}/${id}`, body),
}

// programs and engagements

export interface Program {
  id: string
  owner: string
  name: string
  startYear: number
  endYear: number
  description: string | null
  districtCodes: string[]
  createdAt: string
  updatedAt: string
  version: number
}
export interface ProgramRequest {
  name: string
  startYear: number | null
  endYear: number | null
  description: string
  districtCodes: string[]
}

export type EngagementStatus = 'ACTIVE' | 'ENDED'
export interface Engagement {
  id: string
  contractorId: string
  programOwner: string
  programId: string
  startDate: string
  endDate: string | null
  status: EngagementStatus
  createdAt: string
  updatedAt: string
  version: number
}
export interface EngageRequest {
  contractorId: string
  programOwner: string
  programId: string
  startDate: string
  endDate: string | null
}

export const programs = {
  list: (tenant: string, signal?: AbortSignal) => api.get<Program[]>(`${TENANTS}/${tenant}/programs`, undefined, signal),
  create: (tenant: string, body: ProgramRequest) => api.post<Program>(`${TENANTS}/${tenant}/programs`, body),
  update: (tenant: string, id: string, body: ProgramRequest) =>
    api.put<Program>(`${TENANTS}/${tenant}/programs/${id}`, body),
}

export const engagements = {
  list: (tenant: string, signal?: AbortSignal) =>
    api.get<Engagement[]>(`${TENANTS}/${tenant}/engagements`, undefined, signal),
  engage: (tenant: string, body: EngageRequest) => api.post<Engagement>(`${TENANTS}/${tenant}/engagements`, body),
  schedule: (tenant: string, id: string, body: { startDate: string; endDate: string | null; status: EngagementStatus }) =>
    api.put<Engagement>(`${TENANTS}/${tenant}/engagements/${id}`, body),
}

// users

/** Who disabled an account: tenant-service keeps it (Keycloak attributes) but its `UserView` does not send it yet. */
export interface Disabler {
  subject: string
  username?: string | null
  level: string
}
export interface User {
  id: string
  username: string
  firstName: string
  lastName: string
  email: string | null
  phone: string | null
  enabled: boolean
  roles: string[]
  tenant: string
  contractorId: string | null
  createdAt: string | null
  disabledBy?: Disabler | null
}
export interface CreateUserRequest {
  username: string
  firstName: string
  lastName: string
  email: string | null
  phone: string | null
  role: string
  contractorId: string | null
  password: string | null
}
export interface CreatedUser {
  user: User
  generatedPassword: string | null
}

export const users = {
  list: (tenant: string, first: number, max: number, signal?: AbortSignal) =>
    api.get<User[]>(`${TENANTS}/${tenant}/users`, { first, max }, signal),
  create: (tenant: string, body: CreateUserRequest) => api.post<CreatedUser>(`${TENANTS}/${tenant}/users`, body),
  disable: (tenant: string, id: string) => api.post<User>(`${TENANTS}/${tenant}/users/${id}/disable`),
  enable: (tenant: string, id: string) => api.post<User>(`${TENANTS}/${tenant}/users/${id}/enable`),
}
