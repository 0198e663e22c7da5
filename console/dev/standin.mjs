// A stand-in for the gateway and care-service, for looking at the office's pages without the stack.
// Development only: never built into the console. Usage: npm run build && node dev/standin.mjs [port]
// STANDIN_ROLES=auditor node dev/standin.mjs  — to look at a page as another role.
import { createServer } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../target/classes/static/', import.meta.url))
const port = Number(process.argv[2] ?? 5190)
const roles = (process.env.STANDIN_ROLES ?? 'contractor-manager').split(',')
const T = '530402'
const care = `/api/care/v1/tenants/${T}`

const elders = [
  { id: 'e1', name: '李秀英', idNumber: '**************123X', age: 84, ageBand: null, sex: 'FEMALE', gridCode: 'G01', abilityLevel: 1, lastAssessedOn: '2025-12-20', nextAssessmentDue: '2026-12-20', status: 'ACTIVE' },
  { id: 'e2', name: '张德明', idNumber: '**************0417', age: 77, ageBand: null, sex: 'MALE', gridCode: 'G01', abilityLevel: null, lastAssessedOn: null, nextAssessmentDue: null, status: 'ACTIVE' },
  { id: 'e3', name: '王桂兰', idNumber: '**************2286', age: 91, ageBand: null, sex: 'FEMALE', gridCode: 'G02', abilityLevel: 3, lastAssessedOn: '2026-03-02', nextAssessmentDue: '2027-03-02', status: 'ACTIVE' },
]
const worker = (i) => [['u-zhao', '赵丽'], ['u-me', '王督导'], ['u-sun', '孙强']][i % 3]
const visits = Array.from({ length: 8 }, (_, i) => {
  const [by, name] = worker(i)
  const mode = ['HOME_VISIT', 'PHONE', 'HOME_VISIT', 'VIDEO', 'WECHAT'][i % 5]
  return {
    id: `v${i + 1}`, elderId: elders[i % 3].id, contractorId: 'c1', programId: 'p1', mode, modeLabel: '',
    performerKind: 'WORKER', performedBy: by, performerName: name,
    startedAt: `2026-12-0${7 - (i % 5)}T0${1 + (i % 8)}:30:00Z`, endedAt: null, performedOn: `2026-12-0${7 - (i % 5)}`,
    durationMinutes: mode === 'HOME_VISIT' ? 45 : 10,
    checkIn: mode === 'HOME_VISIT' ? { at: `2026-12-0${7 - (i % 5)}T0${1 + (i % 8)}:31:00Z`, latitude: 24.35, longitude: 102.54 } : null,
    checkOut: null, distanceMeters: mode === 'HOME_VISIT' ? (i === 2 ? 1830 : 40) : null,
    locationFlags: i === 2 ? ['FAR_FROM_HOME'] : i === 5 ? ['NO_HOME_LOCATION', 'CHECK_IN_TIME_MISMATCH'] : [],
    services: [], readingsTaken: 2, readingsOutOfRange: i === 0 ? 1 : 0, medicinesChecked: 3, medicinesExpired: 0,
    safetyChecked: mode === 'HOME_VISIT' ? ['用电', '燃气', '防滑'] : [], supplies: i === 0 ? [{ item: '羽绒背心', quantity: 1 }] : [],
    suppliesSignedBy: i === 0 ? '李秀英' : null, companionship: '聊天 20 分钟，情绪平稳', note: i === 0 ? '血压偏高，已提醒按时服药' : null,
    concerns: i === 0 ? [{ id: 'k1', kind: 'HAZARD', category: 'GAS', categoryLabel: '燃气', description: '燃气软管老化', advice: '建议更换', status: 'OPEN' }] : [],
    status: i === 7 ? 'VERIFIED' : 'RECORDED', amendsId: null, amendmentReason: null, recordedBy: by,
    recordedAt: '2026-12-07T10:00:00Z', reviewedBy: null, reviewedAt: null, reviewNote: null, version: 0,
  }
})
const full = (v) => ({ ...v, services: v.mode === 'HOME_VISIT'
  ? [{ item: 'HOME_VISIT', label: '上门探访', quantity: 1, billingKey: 'b1' }, { item: 'HEALTH_CHECK', label: '健康检查', quantity: 1, billingKey: 'b2' }]
  : [{ item: 'DAILY_GREETING', label: '日常问候', quantity: 1, billingKey: 'b3' }] })

