import type { Role } from '@/roles'

/** Who may write on the bureau's pages (README, "Roles per endpoint"); the server checks it again. */
export const BUREAU_WRITERS: Role[] = ['platform-admin', 'bureau-admin']
/** User accounts: a contractor manager creates and disables its own contractor's care workers. */
export const USER_ADMINISTRATORS: Role[] = ['platform-admin', 'bureau-admin', 'contractor-manager']
