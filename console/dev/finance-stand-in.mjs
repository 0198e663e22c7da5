// A stand-in for the gateway while looking at the finance pages: serves the built console (npm run build) and
// answers the few API calls those pages make with fixed data in the services' shapes. Never shipped.
//   node dev/finance-stand-in.mjs [port] [role]   e.g. node dev/finance-stand-in.mjs 5180 auditor
import { createServer } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'

const port = Number(process.argv[2] ?? 5180)
const role = process.argv[3] ?? 'finance-officer'
const home = process.argv[4] ?? '530400' // a district (530402) to see its city's money in it
const root = fileURLToPath(new URL('../target/classes/static/', import.meta.url))
const CITY = '530400'
const B = `/api/billing/v1/tenants/${CITY}`
const MARK = '彩票公益金资助—中国福利彩票'

const money = (allocated, committed, drawn, paid, held) => {
  const f = (x) => Number(x)
  const encumbered = (f(drawn) - f(paid)).toFixed(2)
  const available = (f(allocated) - f(committed)).toFixed(2)
  const rate = f(allocated) ? (f(drawn) / f(allocated)).toFixed(4) : null
  return { allocated, committed, drawn, paid, encumbered, held, available, executionRate: rate }
}

const claim = (id, status, statusName, extra = {}) => ({
  id, contractId: 'k-1', contractorId: 'o-1', periodFrom: '2026-10-01', periodTo: '2026-10-31', status, statusName,
  claimedAmount: '48620.50', approvedAmount: null, drawnAmount: null, paidAmount: null, paymentDueOn: null,
  includedLines: 412, excludedLines: 9,
  byExclusion: [
    { exclusion: 'UNVERIFIED', exclusionName: '未审核', lines: 5, units: 5 },
    { exclusion: 'OUTSIDE_TERM', exclusionName: '不在合同期内', lines: 3, units: 3 },
    { exclusion: 'OVER_CAP', exclusionName: '超出合同数量上限', lines: 1, units: 2 },
  ],
  openedBy: 's-1', openedByName: '李娟（红塔区阳光社工）', openedAt: '2026-11-02T01:15:00Z', pricedAt: '2026-11-02T01:15:00Z',
  submittedBy: 's-1', submittedByName: '李娟（红塔区阳光社工）', submittedAt: '2026-11-03T02:30:00Z',
  decidedBy: null, decidedByName: null, decidedAt: null, decisionNote: null, rejection: null, holdbackAmount: null,
  paidOn: null, paymentReference: null, paymentRecordedByName: null, paymentLate: false,
  refusedApprovals: [
    { by: 's-9', byName: '王敏', at: '2026-11-05T03:10:00Z', code: 'contract-commitment-exhausted',
      reason: '合同在红塔区的承诺余额不足以支付本次结算（差 1,200.00 元），未划转任何资金' },
  ],
  version: 3, ...extra,
})

const claims = [
  claim('c-1', 'SUBMITTED', '已提交'),
  claim('c-2', 'APPROVED', '已批准', { periodFrom: '2026-09-01', periodTo: '2026-09-30', claimedAmount: '45210.00',
    approvedAmount: '45210.00', holdbackAmount: '2260.50', drawnAmount: '42949.50', paidAmount: '0.00',
    paymentDueOn: '2026-11-20', decidedByName: '王敏', decidedAt: '2026-10-21T06:00:00Z', refusedApprovals: [] }),
  claim('c-3', 'PARTLY_APPROVED', '部分批准', { periodFrom: '2026-08-01', periodTo: '2026-08-31', claimedAmount: '40000.10',
    approvedAmount: '39880.10', holdbackAmount: '1994.01', drawnAmount: '37886.09', paidAmount: '37886.09',
    paymentDueOn: '2026-09-30', paidOn: '2026-10-08', paymentReference: 'GK2026100800123', paymentRecordedByName: '王敏',
    paymentLate: true, decidedByName: '王敏', decidedAt: '2026-09-02T06:00:00Z', refusedApprovals: [] }),
  claim('c-4', 'REJECTED', '已驳回', { periodFrom: '2026-07-01', periodTo: '2026-07-31', claimedAmount: '39990.00',
    decidedByName: '王敏', decidedAt: '2026-08-05T06:00:00Z', decisionNote: '签到照片与服务记录不符，请核实后重新申请',
    rejection: { by: 's-9', byName: '王敏', at: '2026-08-05T06:00:00Z', reason: '签到照片与服务记录不符，请核实后重新申请' },
    refusedApprovals: [] }),
]

