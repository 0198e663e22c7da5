// Screenshots of the console on the running product (scripts/run, demo loaded), signed in on Keycloak's own page
// as a demo user (Chrome DevTools Protocol). Development only, for the README and for review:
//   node --experimental-websocket dev/shoot-demo.mjs <out-dir> <user> <page>...   (the console on 127.0.0.1:8080)
import { spawn } from 'node:child_process'
import { writeFile } from 'node:fs/promises'

const [out = '/tmp/demo-shots', user = 'yuxi-bureau-admin', ...pages] = process.argv.slice(2)
const base = process.env.CONSOLE ?? 'http://127.0.0.1:8080'
const password = process.env.PASSWORD ?? 'Demo-Pass-2026'
const width = Number(process.env.WIDTH ?? 1366)
const height = Number(process.env.HEIGHT ?? 768)
const port = 9344
const chrome = spawn('chromium', ['--headless=new', '--no-sandbox', '--disable-gpu', `--remote-debugging-port=${port}`,
  '--lang=zh-CN', '--accept-lang=zh-CN,zh', `--window-size=${width},${height}`, 'about:blank'], { stdio: 'ignore' })
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
ws.addEventListener('message', (e) => {
  const msg = JSON.parse(e.data)
  if (msg.id && pending.has(msg.id)) { pending.get(msg.id)(msg); pending.delete(msg.id) }
  if (msg.method === 'Log.entryAdded' && msg.params.entry.level === 'error') console.log('console error:', msg.params.entry.text, msg.params.entry.url ?? '')
})
const send = (method, params = {}) => new Promise((r) => { const n = ++id; pending.set(n, r); ws.send(JSON.stringify({ id: n, method, params })) })
await send('Runtime.enable')
await send('Log.enable')
await send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Language': 'zh-CN,zh' } })
await send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false })
const js = async (expr) => (await send('Runtime.evaluate', { expression: expr, awaitPromise: true, returnByValue: true })).result?.result?.value
const waitFor = async (expr, ms = 20000) => {
  for (let t = 0; t < ms; t += 250) { if (await js(expr)) return true; await sleep(250) }
  return false
}
const shot = async (name) => {
  const { result } = await send('Page.captureScreenshot', { format: 'png' })
  await writeFile(`${out}/${name}.png`, Buffer.from(result.data, 'base64'))
  console.log('shot', `${out}/${name}.png`)
}

await send('Page.navigate', { url: base + '/' })
await waitFor(`!!document.querySelector('#kc-form-login')`)
await js(`(() => { const set = (id, v) => { const i = document.getElementById(id); i.value = v; i.dispatchEvent(new Event('input', { bubbles: true })) }; set('username', ${JSON.stringify(user)}); set('password', ${JSON.stringify(password)}); document.getElementById('kc-form-login').submit() })()`)
await waitFor(`!!document.querySelector('[data-test=identity]')`)
await sleep(2500)
await shot(`${user}-workbench-${width}x${height}`)
for (const page of pages) {
  await send('Page.navigate', { url: base + page })
  await waitFor(`!!document.querySelector('[data-test=identity]')`)
  await sleep(2500)
  await shot(`${user}${page.replaceAll('/', '-').replace(/[?=&]/g, '_')}`)
}
ws.close()
chrome.kill()
