// A stand-in for the gateway, for looking at the bureau's pages without the stack: serves the built console
// (target/classes/static) and answers /auth/me and tenant-service's bureau endpoints from memory.
// Never shipped (dev/ is outside the build). Run: node dev/bureau-stand-in.mjs [port]; ROLES=auditor to look as one.
import { createServer } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize } from 'node:path'
import { randomUUID } from 'node:crypto'

const port = Number(process.argv[2] ?? 5178)
const roles = (process.env.ROLES ?? 'bureau-admin').split(',')
const root = new URL('../target/classes/static/', import.meta.url).pathname
const types = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.svg': 'image/svg+xml', '.png': 'image/png' }

const me = { subject: 'user-0', username: 'yuxi-admin', name: '赵敏', tenant: '530400', contractor: null, roles, idleTimeoutSeconds: 1800, expiresAt: new Date(Date.now() + 8 * 3600e3).toISOString() }
const tenants = [
  { code: '530400', name: '玉溪市', level: 'CITY', parentCode: null, status: 'ACTIVE' },
  { code: '530402', name: '红塔区', level: 'DISTRICT', parentCode: '530400', status: 'ACTIVE' },
  { code: '530403', name: '江川区', level: 'DISTRICT', parentCode: '530400', status: 'ACTIVE' },
  { code: '530423', name: '通海县', level: 'DISTRICT', parentCode: '530400', status: 'ACTIVE' },
]
const now = '2026-11-20T02:30:00Z'
const contractors = [
  ['52530402MJ0000001T', '红塔区颐康社会工作服务中心', '李红', '530402'],
  ['53530423MJ0000003B', '通海县秀山助老基金会', '杨光', '530423'],
  ['51530424MJ00000043', '华宁县老年协会', '张建国', '530400'],
  ['52530427MJ000000AX', '玉溪市五社联动社工服务中心', '普丽', '530400'],
].map(([uscc, name, rep, by], i) => ({
  id: `00000000-0000-4000-8000-00000000000${i + 1}`, uscc, name, legalRepresentative: rep,
  contacts: [{ name: '王芳', role: '主任', phone: '13908771234', email: null }], qualifications: [{ name: '民办非企业单位登记证书', number: `云民证字第${1000 + i}号`, issuer: '玉溪市民政局', validUntil: '2029-12-31' }],
  registeredByTenant: by, createdAt: now, updatedAt: now, version: 2,
}))
const programs = { '530400': [{ id: 'p-1', owner: '530400', name: '温暖玉溪·呵护夕阳', startYear: 2026, endYear: 2027, description: '特殊困难老年人探访关爱服务', districtCodes: ['530402', '530403', '530423'], createdAt: now, updatedAt: now, version: 0 }], '530402': [{ id: 'p-2', owner: '530402', name: '红塔区居家养老上门服务', startYear: 2026, endYear: 2026, description: null, districtCodes: ['530402'], createdAt: now, updatedAt: now, version: 0 }] }
const engagements = { '530402': [
  { id: 'e-1', contractorId: contractors[0].id, programOwner: '530400', programId: 'p-1', startDate: '2026-03-01', endDate: '2027-12-31', status: 'ACTIVE', createdAt: now, updatedAt: now, version: 0 },
  { id: 'e-2', contractorId: contractors[3].id, programOwner: '530402', programId: 'p-2', startDate: '2027-01-01', endDate: null, status: 'ACTIVE', createdAt: now, updatedAt: now, version: 0 },
  { id: 'e-3', contractorId: contractors[1].id, programOwner: '530400', programId: 'p-1', startDate: '2026-01-01', endDate: '2026-06-30', status: 'ENDED', createdAt: now, updatedAt: now, version: 1 },
] }
const users = [
  ['yuxi-admin', '赵', '敏', ['bureau-admin'], null, true],
  ['yuxi-finance', '钱', '进', ['finance-officer'], null, true],
  ['yuxi-audit', '孙', '立', ['auditor'], null, true],
  ['yikang-mgr', '李', '红', ['contractor-manager'], contractors[0].id, true],
  ['yikang-li', '周', '小梅', ['care-worker'], contractors[0].id, false],
].map(([username, lastName, firstName, r, contractorId, enabled], i) => ({
  id: `user-${i}`, username, firstName, lastName, email: null, phone: `1390877${String(1000 + i)}`, enabled, roles: r, tenant: '530400', contractorId, createdAt: now,
  ...(enabled ? {} : { disabledBy: { subject: 'u-admin', username: 'yuxi-admin', level: 'CITY_BUREAU' } }),
}))
const areas = {
  tenant: '530402',
  streets: [
    { id: 's1', code: '530402001', name: '玉兴街道', communities: [
      { id: 'c1', code: '530402001001', name: '玉兴社区', grids: [
        { id: 'g1', code: '530402001001G01', name: '玉兴社区第一网格', leaderName: '陈芳', leaderPhone: '13908770001' },
        { id: 'g2', code: '530402001001G02', name: '玉兴社区第二网格', leaderName: null, leaderPhone: null }] },
      { id: 'c2', code: '530402001002', name: '凤凰社区', grids: [
        { id: 'g3', code: '530402001002G01', name: '凤凰社区第一网格', leaderName: '李强', leaderPhone: '13908770003' }] }] },
    { id: 's2', code: '530402002', name: '凤凰街道', communities: [
      { id: 'c3', code: '530402002001', name: '珊瑚社区', grids: [
        { id: 'g4', code: '530402002001G01', name: '珊瑚社区第一网格', leaderName: '普秀英', leaderPhone: '13908770004' }] }] },
  ],
}
const report = (dryRun, problems) => ({ dryRun, applied: !dryRun && problems.length === 0, rows: 42, streets: { created: 1, updated: 0, unchanged: 2 }, communities: { created: 3, updated: 1, unchanged: 4 }, grids: { created: 12, updated: 2, unchanged: 18 }, problems })
const sheetProblems = [
  { row: 7, column: '社区代码', code: 'community-code-outside-street', message: '社区代码 530402002101 不属于街道 530402001' },
  { row: 12, column: '网格长电话', code: 'phone-invalid', message: '网格长电话 1390877 不是有效的手机号' },
  { row: 15, column: '网格代码', code: 'grid-code-duplicate', message: '网格代码 530402001001G03 在第 14 行已出现' },
]