const lines = Array.from({ length: 12 }, (_, i) => ({
  id: `l-${i}`, billingKey: `b-${i}`, recordId: `r-${i}`, visitId: `v-${i}`, elderId: `e-${i}`,
  district: i % 3 ? '530402' : '530421', districtName: i % 3 ? '红塔区' : '江川区',
  serviceItem: 'MEAL', serviceItemName: ['助餐服务', '上门探访', '助浴服务'][i % 3], quantity: 1 + (i % 2),
  performedOn: `2026-10-${String(3 + i).padStart(2, '0')}`, recordStatus: 'VERIFIED',
  unitPrice: ['15.00', '40.00', '80.50'][i % 3],
  amount: i === 4 ? null : (Number(['15.00', '40.00', '80.50'][i % 3]) * (1 + (i % 2))).toFixed(2),
  exclusion: i === 4 ? 'UNVERIFIED' : null, exclusionName: i === 4 ? '未审核' : null,
  decision: null, decisionName: null, rejectionReason: null,
}))

const districts = [
  ['530402', '红塔区', money('1200000.00', '980000.00', '412350.75', '380000.00', '21702.67'), money('300000.00', '250000.00', '96200.40', '96200.40', '5063.18')],
  ['530421', '江川区', money('800000.00', '640000.00', '120400.00', '98000.00', '6336.84'), money('150000.00', '90000.00', '30010.00', '0.00', '1579.47')],
  ['530422', '澄江市', money('600000.00', '300000.00', '45000.30', '45000.30', '2368.44'), money('0.00', '0.00', '0.00', '0.00', '0.00')],
  ['530423', '通海县', money('500000.00', '500000.00', '260000.00', '200000.00', '13684.21'), money('200000.00', '120000.00', '80000.00', '80000.00', '4210.53')],
]
const sum = (ms) => {
  const k = ['allocated', 'committed', 'drawn', 'paid', 'held']
  const t = Object.fromEntries(k.map((x) => [x, (ms.reduce((a, m) => a + Math.round(Number(m[x]) * 100), 0) / 100).toFixed(2)]))
  return money(t.allocated, t.committed, t.drawn, t.paid, t.held)
}

const execution = {
  tenant: CITY, tenantName: '玉溪市', fiscalYear: 2026, mark: MARK,
  total: sum(districts.map((d) => d[2])),
  allocations: [
    { id: 'a-1', documentNumber: '玉民发〔2026〕12号', source: 'MUNICIPAL_LOTTERY', sourceName: '市级福彩公益金', fiscalYear: 2026,
      purpose: '2026 年居家养老探访关爱服务', returned: '0.00', unbudgeted: '400000.00', money: sum(districts.map((d) => d[2])) },
  ],
  lines: districts.map((d, i) => ({ id: `bl-${i}`, allocationId: 'a-1', documentNumber: '玉民发〔2026〕12号', source: 'MUNICIPAL_LOTTERY',
    sourceName: '市级福彩公益金', fiscalYear: 2026, phase: 1, districtCode: d[0], districtName: d[1], name: `${d[1]}探访关爱（一期）`, money: d[2] })),
  contracts: [
    { id: 'k-1', number: 'YXMZ-2026-CG-007', contractorName: '红塔区阳光社会工作服务中心', status: 'SIGNED', statusName: '已签订', money: money('980000.00', '980000.00', '412350.75', '380000.00', '21702.67') },
    { id: 'k-2', number: 'YXMZ-2026-CG-011', contractorName: '江川区颐康养老服务中心', status: 'SIGNED', statusName: '已签订', money: money('640000.00', '640000.00', '120400.00', '98000.00', '6336.84') },
  ],
  districts: districts.map((d) => ({ districtCode: d[0], districtName: d[1], money: d[2] })),
  fromCity: null, combined: null,
}

const [, , , own] = districts[0]
const districtExecution = {
  tenant: '530402', tenantName: '红塔区', fiscalYear: 2026, mark: MARK, total: own,
  allocations: [{ id: 'a-9', documentNumber: '红民发〔2026〕3号', source: 'GENERAL_BUDGET', sourceName: '一般公共预算', fiscalYear: 2026,
    purpose: '区级居家养老补充服务', returned: '0.00', unbudgeted: '0.00', money: own }],
  lines: [{ id: 'bl-9', allocationId: 'a-9', documentNumber: '红民发〔2026〕3号', source: 'GENERAL_BUDGET', sourceName: '一般公共预算',
    fiscalYear: 2026, phase: 1, districtCode: '530402', districtName: '红塔区', name: '区级补充服务', money: own }],
  contracts: [], districts: [{ districtCode: '530402', districtName: '红塔区', money: own }],
  fromCity: { city: CITY, cityName: '玉溪市', mark: MARK, total: districts[0][2], lines: execution.lines.slice(0, 1), contracts: execution.contracts.slice(0, 1) },
  combined: sum([districts[0][2], own]),
}

