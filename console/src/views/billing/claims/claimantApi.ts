import { api } from '@/api/client'
import { billingBase, type Claim } from '../api'

/**
 * The contractor's manager's writes on claims (billing-service's ClaimController): open a draft for a contract and
 * period, price it again, submit it. None of them moves money, so none takes an Idempotency-Key; a draft opened
 * twice is two drafts, and submitting a submitted claim is refused (`claim-not-draft`).
 */
export const claimantApi = {
  open: (tenant: string, contractId: string, body: { from: string; to: string }) =>
    api.post<Claim>(`${billingBase(tenant)}/contracts/${encodeURIComponent(contractId)}/claims`, body),
  reprice: (tenant: string, id: string) => api.post<Claim>(`${billingBase(tenant)}/claims/${id}/reprice`),
  submit: (tenant: string, id: string) => api.post<Claim>(`${billingBase(tenant)}/claims/${id}/submit`),
}
