import type { RouteRecordRaw } from 'vue-router'
import type { Role } from '@/roles'

/** Finance's pages that are not menu entries (a claim, an allocation), each its own chunk. */
const CLAIM_READERS: Role[] = ['bureau-admin', 'finance-officer', 'auditor', 'contractor-manager']
const ALLOCATION_READERS: Role[] = ['finance-officer', 'bureau-admin', 'auditor', 'platform-admin']

export const financeRoutes: RouteRecordRaw[] = [
  {
    path: 'billing/claims/:id',
    name: 'claim',
    component: () => import('@/views/billing/claims/ClaimPage.vue'),
    meta: { title: 'finance.claims.detail', roles: CLAIM_READERS },
  },
  {
    path: 'billing/contracts/:id',
    name: 'contract',
    component: () => import('@/views/billing/contracts/ContractPage.vue'),
    meta: { title: 'finance.contracts.title', roles: CLAIM_READERS },
  },
  {
    path: 'billing/allocations/:id',
    name: 'allocation',
    component: () => import('@/views/billing/allocations/AllocationPage.vue'),
    meta: { title: 'finance.allocations.title', roles: ALLOCATION_READERS },
  },
]
