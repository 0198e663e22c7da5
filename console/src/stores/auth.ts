import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api, navigateAway, signIn } from '@/api/client'
import { ProblemError } from '@/api/problem'
import type { Me } from '@/api/types'
import { hasAnyRole, isCityCode, isRole, type Role } from '@/roles'

/** Who is signed in, as the gateway's session says (`GET /auth/me`); the console never sees a token. */
export const useAuthStore = defineStore('auth', () => {
  const me = ref<Me | null>(null)
  const status = ref<'idle' | 'loading' | 'ready' | 'error'>('idle')
  const error = ref<ProblemError | null>(null)
  let pending: Promise<Me | null> | null = null

  const roles = computed<Role[]>(() => (me.value?.roles ?? []).filter(isRole))
  const displayName = computed(() => me.value?.name?.trim() || me.value?.username || '')
  const homeTenant = computed(() => me.value?.tenant ?? null)
  const isCityUser = computed(() => isCityCode(homeTenant.value))
  const isPlatformAdmin = computed(() => roles.value.includes('platform-admin'))

  function can(...wanted: Role[]): boolean {
    return hasAnyRole(roles.value, wanted)
  }

  /**
   * Loads the session once. No session is a 204 (the page goes to sign in); a session that ended is a 401, which
   * the client has already sent to sign in.
   */
  function load(force = false): Promise<Me | null> {
    if (!force && status.value === 'ready') return Promise.resolve(me.value)
    if (pending) return pending
    status.value = 'loading'
    error.value = null
    pending = api
      .get<Me | undefined>('/auth/me')
      .then((found) => {
        if (!found) {
          // 204: nobody is signed in here (not an error): the whole page goes to sign in and comes back
          me.value = null
          status.value = 'idle'
          signIn()
          return null
        }
        me.value = found
        status.value = 'ready'
        return found
      })
      .catch((e: unknown) => {
        me.value = null
        status.value = 'error'
        error.value = e instanceof ProblemError ? e : null
        if (!(e instanceof ProblemError)) throw e
        return null
      })
      .finally(() => {
        pending = null
      })
    return pending
  }

  /** Ends the gateway's session, then Keycloak's (its end-session page returns to `/`). */
  async function logout(): Promise<void> {
    const { redirect } = await api.post<{ redirect: string }>('/auth/logout')
    me.value = null
    status.value = 'idle'
    navigateAway(redirect || '/')
  }

  return { me, status, error, roles, displayName, homeTenant, isCityUser, isPlatformAdmin, can, load, logout }
})
