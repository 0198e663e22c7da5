import { createRouter, createWebHistory, type RouteComponent, type RouteRecordRaw } from 'vue-router'
import { NAVIGATION } from '@/navigation'
import type { Role } from '@/roles'
import { financeRoutes } from './finance'

declare module 'vue-router' {
  interface RouteMeta {
    title?: string
    roles?: readonly Role[]
    cityOnly?: boolean
  }
}

// Every page is its own chunk; pages not built yet share the "being built" page.
const pages: Record<string, () => Promise<RouteComponent>> = {
  elders: () => import('@/views/care/elders/ElderList.vue'),
  districts: () => import('@/views/tenants/districts/DistrictList.vue'),
  'bureau-areas': () => import('@/views/bureau/areas/AreaPage.vue'),
  'bureau-contractors': () => import('@/views/bureau/contractors/ContractorList.vue'),
  'bureau-programs': () => import('@/views/bureau/programs/ProgramList.vue'),
  'bureau-engagements': () => import('@/views/bureau/programs/EngagementList.vue'),
  'bureau-users': () => import('@/views/bureau/users/UserList.vue'),
  visits: () => import('@/views/care/visits/VisitReview.vue'),
  'assessment-form': () => import('@/views/care/assessments/AssessmentForm.vue'),
  'elder-import': () => import('@/views/care/elders/ElderImport.vue'),
  'care-plan': () => import('@/views/care/plans/CarePlan.vue'),
  claims: () => import('@/views/billing/claims/ClaimList.vue'),
  payments: () => import('@/views/billing/payments/PaymentList.vue'),
  execution: () => import('@/views/billing/execution/ExecutionReport.vue'),
  allocations: () => import('@/views/billing/allocations/AllocationList.vue'),
  contracts: () => import('@/views/billing/contracts/ContractList.vue'),
  alerts: () => import('@/views/care/alerts/AlertList.vue'),
  'assessments-due': () => import('@/views/care/assessments/DueList.vue'),
}
const comingSoon = (): Promise<RouteComponent> => import('@/views/errors/ComingSoon.vue')

const navRoutes: RouteRecordRaw[] = NAVIGATION.flatMap((g) => g.items).map((item) => ({
  path: item.path,
  name: item.name,
  component: pages[item.name] ?? comingSoon,
  meta: { title: item.label, roles: item.roles, cityOnly: item.cityOnly },
}))

/** The gateway keeps these prefixes; no console page may start with one. */
export const RESERVED_PREFIXES = [
  '/api', '/auth', '/oauth2', '/login', '/logout', '/docs', '/swagger-ui', '/v3', '/webjars', '/actuator', '/assets',
]

export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    component: () => import('@/layouts/ConsoleLayout.vue'),
    children: [
      {
        path: '',
        name: 'workbench',
        component: () => import('@/views/workbench/WorkbenchPage.vue'),
        meta: { title: 'menu.workbench' },
      },
      ...navRoutes,
      ...financeRoutes,
      {
        path: 'forbidden',
        name: 'forbidden',
        component: () => import('@/views/errors/NotFound.vue'),
        props: { forbidden: true },
      },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('@/views/errors/NotFound.vue') },
    ],
  },
]

export function createConsoleRouter() {
  return createRouter({
    history: createWebHistory('/'),
    routes,
    scrollBehavior: () => ({ top: 0 }),
  })
}
