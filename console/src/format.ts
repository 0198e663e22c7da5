import { currentLocale } from './i18n'

/** Every date, time and amount on screen goes through here: Asia/Shanghai, yuan with fen. */
const ZONE = 'Asia/Shanghai'

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—'
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return value
  return new Intl.DateTimeFormat(currentLocale(), {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d)
}

/** A LocalDate as the API sends it (yyyy-mm-dd) is shown as it is: it has no zone. */
export function formatDate(value: string | null | undefined): string {
  return value ?? '—'
}

/** ¥1,200,000.00 from the API's decimal string, without going through a float. */
export function formatMoney(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—'
  const s = typeof value === 'number' ? value.toFixed(2) : value
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s.trim())
  if (!m) return s
  const [, sign, whole, frac = ''] = m
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}¥${grouped}.${(frac + '00').slice(0, 2)}`
}

export function formatCount(n: number): string {
  return new Intl.NumberFormat(currentLocale()).format(n)
}
