// Screenshots of the bureau's pages in states a plain --screenshot can't reach (dialogs, reports), through the
// Chrome DevTools Protocol. Dev only. Run: node --experimental-websocket dev/shoot-bureau.mjs <base-url> <out-dir>
import { spawn } from 'node:child_process'
import { writeFile } from 'node:fs/promises'

const [base = 'http://127.0.0.1:5178', out = '/tmp/bureau-shots'] = process.argv.slice(2)
const chrome = spawn('chromium', ['--headless=new', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--window-size=1366,768', '--remote-debugging-port=9333', 'about:blank'], { stdio: 'ignore' })
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
let targets
for (let i = 0; i < 50 && !targets; i++) {
  await sleep(200)
  targets = await fetch('http://127.0.0.1:9333/json').then((r) => r.json()).catch(() => null)
}
const ws = new WebSocket(targets.find((t) => t.type === 'page').webSocketDebuggerUrl)
await new Promise((r) => (ws.onopen = r))
let id = 0
const pending = new Map()
ws.onmessage = (m) => {
  const msg = JSON.parse(m.data)
  if (msg.id && pending.has(msg.id)) pending.get(msg.id)(msg)
}
const send = (method, params = {}) => new Promise((r) => { const n = ++id; pending.set(n, r); ws.send(JSON.stringify({ id: n, method, params })) })
const run = async (js) => (await send('Runtime.evaluate', { expression: js, awaitPromise: true })).result?.result?.value
const go = async (path) => { await send('Page.navigate', { url: base + path }); await sleep(1500) }
const click = (text, selector = 'button, a') => run(`(() => { const el = [...document.querySelectorAll('${selector}')].find(e => e.textContent.trim() === ${JSON.stringify(text)}); el?.click(); return !!el })()`)
const typeInto = (selector, value) => run(`(() => { const el = document.querySelector('${selector}'); el.focus(); el.value = ${JSON.stringify(value)}; el.dispatchEvent(new Event('input', { bubbles: true })); return true })()`)
const shot = async (name) => { await sleep(500); const { result } = await send('Page.captureScreenshot', { format: 'png' }); await writeFile(`${out}/${name}.png`, Buffer.from(result.data, 'base64')); console.log(`${out}/${name}.png`) }
await send('Page.enable')
await send('Emulation.setDeviceMetricsOverride', { width: 1366, height: 768, deviceScaleFactor: 1, mobile: false })
await send('Runtime.enable')

// areas: the import with a dry run that finds problems
await go('/bureau/areas')
await click('全部展开')
await shot('areas-expanded')
await click('导入辖区')
await sleep(300)
await run(`(() => { const input = document.querySelector('[data-test="file"]'); const dt = new DataTransfer(); dt.items.add(new File(['x'], '红塔区辖区.xlsx')); input.files = dt.files; input.dispatchEvent(new Event('change', { bubbles: true })); return true })()`)
await sleep(800)
await shot('areas-import-report')
await run(`(() => { const input = document.querySelector('[data-test="file"]'); const dt = new DataTransfer(); dt.items.add(new File(['x'], '红塔区辖区（已修改）.xlsx')); input.files = dt.files; input.dispatchEvent(new Event('change', { bubbles: true })); return true })()`)
await sleep(800)
await shot('areas-import-clean')

// contractors: registering with a wrong check character, then the detail
await go('/bureau/contractors')
await click('登记服务机构')
await sleep(500)
await typeInto('[data-field="uscc"] input', '52530402MJ0000009A')
await typeInto('[data-field="name"] input', '红塔区乐龄社工服务中心')
await sleep(400)
await shot('contractor-register-uscc-invalid')
await typeInto('[data-field="uscc"] input', '52530402MJ0000001T')
await typeInto('[data-field="legalRepresentative"] input', '周海燕')
await click('保存')
await sleep(800)
await shot('contractor-register-taken')
await go('/bureau/contractors')
await click('查看')
await sleep(800)
await shot('contractor-detail')

// programs and engagements: the forms
await go('/bureau/programs')
await shot('programs')
await click('新建项目')
await click('保存')
await sleep(600)
await shot('program-form-invalid')
await go('/bureau/engagements')
await click('委托服务机构', 'button')
await sleep(500)
await shot('engagement-form')

// users: a new account and its one-time password
await go('/bureau/users')
await click('新建账号')
await sleep(400)
await typeInto('[data-field="username"] input', 'hongta-zhou')
await typeInto('[data-field="lastName"] input', '周')
await typeInto('[data-field="firstName"] input', '海燕')
await typeInto('[data-field="phone"] input', '13908775566')
await run(`(() => { document.querySelector('[data-field="role"] .el-select__wrapper').click(); return true })()`)
await sleep(400)
await click('财务人员', '.el-select-dropdown__item')
await sleep(300)
await shot('user-form')
await click('保存')
await sleep(800)
await shot('user-form-after-save')

ws.close()
chrome.kill()
