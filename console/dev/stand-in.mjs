// Dev only, never shipped: serves the built console (target/classes/static) with a stand-in for the gateway's
// session (/auth/me, /auth/login, /auth/logout) and a few /api answers from the Yuxi demo, to look at pages
// before the gateway's BFF is there. `node dev/stand-in.mjs [port]`; sign in as a demo user with
// /auth/login?as=<username>&next=/ (default yuxi-bureau-admin).
import { createServer } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize } from 'node:path'

const root = new URL('../target/classes/static/', import.meta.url).pathname
const port = Number(process.argv[2] ?? 5180)

const USERS = {
  'yuxi-bureau-admin': { name: '李建华', tenant: '530400', contractor: null, roles: ['bureau-admin'] },
  'yuxi-finance-officer': { name: '王丽萍', tenant: '530400', contractor: null, roles: ['finance-officer'] },
  'yuxi-auditor': { name: null, tenant: '530400', contractor: null, roles: ['auditor'] },
  'hongta-bureau-admin': { name: '赵明', tenant: '530402', contractor: null, roles: ['bureau-admin'] },
  'yuxi-contractor-manager': { name: '张秀英', tenant: '530400', contractor: 'c0ffee00-0000-4000-8000-000000000001', roles: ['contractor-manager'] },
  'hongta-care-worker': { name: '杨芳', tenant: '530402', contractor: 'c0ffee00-0000-4000-8000-000000000001', roles: ['care-worker'] },
  'platform-admin': { name: null, tenant: null, contractor: null, roles: ['platform-admin'] },
}

const TENANTS = [
  ['530400', '玉溪市', 'CITY', null],
  ['530402', '红塔区', 'DISTRICT', '530400'],
  ['530423', '通海县', 'DISTRICT', '530400'],
  ['530424', '华宁县', 'DISTRICT', '530400'],
  ['530426', '峨山县', 'DISTRICT', '530400'],
  ['530425', '易门县', 'DISTRICT', '530400', 'PROVISIONING'],
].map(([code, name, level, parentCode, status]) => ({
  code, name, level, parentCode, status: status ?? 'ACTIVE', createdAt: '2026-10-08T02:00:00Z',
}))

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗'
const GIVEN = ['桂英', '秀兰', '德明', '玉珍', '永福', '凤英', '建国', '淑珍', '文华', '兰英', '国强', '春梅']
const CATS = ['HIGH_AGE', 'LIVING_ALONE', 'EMPTY_NEST', 'SUBSISTENCE', 'DISABLED']
const CAT_LABEL = { HIGH_AGE: '高龄', LIVING_ALONE: '独居', EMPTY_NEST: '空巢', SUBSISTENCE: '低保', DISABLED: '失能' }
const RISK = ['HIGH', 'PRIORITY', 'GENERAL']
const RISK_LABEL = { HIGH: '高风险', PRIORITY: '重点关注', GENERAL: '一般' }
function elders(tenant) {
  const n = tenant === '530402' ? 200 : tenant === '530400' ? 0 : 100
  return Array.from({ length: n }, (_, i) => {
    const cats = [CATS[i % 5], ...(i % 3 === 0 ? [CATS[(i + 2) % 5]] : [])]
    const risk = RISK[i % 7 === 0 ? 0 : i % 3 === 0 ? 1 : 2]
    return {
      id: `e${tenant}-${String(i).padStart(4, '0')}`,
      name: SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length],
      idNumber: `5304**********${String(1000 + ((i * 37) % 9000)).slice(-4)}`,
      age: 62 + ((i * 13) % 30),
      ageBand: null,
      sex: i % 2 ? 'FEMALE' : 'MALE',
      gridCode: `${tenant}00100${1 + (i % 4)}`,
      categories: cats.map((c) => ({ code: c, label: CAT_LABEL[c] })),
      riskTier: risk,
      riskTierLabel: RISK_LABEL[risk],
      responsibleName: '杨芳',
      status: 'ACTIVE',
      abilityLevel: i % 5,
      nextAssessmentDue: `2027-0${1 + (i % 9)}-1${i % 10}`,
      assessmentOverdue: i % 11 === 0,
    }
  })
}

const page = (items, url) => {
  const p = Number(url.searchParams.get('page') ?? 0)
  const size = Number(url.searchParams.get('size') ?? 20)
  return { items: items.slice(p * size, p * size + size), page: p, size, total: items.length }
}