const problem = (res, status, code, title, detail, extra = {}) => {
  res.writeHead(status, { 'Content-Type': 'application/problem+json' })
  res.end(JSON.stringify({ type: `urn:warmnest:problem:${code}`, status, code, title, detail, traceId: '4bf92f3577b34da6a3ce929d0e0e4736', ...extra }))
}
const json = (res, body, status = 200) => {
  res.writeHead(status, { 'Content-Type': 'application/json' })
  res.end(JSON.stringify(body))
}
const photo = (hue, label) => `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240"><rect width="320" height="240" fill="hsl(${hue},45%,70%)"/><text x="160" y="130" font-size="28" text-anchor="middle" fill="#fff">${label}</text></svg>`
const report = (clean) => ({
  dryRun: true, applied: false, rows: 128, created: clean ? 120 : 117, updated: clean ? 3 : 3, unchanged: 5,
  problems: clean ? [] : [
    { row: 4, column: '身份证号', code: 'id-number-check-digit', message: '身份证号校验位不正确' },
    { row: 9, column: '网格代码', code: 'grid-unknown', message: '网格代码 G99 不在本辖区' },
    { row: 17, column: '身份证号', code: 'id-number-as-number', message: '身份证号被 Excel 存成了数字，后几位已丢失，请将该列设为文本后重新填写' },
    { row: 23, column: '人员类别', code: 'category-unknown', message: '人员类别"五保"无法识别' },
  ],
  notices: [],
})

