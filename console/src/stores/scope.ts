import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { api } from '@/api/client'
import type { Tenant } from '@/api/types'
import { useAuthStore } from './auth'

const STORAGE_KEY = 'warmnest.scope'

/**
 * The tenant the console works in: the user's own, or, for a city user, one of its districts
 * (tenant-service `GET /api/tenants/v1/tenants`: the tenants in the caller's scope). Care workers and volunteers
 * may not read the directory: they see their tenant's code only.
 */
export const useScopeStore = defineStore('scope', () => {
  const auth = useAuthStore()
  const tenants = ref<Tenant[]>([])
  const loaded = ref(false)
  const failed = ref(false)
  const selected = ref<string | null>(sessionStorage.getItem(STORAGE_KEY))

  const canReadDirectory = computed(() =>
    auth.can('platform-admin', 'bureau-admin', 'contractor-manager', 'finance-officer', 'auditor'),
  )

  const home = computed(() => auth.homeTenant)

  /** A city user's districts (active or not: the list shows where each stands). */
  const districts = computed(() =>
    home.value ? tenants.value.filter((t) => t.parentCode === home.value).sort((a, b) => a.code.localeCompare(b.code)) : [],
  )

  /** Where the user may switch to: the city itself and its active districts. */
  const choices = computed(() => {
    if (!auth.isCityUser || !home.value) return []
    const city = tenants.value.find((t) => t.code === home.value)
    const active = districts.value.filter((t) => t.status === 'ACTIVE')
    return [...(city ? [city] : []), ...active]
  })

  const current = computed<string | null>(() => {
    const code = selected.value
    if (code && code !== home.value && choices.value.some((t) => t.code === code)) return code
    return home.value
  })

  function nameOf(code: string | null | undefined): string | null {
    return (code && tenants.value.find((t) => t.code === code)?.name) || null
  }

  const currentName = computed(() => nameOf(current.value))
  const homeName = computed(() => nameOf(home.value))

  async function load(): Promise<void> {
    if (loaded.value || !canReadDirectory.value) {
      loaded.value = true
      return
    }
    try {
      tenants.value = await api.get<Tenant[]>('/api/tenants/v1/tenants')
      failed.value = false
    } catch {
      failed.value = true
    } finally {
      loaded.value = true
    }
  }

  function select(code: string): void {
    selected.value = code
  }

  watch(selected, (code) => {
    if (code) sessionStorage.setItem(STORAGE_KEY, code)
    else sessionStorage.removeItem(STORAGE_KEY)
  })

  return { tenants, loaded, failed, districts, choices, current, currentName, home, homeName, nameOf, load, select }
})