function api(path, url, user) {
  let m
  if (path === '/api/tenants/v1/tenants') {
    if (!user.roles.some((r) => ['platform-admin', 'bureau-admin', 'contractor-manager', 'finance-officer', 'auditor'].includes(r))) return [403, problem(403, 'access-denied', '无权访问')]
    return [200, user.tenant ? TENANTS.filter((t) => t.code.startsWith(user.tenant.slice(0, 4))) : TENANTS]
  }
  if ((m = /^\/api\/care\/v1\/tenants\/(\d{6})\/(visits|alerts|assessments\/due|elders)$/.exec(path))) {
    const [, t, what] = m
    const seed = Number(t.slice(-2)) || 1
    if (what === 'elders') {
      let list = elders(t)
      const name = url.searchParams.get('name')
      if (name) list = list.filter((e) => e.name.includes(name))
      const cat = url.searchParams.get('category')
      if (cat) list = list.filter((e) => e.categories.some((c) => c.code === cat))
      const risk = url.searchParams.get('riskTier')
      if (risk) list = list.filter((e) => e.riskTier === risk)
      if (url.searchParams.get('overdue') === 'true') list = list.filter((e) => e.assessmentOverdue)
      const sort = url.searchParams.get('sort') ?? 'NAME'
      const key = { NAME: 'name', AGE: 'age', RISK: 'riskTier', ASSESSMENT_DUE: 'nextAssessmentDue' }[sort] ?? 'name'
      list = [...list].sort((a, b) => String(a[key]).localeCompare(String(b[key]), 'zh-CN', { numeric: true }))
      if (url.searchParams.get('descending') === 'true') list.reverse()
      return [200, page(list, url)]
    }
    if (what === 'alerts') {
      const statuses = ['OPEN', 'OPEN', 'OPEN', 'ACKNOWLEDGED', 'ACTING', 'RESOLVED', 'CLOSED']
      const kinds = ['FALL', 'NO_ANSWER', 'ILLNESS', 'MISSED_CONTACT', 'HAZARD', 'FALL', 'OTHER']
      let items = Array.from({ length: t === '530402' ? 7 : 0 }, (_, i) => ({
        id: `a0000000-0000-4000-8000-00000000000${i}`, elderId: `e${t}-000${i}`, elderName: SURNAMES[i] + GIVEN[i], kind: kinds[i],
        source: kinds[i] === 'MISSED_CONTACT' ? 'CADENCE' : 'WORKER', description: '护理员上门时发现', raisedBy: '杨芳',
        raisedAt: new Date(Date.now() - (i + 1) * 3600e3).toISOString(), gridCode: `${t}001001`, level: i === 0 ? 'STREET' : 'GRID',
        ackDeadline: new Date(Date.now() + (i === 0 ? -600e3 : 600e3)).toISOString(), overdue: i === 0, reminders: 0,
        status: statuses[i],
      }))
      const status = url.searchParams.get('status')
      if (status) items = items.filter((a) => a.status === status)
      return [200, page(items, url)]
    }
    if (what === 'assessments/due') {
      const items = elders(t).filter((e) => e.assessmentOverdue).map((e, i) => ({
        elderId: e.id, name: e.name, gridCode: e.gridCode, contractorId: null, abilityLevel: i % 3 ? e.abilityLevel : null,
        abilityLevelName: i % 3 ? ['能力完好', '轻度失能', '中度失能', '重度失能', '完全失能'][e.abilityLevel] : null,
        lastAssessedOn: i % 3 ? '2025-11-20' : null, nextAssessmentDue: i % 3 ? '2026-11-20' : null,
      }))
      return [200, page(items, url)]
    }
    const total = what === 'visits' ? (t === '530400' ? 0 : 12 * seed) : 3 + (seed % 5)
    return [200, { items: [], page: 0, size: 1, total }]
  }
  if ((m = /^\/api\/care\/v1\/tenants\/(\d{6})\/alerts\/([\w-]+)$/.exec(path))) {
    const [, list] = api(`/api/care/v1/tenants/${m[1]}/alerts`, new URL('http://x/?size=200'), user)
    const alert = list.items.find((a) => a.id === m[2])
    if (!alert) return [404, problem(404, 'alert-not-found', '预警不存在')]
    const timeline = [
      { id: 't1', kind: 'RAISED', level: 'GRID', at: alert.raisedAt, recordedAt: alert.raisedAt, actor: '杨芳', detail: alert.description },
      { id: 't2', kind: 'NOTIFIED', level: 'GRID', at: alert.raisedAt, recordedAt: alert.raisedAt, actor: null, detail: '短信已发送至网格员' },
      ...(alert.level === 'STREET' ? [{ id: 't3', kind: 'ESCALATED', level: 'STREET', at: alert.raisedAt, recordedAt: alert.raisedAt, actor: null, detail: '超时未受理，升级至街道' }] : []),
    ]
    return [200, { alert, timeline }]
  }
  if ((m = /^\/api\/tenants\/v1\/tenants\/(\d{6})$/.exec(path))) {
    // a tenant being onboarded moves one service on every read
    const found = TENANTS.find((x) => x.code === m[1])
    if (!found) return [404, problem(404, 'tenant-not-found', '辖区不存在', m[1])]
    found.reads = (found.reads ?? 0) + 1
    const done = found.status === 'ACTIVE' ? 3 : Math.min(3, found.reads - 1)
    if (done >= 3) found.status = 'ACTIVE'
    const services = ['billing', 'care', 'tenant'].map((service, i) => ({
      service, schemaReady: 2 - i < done + 1, confirmedStatus: 2 - i < done ? 'ACTIVE' : null,
      attempts: service === 'billing' && done < 2 ? 1 : 0, nextAttemptAt: new Date(Date.now() + 2000).toISOString(),
      lastError: service === 'billing' && done < 2 ? 'unreachable' : null,
    }))
    return [200, { ...found, services }]
  }
  if ((m = /^\/api\/billing\/v1\/tenants\/(\d{6})\/(contracts|claims)$/.exec(path))) {
    const status = url.searchParams.get('status')
    return [200, { items: [], page: 0, size: 1, total: status === 'DRAFT' ? 1 : 2 }]
  }
  if ((m = /^\/api\/tenants\/v1\/tenants\/(\d{6})\/engagements$/.exec(path))) {
    return [200, [{ contractorId: 'c0ffee00-0000-4000-8000-000000000001', status: 'ACTIVE' }]]
  }
  if (/^\/api\/billing\/v1\/tenants\/\d{6}\/reports\/contractors\/[^/]+\/payments$/.test(path)) {
    return [200, [{ late: true, paidOn: null }, { late: false, paidOn: '2026-11-30' }]]
  }
  return [404, problem(404, 'not-found', '未找到')]
}

