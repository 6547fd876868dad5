import { describe, expect, it } from 'vitest'
import { parseFile, samplePath } from '../../test/helpers.ts'
import { buildUnit } from './place-unit.ts'
import { UnitPool } from './unit-pool.ts'

describe('UnitPool', () => {
  it('builds the same unit as this thread does', async () => {
    const reports = await parseFile(samplePath('004'))
    const pool = new UnitPool(1)
    try {
      const built = await pool.build(reports)
      expect(Buffer.from(built.bytes).equals(Buffer.from(buildUnit(reports).bytes))).toBe(true)
      expect(built.indicators).toEqual(buildUnit(reports).indicators)
    } finally {
      await pool.close()
    }
  })

  it('fails the builds of a thread that stops, and every later one, instead of waiting forever', async () => {
    const reports = await parseFile(samplePath('004'))
    const pool = new UnitPool(1)
    const builds = [pool.build(reports), pool.build(reports), pool.build(reports)]
    await pool.close()
    const outcomes = await Promise.allSettled(builds)
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected'])
    await expect(pool.build(reports)).rejects.toThrow(/no worker thread is left/)
  })
})
