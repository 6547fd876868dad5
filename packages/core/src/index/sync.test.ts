import { spawn } from 'node:child_process'
import { readFile, rm, writeFile, mkdir, cp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixturePath } from '@report-qa/test-fixtures'
import { ask } from '../answer/ask.ts'
import { isCoreError } from '../errors.ts'
import { loadIndex } from './artifact.ts'
import { ReportIndex } from './report-index.ts'
import { listReportFiles, openIndex, syncIndex, type SyncResult } from './sync.ts'
import { UnitPool } from './unit-pool.ts'
import { copyOfReports, parseFile, samplePath, SAMPLES, tempDir } from '../../test/helpers.ts'

let reports: Awaited<ReturnType<typeof copyOfReports>>
beforeAll(async () => {
  reports = await copyOfReports()
})
afterAll(async () => {
  await reports.dispose()
})

describe('listReportFiles', () => {
  it('lists report files under a folder, recursively, with forward slashes, sorted', async () => {
    const files = await listReportFiles(fixturePath('corpus'))
    expect(files).toContain('docx/2025年吉林省政府工作报告.docx')
    expect(files).toContain('encodings/海拉尔区_2019_gbk_crlf.txt')
    expect(files).not.toContain('README.md')
    expect(files).toEqual([...files].sort())
  })

  it('throws REPORTS_DIR_MISSING for a folder that does not exist', async () => {
    await expect(listReportFiles('/nonexistent/reports')).rejects.toSatisfy((error) => isCoreError(error, 'REPORTS_DIR_MISSING'))
  })
})

describe('syncIndex in worker threads', () => {
  it('builds the same places in two threads as in this one, byte for byte', async () => {
    const units = async (threads: number): Promise<Map<string, string>> => {
      const index = new ReportIndex()
      await syncIndex(index, reports.dir, { threads })
      await syncIndex(index, fixturePath('corpus'), { scope: 'corpus', threads })
      return new Map(index.toArtifact().places.map((place) => [place.key, Buffer.from(place.bytes()).toString('utf8')]))
    }
    // The segmenter keeps every place name it was taught: teach them all first, so that both builds
    // cut with the same dictionary.
    await units(0)
    const inThread = await units(0)
    const threaded = await units(2)
    expect(inThread.size).toBeGreaterThan(10)
    expect([...threaded.keys()].sort()).toEqual([...inThread.keys()].sort())
    for (const [key, unit] of inThread) expect(threaded.get(key), key).toBe(unit)
  }, 120_000) // three syncs of the fixtures, PDFs included, each parsed anew

  it('builds a place again when a file read after it was handed to a thread adds to it', async () => {
    const [first, other] = [await parseFile(samplePath('000')), await parseFile(samplePath('001'))]
    const place = first[0]!
    const later = { ...place, id: `${place.id}-later`, source: 'later.txt', year: (place.year ?? 2000) + 1 }
    const units = async (pool?: UnitPool): Promise<Map<string, string>> => {
      const index = new ReportIndex()
      index.upsertSource('first.txt', { hash: 'a' }, first)
      index.upsertSource('other.txt', { hash: 'b' }, other)
      if (pool) {
        index.buildAhead(pool)
        expect(pool.idle).toBeLessThan(pool.capacity) // the first place went to the thread
      }
      index.upsertSource('later.txt', { hash: 'c' }, [later])
      await index.settle(pool)
      return new Map(index.toArtifact().places.map((p) => [p.key, Buffer.from(p.bytes()).toString('utf8')]))
    }
    const pool = new UnitPool(1)
    try {
      const threaded = await units(pool)
      const inThread = await units()
      expect([...threaded.keys()]).toEqual([...inThread.keys()])
      for (const [key, unit] of inThread) expect(threaded.get(key), key).toBe(unit)
      expect([...threaded.values()].some((unit) => unit.includes(later.id))).toBe(true)
    } finally {
      await pool.close()
    }
  }, 60_000)
})

