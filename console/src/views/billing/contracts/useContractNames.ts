import { ref, watch, type Ref } from 'vue'
import { contractsApi } from '../api'

/**
 * Contract numbers and contractors' names by contract id, for lists of claims (the claims list gives ids only).
 * A failure leaves the names out; the list still shows.
 */
export function useContractNames(tenant: Ref<string | null>) {
  const names = ref<Record<string, { number: string; contractorName: string }>>({})
  watch(
    tenant,
    async (code) => {
      names.value = {}
      if (!code) return
      try {
        const page = await contractsApi.list(code, { page: 0, size: 200 })
        names.value = Object.fromEntries(page.items.map((c) => [c.id, { number: c.number, contractorName: c.contractorName }]))
      } catch {
        // names are a convenience here: the claims themselves are what the page is for
      }
    },
    { immediate: true },
  )
  return names
}