const rollup = {
  city: CITY, cityName: '玉溪市', fiscalYear: 2026, total: sum(districts.flatMap((d) => [d[2], d[3]])),
  districts: districts.map((d) => ({ districtCode: d[0], districtName: d[1], fromCity: d[2], own: d[3], total: sum([d[2], d[3]]) })),
}

const allocation = {
  id: 'a-1', tenant: CITY, source: 'MUNICIPAL_LOTTERY', sourceName: '市级福彩公益金', fiscalYear: 2026, documentNumber: '玉民发〔2026〕12号',
  purpose: '2026 年居家养老探访关爱服务', originalAmount: '3000000.00', currentAmount: '3500000.00', yearEndRule: 'CARRY_OVER',
  yearEndRuleName: '结转', createdBy: 's-9', createdByName: '王敏', createdAt: '2026-02-10T02:00:00Z',
  amendments: [{ id: 'm-1', sequence: 1, previousAmount: '3000000.00', newAmount: '3500000.00', reason: '追加下半年探访服务资金',
    documentNumber: '玉民发〔2026〕58号', createdBy: 's-9', createdByName: '王敏', createdAt: '2026-07-01T02:00:00Z' }],
}
const budget = {
  allocationId: 'a-1', amount: '3500000.00', unbudgeted: '400000.00',
  lines: districts.flatMap((d, i) => [1, 2].map((phase) => ({ id: `bl-${i}-${phase}`, allocationId: 'a-1', phase, districtCode: d[0],
    districtName: d[1], name: `${d[1]}探访关爱（${phase === 1 ? '一' : '二'}期）`, fiscalYear: 2026, carriedFromId: null, closedAt: null,
    ...(phase === 1 ? d[2] : money('200000.00', '0.00', '0.00', '0.00', '0.00')), recalledIfUnspent: phase === 2 && i === 0 }))),
}

const contract = {
  id: 'k-3', number: 'YXMZ-2026-CG-015', name: '2026 年通海县居家养老探访关爱服务', contractorId: 'o-3', contractorName: '通海县康乐社会工作服务中心',
  programId: 'p-1', programOwner: CITY, districts: ['530423'], districtNames: ['通海县'], value: '380000.00',
  startDate: '2027-01-01', endDate: '2027-12-31', multiYearReason: null, procurementMethod: 'INQUIRY_COMPARISON',
  procurementMethodLabel: '询比采购', procurementName: '通海县探访关爱服务询比采购', procurementBudget: '400000.00', awardedOn: '2026-11-28',
  nonOpenReason: '预算低于公开招标限额标准', invitation: '在政府采购网发布询比公告，邀请 3 家社会组织报价',
  criteria: '价格 40 分、服务方案 40 分、人员资质 20 分', winnerReason: '综合评分最高且报价低于预算',
  quotes: [
    { supplier: '通海县康乐社会工作服务中心', uscc: '52530423MJ1234567X', amount: '380000.00', score: '91.50', winner: true },
    { supplier: '玉溪市红叶养老服务中心', uscc: '52530400MJ7654321A', amount: '395000.00', score: '84.00', winner: false },
    { supplier: '通海县夕阳红互助会', uscc: null, amount: '372000.00', score: '76.50', winner: false },
  ],
  holdbackPercent: '5.00', evaluationThreshold: '80.00', paymentDueDays: 30,
  milestones: [{ name: '季度结算', percent: '100.00', condition: '按季度提交结算申请，经审批后 30 天内支付' }],
  prices: [
    { serviceItem: 'VISIT', serviceItemLabel: '上门探访', unitPrice: '40.00', quantityCap: 6000 },
    { serviceItem: 'MEAL', serviceItemLabel: '助餐服务', unitPrice: '15.00', quantityCap: 8000 },
  ],
  status: 'DRAFT', statusName: '草稿', signedOn: null, signedBy: null, signedByName: null, signedAt: null, closedAt: null,
  evaluationScore: null, evaluationGrade: null, evaluatedOn: null, evaluatedByName: null, closedByName: null, money: [],
  createdBy: 's-7', createdByName: '张丽（民政局）', createdAt: '2026-11-30T02:00:00Z', version: 1,
}

const page = (items) => ({ items, page: 0, size: 20, total: items.length })

