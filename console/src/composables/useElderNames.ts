import { reactive } from 'vue'
import { api } from '@/api/client'
import { careBase, type ElderSummary } from '@/api/care'

/**
 * Elders' names for lists that carry only the elder's id (care-service's visits): each file is read once per
 * tenant and kept while the page lives.
 */
export function useElderNames() {
  const names = reactive<Record<string, string>>({})
  const asked = new Set<string>()

  async function load(tenant: string, ids: string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !asked.has(`${tenant}/${id}`))
    missing.forEach((id) => asked.add(`${tenant}/${id}`))
    await Promise.all(
      missing.map(async (id) => {
        try {
          const e = await api.get<ElderSummary>(`${careBase(tenant)}/elders/${id}`)
          names[id] = e.name
        } catch {
          asked.delete(`${tenant}/${id}`)
        }
      }),
    )
  }

  function nameOf(id: string): string {
    return names[id] ?? id.slice(0, 8)
  }

  return { names, load, nameOf }
}