function send(res, status, body, type = 'application/json') {
  res.writeHead(status, { 'Content-Type': type })
  res.end(body === undefined ? '' : JSON.stringify(body))
}
const problem = (res, status, code, title, detail, extra = {}) => send(res, status, { type: `urn:warmnest:problem:${code}`, status, code, title, detail, ...extra }, 'application/problem+json')
const body = (req) => new Promise((ok) => { let b = ''; req.on('data', (c) => (b += c)); req.on('end', () => ok(b)) })

let imports = 0
createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x')
  const p = url.pathname
  const m = (re) => re.exec(`${req.method} ${p}`)
  let g
  if (p === '/auth/me') return send(res, 200, me)
  if (p === '/api/tenants/v1/tenants' && req.method === 'GET') return send(res, 200, tenants)
  if ((g = m(/^GET \/api\/tenants\/v1\/tenants\/(\d+)\/areas$/))) return send(res, 200, { ...areas, tenant: g[1] })
  if ((g = m(/^PUT \/api\/tenants\/v1\/tenants\/\d+\/grids\/(\w+)$/))) {
    const b = JSON.parse(await body(req))
    const grid = areas.streets.flatMap((st) => st.communities).flatMap((c) => c.grids).find((x) => x.id === g[1])
    Object.assign(grid, { name: b.name, leaderName: b.leaderName, leaderPhone: b.leaderPhone })
    return send(res, 200, grid)
  }
  if (m(/^GET \/api\/tenants\/v1\/tenants\/\d+\/areas\/import\/template$/)) { res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8' }); return res.end('\ufeff街道名称,街道代码,社区名称,社区代码,网格名称,网格代码,网格长,网格长电话\n') }
  if (m(/^POST \/api\/tenants\/v1\/tenants\/\d+\/areas\/import$/)) {
    await body(req)
    const dryRun = url.searchParams.get('dryRun') === 'true'
    const problems = imports++ % 2 === 0 ? sheetProblems : []
    if (!dryRun && problems.length) return problem(res, 422, 'import-invalid', '表格有错误', `未导入任何数据：发现 ${problems.length} 个问题`, { report: report(false, problems) })
    return send(res, 200, report(dryRun, problems))
  }
  if (p === '/api/tenants/v1/contractors' && req.method === 'GET') {
    const q = url.searchParams, page = Number(q.get('page') ?? 0), size = Number(q.get('size') ?? 20)
    const found = contractors.filter((c) => (!q.get('uscc') || c.uscc === q.get('uscc')) && (!q.get('name') || c.name.includes(q.get('name'))))
    return send(res, 200, { items: found.slice(page * size, page * size + size), page, size, total: found.length })
  }
  if (p === '/api/tenants/v1/contractors' && req.method === 'POST') {
    const b = JSON.parse(await body(req))
    if (contractors.some((c) => c.uscc === b.uscc)) return problem(res, 409, 'contractor-uscc-taken', '服务机构已登记', `统一社会信用代码为 ${b.uscc} 的服务机构已登记。`)
    const c = { ...b, id: randomUUID(), registeredByTenant: me.tenant, createdAt: now, updatedAt: now, version: 0 }
    contractors.push(c)
    return send(res, 201, c)
  }
  if ((g = m(/^GET \/api\/tenants\/v1\/contractors\/([\w-]+)\/changes$/))) {
    const c = contractors.find((x) => x.id === g[1])
    const d = (name) => ({ name, legalRepresentative: c.legalRepresentative, contacts: c.contacts, qualifications: c.qualifications })
    return send(res, 200, [
      { version: 0, action: 'REGISTERED', at: '2026-03-01T02:00:00Z', actorSubject: 'u-1', actorUsername: 'hongta-admin', actorTenant: '530402', before: null, after: d(c.name.replace('社会工作', '社工')) },
      { version: 1, action: 'CHANGED', at: '2026-06-12T06:40:00Z', actorSubject: 'u-admin', actorUsername: 'yuxi-admin', actorTenant: '530400', before: d(c.name.replace('社会工作', '社工')), after: d(c.name) },
    ])
  }
  if ((g = m(/^(GET|PUT) \/api\/tenants\/v1\/contractors\/([\w-]+)$/))) {
    const c = contractors.find((x) => x.id === g[2])
    if (!c) return problem(res, 404, 'contractor-not-found', '服务机构不存在')
    if (g[1] === 'GET') return send(res, 200, c)
    const b = JSON.parse(await body(req))
    if (b.version !== c.version) return problem(res, 409, 'contractor-modified', '服务机构已被修改', `服务机构 ${c.id} 在您读取后已被修改（当前版本 ${c.version}），请重新加载后再试。`)
    Object.assign(c, b, { version: c.version + 1, updatedAt: new Date().toISOString() })
    return send(res, 200, c)
  }
  if ((g = m(/^GET \/api\/tenants\/v1\/tenants\/(\d+)\/programs$/))) return send(res, 200, programs[g[1]] ?? [])
  if ((g = m(/^POST \/api\/tenants\/v1\/tenants\/(\d+)\/programs$/))) {
    const b = JSON.parse(await body(req))
    if (!b.name?.trim()) return problem(res, 400, 'validation-failed', '请求校验失败', '有 1 个字段不符合要求', { errors: [{ field: 'name', code: 'NotBlank', message: '不能为空' }] })
    const pr = { ...b, id: randomUUID(), owner: g[1], createdAt: now, updatedAt: now, version: 0 }
    ;(programs[g[1]] ??= []).push(pr)
    return send(res, 201, pr)
  }
  if ((g = m(/^GET \/api\/tenants\/v1\/tenants\/(\d+)\/engagements$/))) return send(res, 200, engagements[g[1]] ?? engagements['530402'])
  if ((g = m(/^GET \/api\/tenants\/v1\/tenants\/(\d+)\/users$/))) return send(res, 200, users)
  if ((g = m(/^POST \/api\/tenants\/v1\/tenants\/(\d+)\/users$/))) {
    const b = JSON.parse(await body(req))
    if (users.some((u) => u.username === b.username)) return problem(res, 409, 'user-exists', '账号已存在', `登录名 ${b.username} 已被使用`, { errors: [{ field: 'username', code: 'user-exists', message: '登录名已被使用' }] })
    const u = { ...b, id: randomUUID(), enabled: true, roles: [b.role], tenant: g[1], createdAt: new Date().toISOString() }
    users.push(u)
    return send(res, 201, { user: u, generatedPassword: b.password ? null : 'Kp7#vQ2m-Xe9wR4t' })
  }
  if ((g = m(/^POST \/api\/tenants\/v1\/tenants\/\d+\/users\/([\w-]+)\/(disable|enable)$/))) {
    const u = users.find((x) => x.id === g[1])
    u.enabled = g[2] === 'enable'
    u.disabledBy = u.enabled ? null : { subject: me.subject, username: me.username, level: 'CITY_BUREAU' }
    return send(res, 200, u)
  }
  if (p.startsWith('/api/')) return problem(res, 404, 'not-found', '未找到')
  const file = normalize(join(root, p === '/' ? 'index.html' : p))
  try {
    const content = await readFile(file.startsWith(root) ? file : join(root, 'index.html'))
    res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' })
    res.end(content)
  } catch {
    res.writeHead(200, { 'Content-Type': 'text/html' })
    res.end(await readFile(join(root, 'index.html')))
  }
}).listen(port, '127.0.0.1', () => console.log(`bureau stand-in on http://127.0.0.1:${port} as ${roles.join(',')}`))
