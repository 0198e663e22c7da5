import type { Role } from './roles'

/** The menu: one entry per page, with the roles that may read it (README, "Roles per endpoint"). */
export interface NavItem {
  path: string
  name: string
  label: string
  roles: readonly Role[]
  /** Only for a user of a city (or the platform). */
  cityOnly?: boolean
}

export interface NavGroup {
  label: string
  items: NavItem[]
}

const CARE_READERS: Role[] = ['bureau-admin', 'contractor-manager', 'care-worker', 'auditor']
const VERIFIERS_AND_AUDIT: Role[] = ['bureau-admin', 'contractor-manager', 'auditor']
const MONEY_READERS: Role[] = ['bureau-admin', 'finance-officer', 'auditor', 'contractor-manager']

export const NAVIGATION: NavGroup[] = [
  {
    label: 'menu.care',
    items: [
      { path: '/care/elders', name: 'elders', label: 'menu.elders', roles: CARE_READERS },
      { path: '/care/visits', name: 'visits', label: 'menu.visits', roles: VERIFIERS_AND_AUDIT },
      { path: '/care/alerts', name: 'alerts', label: 'menu.alerts', roles: CARE_READERS },
      { path: '/care/assessments/due', name: 'assessments-due', label: 'menu.assessmentsDue', roles: CARE_READERS },
    ],
  },
  {
    label: 'menu.billing',
    items: [
      { path: '/billing/contracts', name: 'contracts', label: 'menu.contracts', roles: MONEY_READERS },
      { path: '/billing/claims', name: 'claims', label: 'menu.claims', roles: MONEY_READERS },
      { path: '/billing/payments', name: 'payments', label: 'menu.payments', roles: MONEY_READERS },
      { path: '/billing/allocations', name: 'allocations', label: 'finance.menu.allocations', roles: ['finance-officer', 'bureau-admin', 'auditor', 'platform-admin'] },
      { path: '/billing/execution', name: 'execution', label: 'finance.menu.execution', roles: ['finance-officer', 'bureau-admin', 'auditor'] },
    ],
  },
  {
    label: 'menu.tenants',
    items: [
      {
        path: '/tenants/districts',
        name: 'districts',
        label: 'menu.districts',
        roles: ['platform-admin', 'bureau-admin', 'finance-officer', 'auditor'],
        cityOnly: true,
      },
    ],
  },
]

export function visibleNavigation(roles: readonly string[], cityOrPlatform: boolean): NavGroup[] {
  return NAVIGATION.map((g) => ({
    ...g,
    items: g.items.filter((i) => i.roles.some((r) => roles.includes(r)) && (!i.cityOnly || cityOrPlatform)),
  })).filter((g) => g.items.length > 0)
}
