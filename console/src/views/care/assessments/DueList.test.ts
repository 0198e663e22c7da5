import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { configureClient } from '@/api/client'
import { i18n, setLocale } from '@/i18n'
import { useAuthStore } from '@/stores/auth'
import { useScopeStore } from '@/stores/scope'
import { stubFetch } from '../../../../test/http'
import DueList from './DueList.vue'

const worker = {
  subject: 's', username: 'w', name: null, tenant: '530402', contractor: 'c1', roles: ['care-worker'],
  idleTimeoutSeconds: 1800, expiresAt: '',
}

beforeEach(() => {
  setActivePinia(createPinia())
  sessionStorage.clear()
  setLocale('zh-CN')
  configureClient({ navigate: vi.fn(), locale: () => 'zh-CN' })
})
afterEach(() => vi.unstubAllGlobals())

describe('the reassessments due', () => {
  it('lists the elders due, never assessed marked, each with a link to assess', async () => {
    const { calls } = stubFetch({
      'GET /auth/me': { body: worker },
      'GET /api/care/v1/tenants/530402/assessments/due': {
        body: {
          items: [
            { elderId: 'e-1', name: '张桂英', gridCode: '530402001001001', contractorId: 'c1', abilityLevel: null, abilityLevelName: null, lastAssessedOn: null, nextAssessmentDue: null },
            { elderId: 'e-2', name: '李德明', gridCode: '530402001001002', contractorId: 'c1', abilityLevel: 2, abilityLevelName: '轻度失能', lastAssessedOn: '2025-12-01', nextAssessmentDue: '2026-12-01' },
          ],
          page: 0,
          size: 20,
          total: 2,
        },
      },
    })
    await useAuthStore().load()
    await useScopeStore().load()
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] })
    const w = mount(DueList, { global: { plugins: [i18n, router] } })
    await flushPromises()

    expect(calls.map((c) => c.url)).toContain('/api/care/v1/tenants/530402/assessments/due?page=0&size=20')
    expect(w.find('[data-test="due-e-1"]').text()).toBe('张桂英')
    expect(w.find('[data-test="due-e-2"]').text()).toBe('李德明')
    expect(w.text()).toContain('从未评估')
    expect(w.text()).toContain('轻度失能')
    expect(w.text()).toContain('2026-12-01')
    expect(w.text()).toContain('共 2 条')
    const links = w.findAll('a').map((a) => a.attributes('href'))
    expect(links).toEqual(['/care/assessments/new?elder=e-1', '/care/assessments/new?elder=e-2'])
  })
})
