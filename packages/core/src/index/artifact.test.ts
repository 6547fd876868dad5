import { readdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixturePath, reportsDir } from '@report-qa/test-fixtures'
import { ask } from '../answer/ask.ts'
import { readQuestions } from '../eval/judge.ts'
import { isCoreError } from '../errors.ts'
import type { Answer } from '../types.ts'
import { loadIndex, saveIndex } from './artifact.ts'
import { OpenUnit } from './place-unit.ts'
import { FORMAT_VERSION, placeKey, ReportIndex, type Catalog, type CatalogPlace } from './report-index.ts'
import { syncIndex } from './sync.ts'
import { tempDir } from '../../test/helpers.ts'

let index: ReportIndex
let temp: Awaited<ReturnType<typeof tempDir>>
let artifact: string

beforeAll(async () => {
  index = new ReportIndex()
  await syncIndex(index, reportsDir)
  await syncIndex(index, fixturePath('corpus'), { scope: 'corpus' })
  temp = await tempDir()
  artifact = path.join(temp.dir, 'index.json')
  await saveIndex(index, artifact)
})
afterAll(async () => {
  await temp.dispose()
})

/** An answer without its timing, for comparing two indexes. */
function comparable(answer: Answer): Omit<Answer, 'tookMs'> {
  const { tookMs: _tookMs, ...rest } = answer
  return rest
}

