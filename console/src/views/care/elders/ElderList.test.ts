import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { configureClient } from '@/api/client'
import { i18n, setLocale } from '@/i18n'
import { useAuthStore } from '@/stores/auth'
import { useScopeStore } from '@/stores/scope'
import { stubFetch } from '../../../../test/http'
import ElderList from './ElderList.vue'

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

describe('the elder files', () => {
  it('shows the sex as care-service gives it (男, 女), never a message key', async () => {
    stubFetch({
      'GET /auth/me': { body: worker },
      'GET /api/care/v1/tenants/530402/elders': {
        body: {
          items: [
            { id: 'e-1', name: '严祥', idNumber: '**************8255', age: 84, sex: '男', categories: [], gridCode: '530402001001001', status: 'ACTIVE' },
            { id: 'e-2', name: '任凤', idNumber: '**************8784', age: 67, sex: '女', categories: [], gridCode: '530402001002002', status: 'ACTIVE' },
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
    await router.push('/care/elders')
    const w = mount(ElderList, { global: { plugins: [i18n, router] } })
    await flushPromises()

    expect(w.text()).toContain('严祥')
    expect(w.text()).not.toContain('sexValues')
    const cells = w.findAll('td').map((td) => td.text())
    expect(cells).toContain('男')
    expect(cells).toContain('女')
  })
})