async function body(req) {
  const chunks = []
  for await (const c of req) chunks.push(c)
  return Buffer.concat(chunks).toString('latin1')
}

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x')
  const p = url.pathname
  const m = req.method
  if (p === '/auth/me') return json(res, { subject: 'u-me', username: 'wang', name: '王督导', tenant: T, contractor: 'c1', roles, idleTimeoutSeconds: 1800, expiresAt: '2026-12-08T10:00:00Z' })
  if (p === '/api/tenants/v1/tenants') return json(res, [{ code: T, name: '红塔区', level: 'DISTRICT', parentCode: '530400', status: 'ACTIVE' }])
  if (p === `${care}/visits` && m === 'GET') {
    let list = visits.filter((v) => !url.searchParams.get('status') || v.status === url.searchParams.get('status'))
    if (url.searchParams.get('elderId')) list = list.filter((v) => v.elderId === url.searchParams.get('elderId'))
    if (url.searchParams.get('flagged')) list = list.filter((v) => v.locationFlags.length)
    return json(res, { items: list, page: 0, size: 20, total: list.length })
  }
  let r
  if ((r = /^.*\/visits\/(v\d+)$/.exec(p))) return json(res, full(visits.find((v) => v.id === r[1])))
  if ((r = /^.*\/visits\/(v\d+)\/evidence$/.exec(p))) return json(res, [
    { id: `${r[1]}-p1`, visitId: r[1], purpose: 'VISIT', contentType: 'image/svg+xml', sizeBytes: 1, sha256: '', uploadedBy: 'u-zhao', uploadedAt: '2026-12-07T10:00:00Z' },
    { id: `${r[1]}-p2`, visitId: r[1], purpose: 'SUPPLIES_SIGNOFF', contentType: 'image/svg+xml', sizeBytes: 1, sha256: '', uploadedBy: 'u-zhao', uploadedAt: '2026-12-07T10:00:00Z' },
    { id: `${r[1]}-p3`, visitId: r[1], purpose: 'HEALTH', contentType: 'image/svg+xml', sizeBytes: 1, sha256: '', uploadedBy: 'u-zhao', uploadedAt: '2026-12-07T10:00:00Z' },
  ])
  if ((r = /^.*\/evidence\/(v\d+)-p(\d)$/.exec(p))) {
    if (r[2] === '3' && !url.searchParams.get('reason')) return problem(res, 400, 'validation-failed', '请求校验失败', '须说明理由')
    res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'no-store' })
    return res.end(photo(Number(r[2]) * 70, ['', '探访', '物资签收', '健康'][r[2]]))
  }
  if ((r = /^.*\/visits\/(v\d+)\/verify$/.exec(p))) {
    const v = visits.find((x) => x.id === r[1])
    if (v.performedBy === 'u-me') return problem(res, 403, 'review-own-visit', '不能审核本人记录', `探访记录 ${v.id} 由您登记或完成，须由其他督导审核。`)
    if (v.status !== 'RECORDED') return problem(res, 409, 'visit-already-reviewed', '已审核', `探访记录 ${v.id} 已审核，当前状态为 ${v.status}。`)
    v.status = 'VERIFIED'
    v.reviewedAt = new Date().toISOString()
    return json(res, full(v))
  }
  if ((r = /^.*\/visits\/(v\d+)\/reject$/.exec(p))) {
    const v = visits.find((x) => x.id === r[1])
    v.status = 'REJECTED'
    return json(res, full(v))
  }
  if (p === `${care}/elders` && m === 'GET') {
    const q = url.searchParams.get('name') ?? ''
    const list = elders.filter((e) => e.name.includes(q))
    return json(res, { items: list, page: 0, size: 20, total: list.length })
  }
  if (p === `${care}/elders/import/template`) {
    res.writeHead(200, { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment' })
    return res.end('\uFEFF姓名,身份证号\r\n')
  }
  if (p === `${care}/elders/import` && m === 'POST') {
    const raw = await body(req)
    const clean = raw.includes('fixed')
    const dry = url.searchParams.get('dryRun') === 'true'
    if (!clean && !dry) return problem(res, 422, 'import-invalid', '导入文件有误', '文件中有 4 处问题，未导入任何数据；请按 report 修改后重新上传。', { report: { ...report(false), dryRun: false } })
    return json(res, dry ? report(clean) : { ...report(true), dryRun: false, applied: true })
  }
  if ((r = /^.*\/elders\/(e\d)\/assessments$/.exec(p))) {
    if (m === 'POST') return problem(res, 400, 'validation-failed', '请求校验失败', '有 2 个字段不符合要求', {
      errors: [{ field: 'items.EATING', code: 'item-missing', message: '该项必须评分' }, { field: 'assessors[1].certificateNumber', code: 'NotBlank', message: '不能为空' }],
    })
    const items = r[1] === 'e1' ? [{ id: 'a0', assessedOn: '2025-12-20', finalLevel: 1, finalLevelName: '能力轻度受损' }] : []
    return json(res, { items, page: 0, size: 5, total: items.length })
  }
  if (/\/elders\/e\d\/plan$/.test(p)) return json(res, [
    { id: 'i1', serviceItem: 'DAILY_GREETING', serviceItemLabel: '日常问候', cadenceLabel: '每天 3 次', modes: ['PHONE', 'WECHAT', 'VIDEO'], responsibleKind: 'WORKER', responsibleName: '赵丽', activeFrom: '2026-01-01', activeTo: null, source: 'TEMPLATE', note: null, version: 0 },
    { id: 'i2', serviceItem: 'HOME_VISIT', serviceItemLabel: '上门探访', cadenceLabel: '每周 1 次', modes: ['HOME_VISIT'], responsibleKind: 'WORKER', responsibleName: '赵丽', activeFrom: '2026-01-01', activeTo: null, source: 'TEMPLATE', note: null, version: 0 },
    { id: 'i3', serviceItem: 'FESTIVAL_CARE', serviceItemLabel: '节日慰问', cadenceLabel: '春节、重阳节（提前 3 天）', modes: ['HOME_VISIT'], responsibleKind: 'CADRE', responsibleName: '刘主任', activeFrom: '2026-01-01', activeTo: null, source: 'WORKER', note: null, version: 2 },
  ])
  if (/\/elders\/e\d\/plan\/status$/.test(p)) return json(res, [
    { planItemId: 'i1', serviceItemLabel: '日常问候', cadenceLabel: '每天 3 次', from: '2026-12-01', to: '2026-12-01', due: 3, done: 3, state: 'MET' },
    { planItemId: 'i1', serviceItemLabel: '日常问候', cadenceLabel: '每天 3 次', from: '2026-12-02', to: '2026-12-02', due: 3, done: 2, state: 'OVERDUE' },
    { planItemId: 'i2', serviceItemLabel: '上门探访', cadenceLabel: '每周 1 次', from: '2026-12-01', to: '2026-12-07', due: 1, done: 1, state: 'MET' },
    { planItemId: 'i1', serviceItemLabel: '日常问候', cadenceLabel: '每天 3 次', from: '2026-12-08', to: '2026-12-08', due: 3, done: 1, state: 'OPEN' },
  ])
  if (/\/elders\/e\d\/plan\/items$/.test(p)) return problem(res, 400, 'validation-failed', '请求校验失败', '有 1 个字段不符合要求', { errors: [{ field: 'cadence.festivals', code: 'required', message: '请选择至少一个节日' }] })
  if (p === `${care}/plan-templates`) return json(res, [{ id: 't1', name: '六个一', description: null }, { id: 't2', name: '一日三问', description: null }])
  if (/\/elders\/e\d\/plan\/from-template$/.test(p)) return json(res, { created: [{}, {}], alreadyPlanned: ['DAILY_GREETING'] })
  if ((r = /^.*\/elders\/(e\d)$/.exec(p))) return json(res, elders.find((e) => e.id === r[1]))
  if (p.startsWith('/api/')) return problem(res, 404, 'not-found', '未找到', p)
  // the built console, every other path to index.html
  const file = normalize(join(root, p))
  try {
    if (!file.startsWith(root) || !extname(file)) throw new Error('spa')
    const types = { '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.woff2': 'font/woff2' }
    const data = await readFile(file)
    res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' })
    res.end(data)
  } catch {
    res.writeHead(200, { 'Content-Type': 'text/html' })
    res.end(await readFile(join(root, 'index.html')))
  }
}).listen(port, '127.0.0.1', () => console.log(`stand-in on http://127.0.0.1:${port} as ${roles.join(',')}`))