function problem(status, code, title, detail) {
  return { type: `urn:warmnest:problem:${code}`, title, status, detail, code, traceId: '4bf92f3577b34da6a3ce929d0e0e4736' }
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' }

function cookies(req) {
  return Object.fromEntries((req.headers.cookie ?? '').split(';').map((c) => c.trim().split('=')).filter((p) => p[0]))
}

createServer(async (req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`)
  const path = url.pathname
  const who = cookies(req)['standin-user']
  const user = who && USERS[who] ? { username: who, ...USERS[who] } : null
  const json = (status, body, type = status >= 400 ? 'application/problem+json' : 'application/json') => {
    res.writeHead(status, { 'Content-Type': type, 'Set-Cookie': 'XSRF-TOKEN=stand-in-csrf; Path=/' })
    res.end(JSON.stringify(body))
  }
  if (path === '/auth/login') {
    const as = url.searchParams.get('as') ?? 'yuxi-bureau-admin'
    res.writeHead(302, { Location: url.searchParams.get('next') ?? '/', 'Set-Cookie': `standin-user=${as}; Path=/; HttpOnly` })
    return res.end()
  }
  if (path === '/auth/me') {
    if (!user) return json(401, problem(401, 'unauthenticated', '未登录或会话已过期'))
    return json(200, { subject: `sub-${user.username}`, username: user.username, name: user.name, tenant: user.tenant, contractor: user.contractor, roles: user.roles, idleTimeoutSeconds: 1800, expiresAt: new Date(Date.now() + 8 * 3600e3).toISOString() })
  }
  if (path === '/auth/logout' && req.method === 'POST') {
    if (req.headers['x-xsrf-token'] !== 'stand-in-csrf') return json(403, problem(403, 'csrf-invalid', 'CSRF 校验失败'))
    res.writeHead(200, { 'Content-Type': 'application/json', 'Set-Cookie': 'standin-user=; Path=/; Max-Age=0' })
    return res.end(JSON.stringify({ redirect: '/' }))
  }
  if (path.startsWith('/api/')) {
    if (!user) return json(401, problem(401, 'unauthenticated', '未登录或会话已过期'))
    await new Promise((r) => setTimeout(r, 150))
    if (path === '/api/tenants/v1/tenants' && req.method === 'POST') {
      let raw = ''
      for await (const chunk of req) raw += chunk
      const { code, name } = JSON.parse(raw || '{}')
      if (TENANTS.some((x) => x.code === code)) return json(409, problem(409, 'tenant-exists', '辖区已存在', `${code} 已开通`))
      if (!/^\d{6}$/.test(code ?? '')) return json(400, { ...problem(400, 'validation-failed', '请求校验失败'), errors: [{ field: 'code', code: 'Pattern', message: '须为 6 位数字' }] })
      const created = { code, name, level: code.endsWith('00') ? 'CITY' : 'DISTRICT', parentCode: code.endsWith('00') ? null : code.slice(0, 4) + '00', status: 'PROVISIONING', createdAt: new Date().toISOString() }
      TENANTS.push(created)
      return json(202, { ...created, services: [] })
    }
    const [status, body] = api(path, url, user)
    return json(status, body)
  }
  const file = normalize(join(root, path))
  const isAsset = file.startsWith(root) && extname(file) && path !== '/'
  try {
    const body = await readFile(isAsset ? file : join(root, 'index.html'))
    const headers = { 'Content-Type': TYPES[isAsset ? extname(file) : '.html'] ?? 'application/octet-stream' }
    // `?as=<user>` on a page signs in at once (for headless screenshots, which stop at a redirect)
    const as = url.searchParams.get('as')
    if (!isAsset && as && USERS[as]) headers['Set-Cookie'] = `standin-user=${as}; Path=/; HttpOnly`
    res.writeHead(200, headers)
    res.end(body)
  } catch {
    res.writeHead(404).end()
  }
}).listen(port, '127.0.0.1', () => console.log(`stand-in on http://127.0.0.1:${port}/`))
