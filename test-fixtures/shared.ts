import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/**
 * The shared folder of the project's data (the full corpus, the CMRC benchmark, eval questions):
 * `../shared` beside the repository, where CI lays it, else `/work/shared` on a developer's
 * machine. Null when neither holds `part`.
 */
export function sharedPath(...part: string[]): string | null {
  for (const dir of [path.join(repository, '..', 'shared'), '/work/shared']) {
    const full = path.join(dir, ...part)
    if (existsSync(full)) return full
  }
  return null
}
