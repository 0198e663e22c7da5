// Screenshots of the office's pages against the stand-in, with a few clicks (Chrome DevTools Protocol).
// Development only. node --experimental-websocket dev/shoot-office.mjs <out-dir> (the stand-in on :5190)
import { spawn } from 'node:child_process'
import { writeFile } from 'node:fs/promises'

const out = process.argv[2] ?? '/tmp/office-shots'
const base = process.env.STANDIN ?? 'http://127.0.0.1:5190'
const port = 9333
const chrome = spawn('chromium', ['--headless=new', '--no-sandbox', '--disable-gpu', `--remote-debugging-port=${port}`,
  '--window-size=1366,768', 'about:blank'], { stdio: 'ignore' })
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
let target
for (let i = 0; i < 50 && !target; i++) {
  await sleep(200)
  try { target = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()).find((t) => t.type === 'page') } catch { /* not yet */ }
}
const ws = new WebSocket(target.webSocketDebuggerUrl)
await new Promise((r) => ws.addEventListener('open', r))
let id = 0
const pending = new Map()
const errors = []
ws.addEventListener('message', (e) => {
  const msg = JSON.parse(e.data)
  if (msg.id && pending.has(msg.id)) { pending.get(msg.id)(msg); pending.delete(msg.id) }
  if (msg.method === 'Runtime.exceptionThrown') errors.push(msg.params.exceptionDetails.text)
  if (msg.method === 'Runtime.consoleAPICalled' && msg.params.type === 'error') errors.push(JSON.stringify(msg.params.args.map((a) => a.value ?? a.description)))
})
const send = (method, params = {}) => new Promise((r) => { const n = ++id; pending.set(n, r); ws.send(JSON.stringify({ id: n, method, params })) })
await send('Runtime.enable')
await send('Emulation.setDeviceMetricsOverride', { width: 1366, height: 768, deviceScaleFactor: 1, mobile: false })
const js = async (expr) => (await send('Runtime.evaluate', { expression: expr, awaitPromise: true, returnByValue: true })).result?.result?.value
const go = async (path) => { await send('Page.navigate', { url: base + path }); await sleep(1500) }
const click = async (selector, text) => {
  const ok = await js(`(() => { const els = [...document.querySelectorAll(${JSON.stringify(selector)})]; const el = ${text ? `els.find((e) => e.textContent.includes(${JSON.stringify(text)}))` : 'els[0]'}; if (!el) return false; el.click(); return true })()`)
  if (!ok) console.log('not found:', selector, text ?? '')
  await sleep(700)
}
const shot = async (name, full = false) => {
  const params = { format: 'png' }
  if (full) {
    const h = await js('document.documentElement.scrollHeight')
    params.clip = { x: 0, y: 0, width: 1366, height: h, scale: 1 }
    params.captureBeyondViewport = true
  }
  const { result } = await send('Page.captureScreenshot', params)
  await writeFile(`${out}/${name}.png`, Buffer.from(result.data, 'base64'))
  console.log('shot', name)
}

const steps = (process.env.STEPS ?? 'all')
if (steps === 'all' || steps.includes('visits')) {
  await go('/care/visits')
  await shot('visits-queue')
  await click('.el-table__body .el-button', '查看')
  await sleep(800)
  await shot('visits-detail')
  await click('.thumb .el-button', '说明理由')
  await js(`(() => { const i = document.querySelector('.el-message-box input'); i.value = '核对血压记录'; i.dispatchEvent(new Event('input')) })()`)
  await sleep(300)
  await click('.el-message-box .el-button--primary')
  await sleep(800)
  await shot('visits-health-photo')
  await go('/care/visits')
  await click('[data-test="verify-page"]')
  await click('.el-message-box .el-button--primary')
  await sleep(2000)
  await shot('visits-bulk-result')
}
if (steps === 'all' || steps.includes('assessment')) {
  await go('/care/assessments/new?elder=e2')
  // score some items: the first radio of a few items, the max of others
  await js(`(() => { document.querySelectorAll('.item').forEach((el, i) => { const r = el.querySelectorAll('.el-radio-button'); (i % 3 ? r[r.length - 1] : r[Math.max(0, r.length - 2)]).click() }) })()`)
  await sleep(300)
  await click('.el-button', '添加诊断')
  await js(`(() => { const i = document.querySelector('.line input'); i.value = 'F00.1'; i.dispatchEvent(new Event('input')) })()`)
  await sleep(500)
  await shot('assessment-filled', true)
  await click('[data-test="submit-assessment"]')
  await sleep(1000)
  await shot('assessment-problem', true)
}
if (steps === 'all' || steps.includes('import')) {
  await go('/care/elders/import')
  await shot('import-start')
  // choose a file through the upload's input, then the dry run
  await js(`(() => { const input = document.querySelector('input[type=file]'); const dt = new DataTransfer(); dt.items.add(new File(['姓名,身份证号'], '老人档案.csv', { type: 'text/csv' })); input.files = dt.files; input.dispatchEvent(new Event('change', { bubbles: true })) })()`)
  await sleep(500)
  await click('[data-test="check"]')
  await sleep(1000)
  await shot('import-problems', true)
  await js(`(() => { const input = document.querySelector('input[type=file]'); const dt = new DataTransfer(); dt.items.add(new File(['fixed'], '老人档案-fixed.csv', { type: 'text/csv' })); input.files = dt.files; input.dispatchEvent(new Event('change', { bubbles: true })) })()`)
  await sleep(500)
  await click('[data-test="check"]')
  await sleep(1000)
  await shot('import-clean', true)
  await click('[data-test="import"]')
  await sleep(1000)
  await shot('import-done', true)
}
if (steps === 'all' || steps.includes('plan')) {
  await go('/care/plans?elder=e1')
  await shot('plan', true)
  await click('.el-button', '添加项目')
  await js(`(() => { [...document.querySelectorAll('.el-select-dropdown__item')].find((e) => e.textContent.trim() === '节日')?.click() })()`)
  await sleep(400)
  await click('.el-dialog .el-button--primary')
  await sleep(800)
  await shot('plan-add-problem')
}
if (process.env.STANDIN_ROLES === 'auditor') {
  await go('/care/visits')
  await shot('auditor-visits')
  await go('/care/assessments/new?elder=e1')
  await shot('auditor-assessment')
}
console.log('console errors:', errors.length ? errors : 'none')
ws.close()
chrome.kill()
