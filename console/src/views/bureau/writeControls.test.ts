import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import type { Component } from 'vue'
import { i18n } from '@/i18n'
import { useAuthStore } from '@/stores/auth'
import { stubFetch } from '../../../test/http'
import AreaPage from './areas/AreaPage.vue'
import ContractorList from './contractors/ContractorList.vue'
import EngagementList from './programs/EngagementList.vue'
import ProgramList from './programs/ProgramList.vue'
import UserList from './users/UserList.vue'

const T = '/api/tenants/v1/tenants/530402'
const engagement = { id: 'e1', contractorId: 'c1', programOwner: '530402', programId: 'p1', startDate: '2026-01-01', endDate: null, status: 'ACTIVE', createdAt: '', updatedAt: '', version: 0 }
const program = { id: 'p1', owner: '530402', name: '居家养老上门服务', startYear: 2026, endYear: 2026, description: null, districtCodes: ['530402'], createdAt: '', updatedAt: '', version: 0 }
const user = { id: 'u1', username: 'zhoumei', firstName: '小梅', lastName: '周', email: null, phone: null, enabled: true, roles: ['care-worker'], tenant: '530402', contractorId: null, createdAt: null }
const answers = {
  'GET /api/tenants/v1/tenants': { body: [{ code: '530402', name: '红塔区', level: 'DISTRICT', parentCode: '530400', status: 'ACTIVE' }] },
  [`GET ${T}/areas`]: { body: { tenant: '530402', streets: [] } },
  'GET /api/tenants/v1/contractors': { body: { items: [{ id: 'c1', uscc: '52530402MJ0000001T', name: '颐康', legalRepresentative: '李红' }], page: 0, size: 20, total: 1 } },
  'GET /api/tenants/v1/contractors/c1': { body: { id: 'c1', uscc: '52530402MJ0000001T', name: '颐康', legalRepresentative: '李红', contacts: [], qualifications: [], registeredByTenant: '530402', createdAt: '', updatedAt: '', version: 0 } },
  [`GET ${T}/programs`]: { body: [program] },
  'GET /api/tenants/v1/tenants/530400/programs': { body: [] },
  [`GET ${T}/engagements`]: { body: [engagement] },
  [`GET ${T}/users`]: { body: [user] },
}

// what each page would offer a writer: its main button, and the row actions
const pages: [string, Component, string[]][] = [
  ['areas', AreaPage, ['导入辖区']],
  ['contractors', ContractorList, ['登记服务机构']],
  ['programs', ProgramList, ['新建项目', '编辑']],
  ['engagements', EngagementList, ['委托服务机构', '结束委托']],
  ['users', UserList, ['新建账号', '停用']],
]

let pinia: Pinia
beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  stubFetch(answers)
})
afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

async function buttonsOf(page: Component, roles: string[]): Promise<string[]> {
  useAuthStore().me = { subject: 's', username: 'x', name: 'x', tenant: '530402', contractor: null, roles, idleTimeoutSeconds: 1800, expiresAt: '' }
  const w = mount(page, { global: { plugins: [i18n, pinia] } })
  await vi.waitFor(async () => {
    await flushPromises()
    expect(w.find('.el-table, .el-empty').exists()).toBe(true)
  })
  return w.findAll('button').map((b) => b.text())
}

describe('write controls on the bureau pages', () => {
  it.each(pages)('%s: an auditor sees none of them', async (_name, page, writes) => {
    const buttons = await buttonsOf(page, ['auditor'])
    for (const w of writes) expect(buttons).not.toContain(w)
  })

  it.each(pages)('%s: a bureau administrator sees them', async (_name, page, writes) => {
    const buttons = await buttonsOf(page, ['bureau-admin'])
    for (const w of writes) expect(buttons).toContain(w)
  })
})
