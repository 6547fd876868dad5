import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { bytesToText } from '@report-qa/core'
import { since } from './stats.ts'

/** The corpus folders that hold each format, as the reports folder would (all their files). */
const FORMATS: { format: string; folder: string; ext: RegExp }[] = [
  { format: '.txt', folder: 'province', ext: /\.txt$/ },
  { format: '.docx', folder: 'docx', ext: /\.docx$/ },
  { format: '.pdf', folder: 'pdf', ext: /\.pdf$/ },
  { format: '.html', folder: 'html', ext: /\.html?$/ },
]

export interface ReadingRun {
  format: string
  files: number
  /** Bytes of the files read. */
  bytes: number
  /** Characters of clean text they give. */
  chars: number
  /** MB/s of file bytes, each run. */
  mbps: number[]
  /** Milliseconds per file, each run. */
  msPerFile: number[]
}

/**
 * Reading (`bytesToText`: decode or unpack, lay out, clean) the corpus's files of each format,
 * from bytes in memory, `runs` times after one untimed pass (which loads pdf.js, mammoth, linkedom).
 */
export async function measureReading(corpusDir: string, runs: number): Promise<ReadingRun[]> {
  const results: ReadingRun[] = []
  for (const { format, folder, ext } of FORMATS) {
    const names = (await readdir(path.join(corpusDir, folder))).filter((name) => ext.test(name)).sort()
    const files = await Promise.all(
      names.map(async (name) => ({ name, bytes: await readFile(path.join(corpusDir, folder, name)) })),
    )
    const bytes = files.reduce((sum, file) => sum + file.bytes.length, 0)
    let chars = 0
    for (const file of files) chars += (await bytesToText(file.bytes, file.name)).length
    const run: ReadingRun = { format, files: files.length, bytes, chars, mbps: [], msPerFile: [] }
    for (let k = 0; k < runs; k++) {
      const started = performance.now()
      for (const file of files) await bytesToText(file.bytes, file.name)
      const ms = since(started)
      run.mbps.push(bytes / 1e6 / (ms / 1000))
      run.msPerFile.push(ms / files.length)
    }
    results.push(run)
  }
  return results
}