describe('syncIndex', () => {
  // One index, changed step by step: the steps depend on each other and run in order.
  const index = new ReportIndex()

  it('builds the index from the five sample files: seven reports', async () => {
    const result = await syncIndex(index, reports.dir)
    expect(result.added).toEqual(Object.values(SAMPLES))
    expect(result).toMatchObject({ updated: [], removed: [], failed: [], parsed: 5 })
    expect(index.stats()).toMatchObject({ reports: 7, sources: 5 })
    expect(index.stats().paragraphs).toBeGreaterThan(150)
    expect(index.sources.get(SAMPLES['002'])?.reportIds).toHaveLength(3)
  })

  it('parses nothing when the folder has not changed', async () => {
    const result = await syncIndex(index, reports.dir)
    expect(result).toEqual({ added: [], updated: [], removed: [], failed: [], parsed: 0 })
  })

  it('parses only the edited file, and keeps the other reports as they were', async () => {
    const before = new Map(index.reports)
    const edited = SAMPLES['003']
    const oldIds = index.sources.get(edited)?.reportIds ?? []
    const file = path.join(reports.dir, edited)
    const text = await readFile(file, 'utf8')
    expect(text).toMatch(/2023年工作回顾\r?\n/)
    await writeFile(
      file,
      text.replace(/2023年工作回顾(\r?\n)/, '2023年工作回顾$1全镇新建文化广场7处，投入资金987.6万元，群众文化生活更加丰富。$1'),
    )
    const result = await syncIndex(index, reports.dir)
    expect(result).toMatchObject({ added: [], updated: [edited], removed: [], failed: [], parsed: 1 })
    for (const [id, report] of before) {
      if (!oldIds.includes(id)) expect(index.reports.get(id), report.source).toBe(report) // same object: not rebuilt
    }
    const answer = ask(index, '东明镇新建文化广场投入资金多少')
    expect(answer.found).toBe(true)
    expect(answer.answer).toContain('987.6万元')
  })

  it('drops the reports of a removed file', async () => {
    await rm(path.join(reports.dir, SAMPLES['004']))
    const result = await syncIndex(index, reports.dir)
    expect(result).toMatchObject({ added: [], updated: [], removed: [SAMPLES['004']], parsed: 0 })
    expect(index.reportsOf('牛塘镇')).toEqual([])
    expect(index.stats()).toMatchObject({ reports: 6, sources: 4 })
    const answer = ask(index, '牛塘镇上半年固定资产投资多少')
    expect(answer.found).toBe(false)
    expect(answer.citations).toEqual([])
  })

  it('adds a new file in a subfolder under its relative path', async () => {
    await mkdir(path.join(reports.dir, 'wujin'))
    await cp(fixturePath('reports', SAMPLES['004']), path.join(reports.dir, 'wujin', 'niutang.txt'))
    const result = await syncIndex(index, reports.dir)
    expect(result).toMatchObject({ added: ['wujin/niutang.txt'], parsed: 1 })
    const answer = ask(index, '牛塘镇上半年固定资产投资多少')
    expect(answer.found).toBe(true)
    expect(answer.citations[0]?.source).toBe('wujin/niutang.txt')
  })

  it('records a file that holds no report with its reason, and does not parse it again', async () => {
    await writeFile(path.join(reports.dir, 'notes.txt'), 'meeting notes, no report here\n'.repeat(20))
    const first = await syncIndex(index, reports.dir)
    expect(first.parsed).toBe(1)
    expect(first.failed).toHaveLength(1)
    expect(first.failed[0]?.source).toBe('notes.txt')
    expect(first.failed[0]?.error).toContain('notes.txt')
    expect(index.sources.get('notes.txt')).toMatchObject({ reportIds: [] })
    expect((await syncIndex(index, reports.dir)).parsed).toBe(0)
  })

  it('keeps the files of another scope when syncing one folder', async () => {
    const shared = new ReportIndex()
    await syncIndex(shared, reports.dir, { scope: 'a' })
    const other = await tempDir()
    try {
      await cp(fixturePath('reports', SAMPLES['000']), path.join(other.dir, 'x.txt'))
      const result = await syncIndex(shared, other.dir, { scope: 'b' })
      expect(result.removed).toEqual([])
      expect([...shared.sources.keys()]).toContain('b/x.txt')
      expect([...shared.sources.keys()].filter((s) => s.startsWith('a/')).length).toBeGreaterThan(3)
    } finally {
      await other.dispose()
    }
  })
})

describe('syncIndex and a file it cannot read', () => {
  // F8: an unreadable file was skipped with no log line and no failure entry, and its old text served on.
  it('records it as failed with the reason, logs it once, and stops answering from its old text', async () => {
    const asRoot = process.getuid?.() === 0 // root reads any file: run as nobody, whom modes bind
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/unreadable-child.ts'], {
        cwd: path.resolve(import.meta.dirname, '../..'),
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, TMPDIR: tmpdir() },
        ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
      })
      let out = ''
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
      child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`the child exited with code ${code}`))))
    })
    const result = JSON.parse(output) as {
      before: boolean
      sync: SyncResult
      again: SyncResult
      found: boolean
      entry: { hash: string; reportIds: string[]; error?: string }
      warnings: { msg: string; source: string }[]
    }
    const reason = '004_f7326a22c4686d62.txt: cannot be read (EACCES)'
    expect(result.before).toBe(true)
    expect(result.sync.failed).toEqual([{ source: '004_f7326a22c4686d62.txt', error: reason }])
    expect(result.again.failed).toEqual([]) // recorded once; tried again, still unreadable, not reported again
    expect(result.entry).toEqual({ hash: '', reportIds: [], error: reason })
    expect(result.found).toBe(false)
    expect(result.warnings).toEqual([
      { msg: 'skipped a file that cannot be read', source: '004_f7326a22c4686d62.txt', error: reason },
    ])
  })
})

describe('openIndex', () => {
  it('builds and saves the artifact, then loads it and parses nothing', async () => {
    const folder = await copyOfReports()
    const out = await tempDir()
    try {
      const indexPath = path.join(out.dir, 'data', 'index.json')
      const first = await openIndex({ reportsDir: folder.dir, indexPath })
      expect(first.sync.parsed).toBe(5)
      const saved = JSON.parse((await readFile(indexPath, 'utf8')).split('\n')[0]!) as { format: number }
      expect(typeof saved.format).toBe('number')
      const second = await openIndex({ reportsDir: folder.dir, indexPath })
      expect(second.sync.parsed).toBe(0)
      expect(second.index.stats().reports).toBe(7)
      expect((await loadIndex(indexPath)).stats().reports).toBe(7)
    } finally {
      await folder.dispose()
      await out.dispose()
    }
  })

  it('rebuilds when the artifact is corrupt', async () => {
    const out = await tempDir()
    try {
      const indexPath = path.join(out.dir, 'index.json')
      await writeFile(indexPath, '{"format":')
      const warnings: string[] = []
      const logger = { info() {}, warn: (message: string) => void warnings.push(message), error() {} }
      const { sync } = await openIndex({ reportsDir: fixturePath('reports'), indexPath, logger })
      expect(sync.parsed).toBe(5)
      expect(warnings.length).toBeGreaterThan(0)
      expect((await loadIndex(indexPath)).stats().reports).toBe(7)
    } finally {
      await out.dispose()
    }
  })
})
