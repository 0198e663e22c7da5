/**
 * Money and rates as finance reads them, exact to the fen: the API gives amounts as decimal strings ("1200000.00")
 * and rates as fractions to four decimals ("0.0009" = 0.09 %). Nothing here goes through a float sum: amounts are
 * parsed to whole fen (BigInt) and added as integers.
 */

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/

/** Whole fen of an amount (a string, or a number as JS prints it); half up beyond the fen; null when unreadable. */
export function toFen(value: string | number | null | undefined): bigint | null {
  if (value === null || value === undefined) return null
  // String(number) is the shortest text that reads back as the same number (0.1 → "0.1", 1.005 → "1.005"):
  // working from it never meets the binary error of 0.1 + 0.2.
  const text = typeof value === 'number' ? (Number.isFinite(value) ? numberText(value) : '') : value.trim()
  const m = DECIMAL.exec(text)
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null
  const [, sign, whole, frac = ''] = m
  let fen = BigInt((whole || '0') + (frac + '00').slice(0, 2))
  if (frac.length > 2 && frac.charCodeAt(2) >= 53 /* '5' */) fen += 1n
  return sign === '-' ? -fen : fen
}

/** A number without exponent notation (1e21 → "1000000000000000000000"). */
function numberText(n: number): string {
  const s = String(n)
  if (!/e/i.test(s)) return s
  return n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 })
}

/** "1,200,000.00" from fen. */
export function fenText(fen: bigint): string {
  const negative = fen < 0n
  const abs = negative ? -fen : fen
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const cents = (abs % 100n).toString().padStart(2, '0')
  return `${negative ? '-' : ''}${whole}.${cents}`
}

/** "1,200,000.00 元"; "—" for no amount (an undecided claim has no approved amount, not zero). */
export function yuan(value: string | number | null | undefined): string {
  const fen = toFen(value)
  return fen === null ? (value === null || value === undefined || value === '' ? '—' : String(value)) : `${fenText(fen)} 元`
}

/** The sum of amounts, exact to the fen, as the API writes one ("1234.56"). */
export function sumYuan(values: readonly (string | number | null | undefined)[]): string {
  let total = 0n
  for (const v of values) total += toFen(v) ?? 0n
  const negative = total < 0n
  const abs = negative ? -total : total
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`
}

/**
 * A rate as a percentage with two decimals, moved by two places in the text ("0.0009" → "0.09%", "1.2345" →
 * "123.45%"); null (no base to divide by) is "—".
 */
export function percent(rate: string | number | null | undefined): string {
  if (rate === null || rate === undefined || rate === '') return '—'
  const text = typeof rate === 'number' ? numberText(rate) : rate.trim()
  const m = DECIMAL.exec(text)
  if (!m) return String(rate)
  const [, sign, whole, frac = ''] = m
  // ×100: two fraction digits move to the whole part; the next two are the percentage's decimals.
  const padded = frac.padEnd(4, '0')
  let hundredths = BigInt((whole || '0') + padded.slice(0, 4))
  if (padded.length > 4 && padded.charCodeAt(4) >= 53) hundredths += 1n
  const pct = `${(hundredths / 100n).toString()}.${(hundredths % 100n).toString().padStart(2, '0')}%`
  return sign === '-' && hundredths !== 0n ? `-${pct}` : pct
}

/** A rate as a number of percent for a chart's axis (display only: never summed). */
export function percentNumber(rate: string | number | null | undefined): number | null {
  const p = percent(rate)
  return p === '—' ? null : Number(p.slice(0, -1))
}
