import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const root = path.dirname(fileURLToPath(import.meta.url))

/** Absolute path of a file or folder inside test-fixtures/. */
export function fixturePath(...parts: string[]): string {
  return path.join(root, ...parts)
}

/** The embedded default corpus: the sample township reports. */
export const reportsDir = fixturePath('reports')

/**
 * The shared folder of real reports (corpus/, reports/, benchmarks/): beside the repository, as CI
 * has it (`<repo>/../shared`), else /work/shared; null when neither exists.
 */
export const sharedDir: string | null = [path.resolve(root, '../../shared'), '/work/shared'].find((dir) => existsSync(path.join(dir, 'corpus'))) ?? null

/** Deterministic PRNG (mulberry32): the same seed gives the same sequence, for generated tests and corpora. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export { scannedPdf } from './scanned-pdf.ts'
