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
// README, "Roles per endpoint": areas; programs, engagements and the contractor registry; user accounts.
const AREA_READERS: Role[] = ['platform-admin', 'bureau-admin', 'contractor-manager', 'care-worker', 'auditor']
// (a care worker may read the registry too, but has no work there: not in its menu)
const REGISTRY_READERS: Role[] = [
  'platform-admin', 'bureau-admin', 'contractor-manager', 'finance-officer', 'auditor',
]
const USER_READERS: Role[] = ['platform-admin', 'bureau-admin', 'contractor-manager', 'auditor']

export const NAVIGATION: NavGroup[] = [
  {
    label: 'menu.care',
    items: [
      { path: '/care/elders', name: 'elders', label: 'menu.elders', roles: CARE_READERS },
      { path: '/care/visits', name: 'visits', label: 'menu.visits', roles: VERIFIERS_AND_AUDIT },
      { path: '/care/alerts', name: 'alerts', label: 'menu.alerts', roles: CARE_READERS },
      { path: '/care/assessments/due', name: 'assessments-due', label: 'menu.assessmentsDue', roles: CARE_READERS },
      { path: '/care/assessments/new', name: 'assessment-form', label: 'office.menu.assessment', roles: CARE_READERS },
      { path: '/care/elders/import', name: 'elder-import', label: 'office.menu.elderImport', roles: ['bureau-admin', 'contractor-manager', 'care-worker'] },
      { path: '/care/plans', name: 'care-plan', label: 'office.menu.carePlan', roles: CARE_READERS },
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
    // one group for the places and the parties: a city's districts first
    label: 'bureau.menu.group',
    items: [
      {
        path: '/tenants/districts',
        name: 'districts',
        label: 'menu.districts',
        roles: ['platform-admin', 'bureau-admin', 'finance-officer', 'auditor'],
        cityOnly: true,
      },
      { path: '/bureau/areas', name: 'bureau-areas', label: 'bureau.menu.areas', roles: AREA_READERS },
      { path: '/bureau/contractors', name: 'bureau-contractors', label: 'bureau.menu.contractors', roles: REGISTRY_READERS },
      { path: '/bureau/programs', name: 'bureau-programs', label: 'bureau.menu.programs', roles: REGISTRY_READERS },
      { path: '/bureau/engagements', name: 'bureau-engagements', label: 'bureau.menu.engagements', roles: REGISTRY_READERS },
      { path: '/bureau/users', name: 'bureau-users', label: 'bureau.menu.users', roles: USER_READERS },
    ],
  },
]

export function visibleNavigation(roles: readonly string[], cityOrPlatform: boolean): NavGroup[] {
  return NAVIGATION.map((g) => ({
    ...g,
    items: g.items.filter((i) => i.roles.some((r) => roles.includes(r)) && (!i.cityOnly || cityOrPlatform)),
  })).filter((g) => g.items.length > 0)
}
