// The console's initial JavaScript: the entry chunk of index.html and every chunk it imports statically,
// each gzipped (level 9) as a server would send it. Run after `npm run build`; budget: 500 KB.
// `node scripts/initial-size.mjs [dir] [Chunk...]` also counts the named lazy chunks (e.g. ConsoleLayout
// WorkbenchPage: what the landing page loads next) with their static imports.
import { readdirSync, readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { dirname, join, resolve } from 'node:path'

const root = resolve(process.argv[2] ?? 'target/classes/static')
const html = readFileSync(join(root, 'index.html'), 'utf8')
const entry = /<script[^>]+type="module"[^>]+src="\/([^"]+)"/.exec(html)?.[1]
if (!entry) throw new Error('no module script in index.html')

const lazy = process.argv.slice(3).flatMap((name) =>
  readdirSync(join(root, 'assets'))
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.js'))
    .map((f) => join(root, 'assets', f)),
)
const seen = new Set()
const stack = [join(root, entry), ...lazy]
// Static imports only: `import x from "./a.js"`, `export * from "./a.js"`, `import "./a.js"`; not `import("./a.js")`.
const staticImport = /(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+\.js)["']/g
while (stack.length) {
  const file = stack.pop()
  if (seen.has(file)) continue
  seen.add(file)
  const code = readFileSync(file, 'utf8')
  for (const m of code.matchAll(staticImport)) stack.push(resolve(dirname(file), m[1]))
}

let raw = 0
let gz = 0
for (const file of [...seen].sort()) {
  const bytes = readFileSync(file)
  const z = gzipSync(bytes, { level: 9 }).length
  raw += bytes.length
  gz += z
  console.log(`${(z / 1024).toFixed(1).padStart(8)} KB gz  ${file.slice(root.length + 1)}`)
}
console.log(`${lazy.length ? 'initial JS with ' + process.argv.slice(3).join(', ') : 'initial JS'}: ${seen.size} files, ${(raw / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(1)} KB gzipped`)
if (gz > 500 * 1024) {
  console.error('over the 500 KB budget')
  process.exit(1)
}