const routes = {
  '/auth/me': () => ({ subject: 's-9', username: 'wangmin', name: role === 'auditor' ? '赵审' : '王敏', tenant: home, contractor: null,
    roles: [role], idleTimeoutSeconds: 1800, expiresAt: new Date(Date.now() + 3600e3).toISOString() }),
  '/api/tenants/v1/tenants': () => [
    { code: CITY, name: '玉溪市', level: 'CITY', parentCode: null, status: 'ACTIVE' },
    ...districts.map((d) => ({ code: d[0], name: d[1], level: 'DISTRICT', parentCode: CITY, status: 'ACTIVE' })),
  ],
  [`${B}/claims`]: (q) => page(claims.filter((c) => !q.get('status') || c.status === q.get('status'))
    .map(({ id, contractId, contractorId, periodFrom, periodTo, status, statusName, claimedAmount, approvedAmount, drawnAmount, paidAmount, paymentDueOn }) =>
      ({ id, contractId, contractorId, periodFrom, periodTo, status, statusName, claimedAmount, approvedAmount, drawnAmount, paidAmount, paymentDueOn }))),
  [`${B}/reports/execution`]: () => (home === CITY ? execution : districtExecution),
  [`${B}/reports/city-rollup`]: () => rollup,
  [`${B}/allocations`]: () => page([allocation]),
  [`${B}/contracts`]: () => page([contract, ...execution.contracts.map((c) => ({ ...contract, id: c.id, number: c.number, contractorName: c.contractorName,
    status: c.status, statusName: c.statusName, value: c.money.allocated, districts: ['530402'], startDate: '2026-01-01', endDate: '2026-12-31', signedOn: '2026-01-05' }))]),
  [`${B}/contracts/k-3`]: () => contract,
  [`${B}/contracts/k-1`]: () => ({ ...contract, id: 'k-1', number: 'YXMZ-2026-CG-007', contractorName: '红塔区阳光社会工作服务中心',
    districts: ['530402'], districtNames: ['红塔区'], status: 'SIGNED', statusName: '已签订', signedOn: '2026-01-05', signedByName: '王敏' }),
  [`${B}/allocations/a-1`]: () => allocation,
  [`${B}/allocations/a-1/lines`]: () => budget,
}

const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.svg': 'image/svg+xml', '.png': 'image/png' }

function json(res, status, body, type = 'application/json') {
  res.writeHead(status, { 'Content-Type': type })
  res.end(JSON.stringify(body))
}

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x')
  const path = url.pathname
  if (req.method === 'POST' && path === `${B}/claims/c-1/approve`) {
    return json(res, 409, { status: 409, code: 'contract-commitment-exhausted', title: '合同承诺资金不足',
      detail: '合同在红塔区的承诺余额不足以支付本次结算（差 1,200.00 元），未划转任何资金' }, 'application/problem+json')
  }
  if (req.method === 'POST' && path.endsWith('/sign')) {
    return json(res, 403, { status: 403, code: 'contract-own-draft', title: '不能签订自己起草的合同',
      detail: '合同须由起草人以外的财务人员签订' }, 'application/problem+json')
  }
  if (req.method === 'POST' && path.endsWith('/payment')) {
    return json(res, 400, { status: 400, code: 'validation-failed', title: '请求校验失败', detail: '有 1 个字段不符合要求',
      errors: [{ field: 'reference', code: 'Size', message: '支付凭证号不能超过 100 个字符' }] }, 'application/problem+json')
  }
  const claimMatch = /^\/api\/billing\/v1\/tenants\/\d+\/claims\/(c-\d)(\/lines)?$/.exec(path)
  if (claimMatch) {
    const c = claims.find((x) => x.id === claimMatch[1])
    if (!c) return json(res, 404, { status: 404, code: 'claim-not-found', title: '结算申请不存在' }, 'application/problem+json')
    return json(res, 200, claimMatch[2] ? { items: lines, page: 0, size: 50, total: lines.length } : c)
  }
  const route = routes[path] ?? routes[path.replace(/\/tenants\/\d{6}\//, `/tenants/${CITY}/`)]
  if (route) return json(res, 200, route(url.searchParams))
  if (path.startsWith('/api/')) return json(res, 404, { status: 404, code: 'not-found', title: '未找到' }, 'application/problem+json')
  const file = normalize(join(root, path))
  try {
    const body = await readFile(file.startsWith(root) && extname(file) ? file : join(root, 'index.html'))
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'text/html' })
    res.end(body)
  } catch {
    res.writeHead(200, { 'Content-Type': 'text/html' })
    res.end(await readFile(join(root, 'index.html')))
  }
}).listen(port, '127.0.0.1', () => console.log(`finance stand-in (${role}) on http://127.0.0.1:${port}`))
