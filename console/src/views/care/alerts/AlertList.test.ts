import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { configureClient } from '@/api/client'
import { i18n, setLocale } from '@/i18n'
import { useAuthStore } from '@/stores/auth'
import { useScopeStore } from '@/stores/scope'
import { stubFetch } from '../../../../test/http'
import AlertList from './AlertList.vue'

const me = (roles: string[], username: string) => ({
  subject: 's', username, name: null, tenant: '530402', contractor: null, roles, idleTimeoutSeconds: 1800, expiresAt: '',
})

let n = 0
function anAlert(status: string, overdue = false) {
  n += 1
  return {
    id: `00000000-0000-0000-0000-00000000000${n}`, elderId: 'e1', elderName: `老人${n}`, contractorId: null, kind: 'FALL',
    kindName: '跌倒', source: 'WORKER', description: '在家中跌倒', raisedBy: 'w1', raisedAt: '2026-12-07T01:00:00Z',
    gridCode: '530402001001001', communityCode: null, streetCode: null, level: 'GRID', levelName: '网格',
    levelSince: '2026-12-07T01:00:00Z', ackDeadline: '2026-12-07T01:10:00Z', overdue, reminders: 0, status,
    acknowledgedBy: null, acknowledgedAt: null, acknowledgementNote: null, actingBy: null, actingAt: null,
    actionNote: null, resolvedBy: null, resolvedAt: null, resolution: null, followUp: null, version: 0,
  }
}

beforeEach(() => {
  n = 0
  setActivePinia(createPinia())
  sessionStorage.clear()
  setLocale('zh-CN')
  configureClient({ navigate: vi.fn(), locale: () => 'zh-CN' })
})
afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

async function mountAs(user: ReturnType<typeof me>, answers: Parameters<typeof stubFetch>[0], path = '/care/alerts') {
  const stub = stubFetch({
    'GET /auth/me': { body: user },
    'GET /api/tenants/v1/tenants': { body: [{ code: '530402', name: '红塔区', level: 'DISTRICT', parentCode: '530400', status: 'ACTIVE' }] },
    ...answers,
  })
  await useAuthStore().load()
  await useScopeStore().load()
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: AlertList }] })
  await router.push(path)
  const w = mount(AlertList, { global: { plugins: [i18n, router] }, attachTo: document.body })
  await flushPromises()
  return { w, ...stub }
}

const page = (items: unknown[], total = items.length) => ({ body: { items, page: 0, size: 20, total } })

describe('the alerts', () => {
  it('offers each alert its next step to those who handle alerts', async () => {
    const alerts = [anAlert('OPEN', true), anAlert('ACKNOWLEDGED'), anAlert('ACTING'), anAlert('RESOLVED'), anAlert('CLOSED')]
    const { w } = await mountAs(me(['bureau-admin'], 'hongta-bureau-admin'), {
      'GET /api/care/v1/tenants/530402/alerts': page(alerts),
    })
    const action = (i: number) => w.find(`[data-test="alert-action-${alerts[i].id}"]`)
    expect(action(0).text()).toBe('受理')
    expect(action(1).text()).toBe('开始处置')
    expect(action(2).text()).toBe('办结')
    expect(action(3).text()).toBe('登记回访')
    expect(action(4).exists()).toBe(false)
    expect(w.text()).toContain('已超时')
  })

  it('shows an auditor the alerts and no action at all', async () => {
    const alerts = [anAlert('OPEN', true), anAlert('ACKNOWLEDGED'), anAlert('ACTING'), anAlert('RESOLVED')]
    const { w } = await mountAs(me(['auditor'], 'hongta-auditor'), {
      'GET /api/care/v1/tenants/530402/alerts': page(alerts),
    })
    expect(w.findAll('[data-test^="alert-status-"]')).toHaveLength(4)
    expect(w.findAll('[data-test^="alert-action-"]')).toHaveLength(0)
    expect(w.find('[data-test="alerts-read-only"]').exists()).toBe(true)
  })

  it('asks for the status and page the filters name, and picks the overdue ones from the open alerts', async () => {
    const { w, calls } = await mountAs(
      me(['contractor-manager'], 'm'),
      {
        'GET /api/care/v1/tenants/530402/alerts': (url) =>
          url.searchParams.get('status') === 'OPEN' && url.searchParams.get('size') === '200'
            ? page([anAlert('OPEN', true), anAlert('OPEN', false), anAlert('OPEN', true)])
            : page([]),
      },
      '/care/alerts?status=OPEN&overdue=true',
    )
    expect(calls.filter((c) => c.url.includes('/alerts')).map((c) => c.url)).toEqual([
      '/api/care/v1/tenants/530402/alerts?status=OPEN&page=0&size=200',
    ])
    expect(w.findAll('[data-test^="alert-status-"]')).toHaveLength(2)
    expect(w.text()).toContain('共 2 条')
  })

  it('acknowledges an alert and shows its new status; a refusal is shown as the service says it', async () => {
    const open = anAlert('OPEN')
    const { w, calls } = await mountAs(me(['care-worker'], 'w'), {
      'GET /api/care/v1/tenants/530402/alerts': page([open]),
      [`POST /api/care/v1/tenants/530402/alerts/${open.id}/acknowledge`]: {
        status: 409,
        body: { status: 409, code: 'alert-already-acknowledged', title: '预警已被受理', detail: '该预警已由他人受理' },
      },
    })
    await w.find(`[data-test="alert-action-${open.id}"]`).trigger('click')
    await flushPromises()
    await (document.querySelector('[data-test="alert-action-submit"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(calls.find((c) => c.method === 'POST')?.body).toBe('{"note":null}')
    expect(document.body.textContent).toContain('该预警已由他人受理')
  })
})