describe('saveIndex and loadIndex', () => {
  it('writes one versioned artifact file and no temp file', async () => {
    expect(await readdir(temp.dir)).toEqual(['index.json'])
    // The first line names the format; the catalog is the last line but one, its offset the last.
    const bytes = await readFile(artifact)
    const lines = bytes.toString('utf8').split('\n')
    expect(JSON.parse(lines[0]!)).toEqual({ format: FORMAT_VERSION })
    const offset = Number(lines.at(-2))
    const catalog = JSON.parse(bytes.subarray(offset).toString('utf8').split('\n')[0]!) as Catalog & { places: CatalogPlace[] }
    expect(typeof catalog.builtAt).toBe('string')
    // Places are keyed by their division code: 牛塘镇 is 320412102 (江苏省常州市武进区).
    expect(catalog.places.map((place) => place.key)).toContain('320412102')
    // Each place's unit lies at its range and holds that place's reports, all their paragraphs.
    const reports = new Map(catalog.reports.map((report) => [report.id, report]))
    for (const place of catalog.places) {
      const unit = OpenUnit.open((at, length) => bytes.subarray(place.offset + at, place.offset + at + length))
      expect(unit.reportIds).toEqual(place.reportIds)
      unit.reportIds.forEach((id, r) => {
        expect(placeKey(reports.get(id)!)).toBe(place.key)
        expect(unit.text(r).paragraphs).toHaveLength(reports.get(id)!.paragraphCount)
      })
    }
  })

  it('answers a series over a whole level from its level facts as from the units, and a place changed since from its unit', async () => {
    const loaded = await loadIndex(artifact)
    const catalog = JSON.parse((await readFile(artifact, 'utf8')).split('\n').at(-3)!) as Catalog
    expect(Object.keys(catalog.levelFacts ?? {})).toContain('地区生产总值\tcounty\t2016')
    for (const level of ['省', '市', '县'])
      for (const indicator of ['地区生产总值', 'GDP增速', '一般公共预算收入', '固定资产投资'])
        for (const year of [2005, 2009, 2015, 2016, 2017, 2022, 2023]) {
          const q = `${year}年各${level}${indicator}`
          expect(comparable(ask(loaded, q)), q).toEqual(comparable(ask(index, q)))
        }
    expect(ask(loaded, '2016年各县地区生产总值').answer).toContain('海拉尔区2016年303.6亿元')

    const report = loaded.report(loaded.reportsOf('海拉尔区').find((r) => r.period?.year === 2016)!.id)!
    const paragraphs = report.paragraphs.map((p) => ({ ...p, text: p.text.replaceAll('303.6亿元', '313.6亿元') }))
    loaded.upsertSource(report.source, { hash: 'changed' }, [{ ...report, paragraphs }])
    expect(ask(loaded, '2016年各县地区生产总值').answer).toContain('海拉尔区2016年313.6亿元')
  })

  it('round-trips the stats, the report list and the source hashes', async () => {
    const loaded = await loadIndex(artifact)
    expect(loaded.stats()).toEqual(index.stats())
    expect(loaded.summaries()).toEqual(index.summaries())
    expect(new Map(loaded.sources)).toEqual(new Map(index.sources))
  })

  it('gives the same answers after loading, for every question of questions.jsonl', async () => {
    const loaded = await loadIndex(artifact)
    const questions = await readQuestions(fixturePath('questions.jsonl'))
    expect(questions.length).toBeGreaterThan(100)
    for (const { q } of questions) expect(comparable(ask(loaded, q)), q).toEqual(comparable(ask(index, q)))
  })

  it('gives the same answers when it keeps next to no place in memory', async () => {
    const lean = await loadIndex(artifact, { maxLoadedBytes: 1 })
    for (const { q } of await readQuestions(fixturePath('questions.jsonl')))
      expect(comparable(ask(lean, q)), q).toEqual(comparable(ask(index, q)))
  })

  it('keeps answering from its own file after another save replaces the artifact', async () => {
    const dir = await tempDir()
    try {
      const file = path.join(dir.dir, 'index.json')
      await saveIndex(index, file)
      const loaded = await loadIndex(file, { maxLoadedBytes: 1 })
      const before = comparable(ask(loaded, '牛塘镇上半年固定资产投资多少'))
      await saveIndex(new ReportIndex(), file)
      expect(comparable(ask(loaded, '牛塘镇上半年固定资产投资多少'))).toEqual(before)
      expect(before.answer).toContain('21.95亿元')
      // The saving index reads its places from the file it wrote last.
      const other = new ReportIndex(1)
      await syncIndex(other, reportsDir)
      await saveIndex(other, file)
      await saveIndex(new ReportIndex(), path.join(dir.dir, 'elsewhere.json'))
      expect(ask(other, '牛塘镇上半年固定资产投资多少').answer).toContain('21.95亿元')
      expect(other.report(other.reportsOf('牛塘镇')[0]!.id)?.paragraphs.length).toBeGreaterThan(10)
    } finally {
      await dir.dispose()
    }
  })

  it('can be synced after loading without parsing anything again', async () => {
    const loaded = await loadIndex(artifact)
    expect((await syncIndex(loaded, fixturePath('corpus'), { scope: 'corpus' })).parsed).toBe(0)
    // (A sync without a scope owns every source: it would drop corpus/… had it run first.)
    expect((await syncIndex(loaded, reportsDir)).parsed).toBe(0)
  })

  it('throws INDEX_UNREADABLE for a truncated artifact', async () => {
    const text = await readFile(artifact, 'utf8')
    const truncated = path.join(temp.dir, 'truncated.json')
    await writeFile(truncated, text.slice(0, Math.floor(text.length / 2)))
    await expect(loadIndex(truncated)).rejects.toSatisfy((error) => isCoreError(error, 'INDEX_UNREADABLE'))
  })

  it('throws INDEX_UNREADABLE for a missing artifact', async () => {
    await expect(loadIndex(path.join(temp.dir, 'missing.json'))).rejects.toSatisfy((error) =>
      isCoreError(error, 'INDEX_UNREADABLE'),
    )
  })

  it.each([
    ['another format number', (a: Record<string, unknown>) => ({ ...a, format: FORMAT_VERSION + 1 })],
    ['no format number', (a: Record<string, unknown>) => ({ ...a, format: undefined })],
  ])('throws INDEX_INCOMPATIBLE for an artifact with %s', async (_what, change) => {
    // The first line names the format: {"format":3}.
    const [header, ...rest] = (await readFile(artifact, 'utf8')).split('\n')
    const other = path.join(temp.dir, 'other-format.json')
    await writeFile(other, [JSON.stringify(change(JSON.parse(header!) as Record<string, unknown>)), ...rest].join('\n'))
    await expect(loadIndex(other)).rejects.toSatisfy((error) => isCoreError(error, 'INDEX_INCOMPATIBLE'))
  })

  it('throws a CoreError, not a TypeError, for JSON that is not an artifact', async () => {
    for (const body of ['null', '[]', '42', '"index"']) {
      const odd = path.join(temp.dir, 'odd.json')
      await writeFile(odd, body)
      await expect(loadIndex(odd), body).rejects.toSatisfy((error) => isCoreError(error))
    }
  })

  it('replaces an older artifact in place, leaving no temp file', async () => {
    const dir = await tempDir()
    try {
      const file = path.join(dir.dir, 'index.json')
      await saveIndex(new ReportIndex(), file)
      expect((await loadIndex(file)).stats().reports).toBe(0)
      await saveIndex(index, file)
      expect((await loadIndex(file)).stats().reports).toBe(index.stats().reports)
      expect(await readdir(dir.dir)).toEqual(['index.json'])
    } finally {
      await dir.dispose()
    }
  })

  it('fails to save where the target folder is a file', async () => {
    const blocker = path.join(temp.dir, 'not-a-folder')
    await writeFile(blocker, 'x')
    await expect(saveIndex(index, path.join(blocker, 'index.json'))).rejects.toThrow()
    expect(await readFile(blocker, 'utf8')).toBe('x')
  })

  it('leaves the previous artifact intact and no temp file when a save fails', async () => {
    const dir = await tempDir()
    try {
      // A name the file system accepts, whose temp name beside it (name + .pid.time.tmp) it refuses.
      const file = path.join(dir.dir, `${'a'.repeat(240)}.json`)
      const short = path.join(dir.dir, 'short.json')
      await saveIndex(new ReportIndex(), short)
      await rename(short, file)
      const previous = await readFile(file, 'utf8')
      await expect(saveIndex(index, file)).rejects.toThrow()
      expect(await readFile(file, 'utf8')).toBe(previous)
      expect(await readdir(dir.dir)).toEqual([path.basename(file)])
      expect((await loadIndex(file)).stats().reports).toBe(0)
    } finally {
      await dir.dispose()
    }
  })
})
