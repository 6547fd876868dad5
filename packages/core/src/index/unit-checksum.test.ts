import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { CHECK_BLOCK, CheckedUnit, unitChecksum, unitIntact } from './unit-checksum.ts'

describe('unit checksums, a block at a time', () => {
  const bytes = randomBytes(3 * CHECK_BLOCK + 1000)
  const checksum = unitChecksum(bytes)
  const damaged = Buffer.from(bytes)
  damaged.fill(35, 2 * CHECK_BLOCK + 10, 2 * CHECK_BLOCK + 74) // 64 bytes of '#' inside the third block

  it('finds a damaged unit when it is checked whole', () => {
    expect(unitIntact(bytes, checksum)).toBe(true)
    expect(unitIntact(damaged, checksum)).toBe(false)
  })

  it('reads the blocks that are intact and refuses a range touching the damaged one, every time', () => {
    const reads: number[] = []
    const unit = new CheckedUnit(
      '牛塘镇',
      (offset, length) => {
        reads.push(length)
        return damaged.subarray(offset, offset + length)
      },
      damaged.length,
      checksum,
    )
    expect(unit.read(10, 100)).toEqual(bytes.subarray(10, 110))
    expect(unit.read(CHECK_BLOCK - 5, 10)).toEqual(bytes.subarray(CHECK_BLOCK - 5, CHECK_BLOCK + 5))
    expect(() => unit.read(2 * CHECK_BLOCK - 1, 2)).toThrow(expect.objectContaining({ code: 'INDEX_DAMAGED' }))
    expect(() => unit.read(2 * CHECK_BLOCK + 500, 1)).toThrow(/牛塘镇/)
    expect(unit.read(3 * CHECK_BLOCK, 1000)).toEqual(bytes.subarray(3 * CHECK_BLOCK))
    // Each intact block was read once to be checked; a checked block is not checked again.
    const checks = reads.filter((length) => length === CHECK_BLOCK || length === 1000).length
    unit.read(20, 30)
    expect(reads.filter((length) => length === CHECK_BLOCK || length === 1000).length).toBe(checks)
  })

  it('refuses a checksum that does not fit the unit', () => {
    expect(() => new CheckedUnit('牛塘镇', () => bytes, bytes.length + CHECK_BLOCK, checksum)).toThrow(
      expect.objectContaining({ code: 'INDEX_DAMAGED' }),
    )
  })
})
