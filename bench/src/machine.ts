import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const BENCH = path.dirname(path.dirname(fileURLToPath(import.meta.url)))

function version(name: string, from = BENCH): string {
  try {
    return (JSON.parse(readFileSync(path.join(from, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
      .version
  } catch {
    return 'n/a'
  }
}

/** CPU, cores, memory, Node and the versions of the packages measured. */
export function machine(): Record<string, string> {
  const cpus = os.cpus()
  const api = path.join(BENCH, '..', 'apps', 'api')
  const root = JSON.parse(readFileSync(path.join(BENCH, '..', 'package.json'), 'utf8')) as { packageManager?: string }
  return {
    cpu: `${cpus[0]?.model ?? 'unknown'}, ${cpus.length} cores`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    packages: [
      `minisearch ${version('minisearch')}`,
      `nodejieba ${version('nodejieba')}`,
      `autocannon ${version('autocannon')}`,
      `tsx ${version('tsx')}`,
      `hono ${version('hono', api)}`,
      `@hono/node-server ${version('@hono/node-server', api)}`,
      root.packageManager ?? 'pnpm n/a',
    ].join(', '),
  }
}

/** The last commit that touched packages/core, with `+dirty` when core has uncommitted changes. */
export function coreCommit(): string {
  const root = path.join(BENCH, '..')
  try {
    const git = (...args: string[]): string => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8' }).trim()
    const commit = git('log', '-1', '--format=%h %s', '--', 'packages/core')
    return git('status', '--porcelain', '--', 'packages/core') ? `${commit} +dirty` : commit
  } catch {
    return 'unknown'
  }
}
