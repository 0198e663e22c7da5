import { describe, expect, it } from 'vitest'
import { percent, sumYuan, toFen, yuan } from './money'

describe('yuan: amounts with two decimals and 元, exact to the fen', () => {
  it.each([
    ['1200000.00', '1,200,000.00 元'],
    ['0.01', '0.01 元'],
    ['-35.50', '-35.50 元'],
    ['999', '999.00 元'],
    ['12345678901234567.89', '12,345,678,901,234,567.89 元'], // beyond a double's 15–17 digits
    [0.1, '0.10 元'],
    [1.005, '1.01 元'], // 1.005.toFixed(2) would say 1.00
    [1200000, '1,200,000.00 元'],
  ] as const)('%s → %s', (given, shown) => {
    expect(yuan(given)).toBe(shown)
  })

  it('shows no amount as a dash, not zero', () => {
    expect(yuan(null)).toBe('—')
    expect(yuan(undefined)).toBe('—')
    expect(yuan('')).toBe('—')
  })
})

describe('sums in whole fen', () => {
  it('adds what floats get wrong', () => {
    expect(0.1 + 0.2).not.toBe(0.3)
    expect(sumYuan(['0.10', '0.20'])).toBe('0.30')
    expect(sumYuan([0.1, 0.2])).toBe('0.30')
    expect(sumYuan(Array(10).fill('0.10'))).toBe('1.00')
    expect(sumYuan(['9007199254740993.01', '0.01'])).toBe('9007199254740993.02')
    expect(sumYuan(['-1.50', '1.25', null])).toBe('-0.25')
  })

  it('reads strings and numbers to fen', () => {
    expect(toFen('1200000.00')).toBe(120000000n)
    expect(toFen(19.99)).toBe(1999n)
    expect(toFen('abc')).toBeNull()
  })
})

describe('percent: 执行率 from a fraction to four decimals', () => {
  it.each([
    ['0.0009', '0.09%'],
    ['0.1234', '12.34%'],
    ['1.0000', '100.00%'],
    ['1.2345', '123.45%'],
    ['0', '0.00%'],
    [0.5, '50.00%'],
    [0.0573, '5.73%'], // 0.0573 * 100 is 5.7299999… as a float
  ] as const)('%s → %s', (rate, shown) => {
    expect(percent(rate)).toBe(shown)
  })

  it('shows a rate without a base as a dash', () => {
    expect(percent(null)).toBe('—')
  })
})
