/** The few API shapes the shell reads (tenant-service `TenantView`, the gateway's `/auth/me`). */

export interface Me {
  subject: string
  username: string
  name: string | null
  tenant: string | null
  contractor: string | null
  roles: string[]
  idleTimeoutSeconds: number
  expiresAt: string
}

export type TenantStatus = 'PROVISIONING' | 'ACTIVE' | 'SUSPENDED' | 'ARCHIVED'

export interface Tenant {
  code: string
  name: string
  level: 'CITY' | 'DISTRICT' | string
  parentCode: string | null
  status: TenantStatus
  createdAt?: string
  updatedAt?: string
}
