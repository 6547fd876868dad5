import { fileURLToPath } from 'node:url'
import path from 'node:path'

const root = path.dirname(fileURLToPath(import.meta.url))

/** Absolute path of a file or folder inside test-fixtures/. */
export function fixturePath(...parts: string[]): string {
  return path.join(root, ...parts)
}

/** The embedded default corpus: the sample township reports. */
export const reportsDir = fixturePath('reports')
