import { cp, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fixturePath, reportsDir } from '@report-qa/test-fixtures'
import { expect } from 'vitest'
import { CoreError } from '../src/errors.ts'
import { readReportFile } from '../src/ingest/read-report-file.ts'
import { parseReports } from '../src/parse/parse-report.ts'
import type { Report } from '../src/types.ts'

export const corpusDir = fixturePath('corpus')

/** The five sample files of test-fixtures/reports, by short name. */
export const SAMPLES = {
  '000': '000_ee7a866cbdf1e3a9.txt',
  '001': '001_e1189fbdaff0bf7a.txt',
  '002': '002_555f7e936fe6323d.txt',
  '003': '003_e14c0fc8027c8e75.txt',
  '004': '004_f7326a22c4686d62.txt',
} as const

/** Every report file under a folder (recursive), as absolute paths, sorted. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile() && /\.(txt|docx)$/i.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
}

/** Reads, cleans and parses one sample or corpus file the way syncIndex does. */
export async function parseFile(file: string, source = path.basename(file)): Promise<Report[]> {
  return parseReports(await readReportFile(file), source)
}

export function samplePath(name: keyof typeof SAMPLES): string {
  return path.join(reportsDir, SAMPLES[name])
}

/** A fresh temp folder; `dispose` removes it. */
export async function tempDir(prefix = 'report-qa-'): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix))
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) }
}

/** A temp copy of the sample reports folder (tests may edit it). */
export async function copyOfReports(): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const temp = await tempDir()
  await cp(reportsDir, temp.dir, { recursive: true })
  return temp
}

export { seededRandom } from '@report-qa/test-fixtures'

export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)]
  if (item === undefined) throw new Error('pick from an empty list')
  return item
}

/** The CoreError a promise rejects with (fails the test when it resolves or rejects with anything else). */
export async function coreErrorOf(promise: Promise<unknown>): Promise<CoreError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(CoreError)
    return error as CoreError
  }
  throw new Error('expected an error')
}
