import type { AppDeps } from './context.ts'

/** How old the writer's last status may be before the worker counts as gone (it is polled every second). */
export const WRITER_SILENT_MS = 10_000

/**
 * The contract's "Health": ok only when the last index save succeeded and the worker is alive;
 * otherwise degraded, with the reason, while /ask keeps answering from the last good artifact.
 * Reads only what is at hand (the writer is polled in the background), so it never waits.
 */
export function health(deps: AppDeps, now = Date.now()) {
  const index = deps.index.current
  const base = {
    ...index.stats(),
    failed: index.failures().length,
    versions: { service: deps.version ?? '0.0.0', node: process.version },
  }
  const reason = degraded(deps, now)
  return reason ? { status: 'degraded' as const, reason, ...base } : { status: 'ok' as const, ...base }
}

function degraded(deps: AppDeps, now: number): string | null {
  if (deps.artifactLoaded && !deps.artifactLoaded()) return 'no index artifact yet: the index worker has not written one'
  const writer = deps.writer
  if (!writer) return null
  const last = writer.lastStatus
  if (!last || now - last.at > WRITER_SILENT_MS)
    return 'the index worker is not running: uploads, reindexing and changes to the reports folder wait for it'
  const rebuild = last.status.lastRebuild
  if (rebuild && !rebuild.ok) {
    return `the last index rebuild failed (${rebuild.error ?? 'unknown error'}); answering from the artifact built at ${deps.index.current.builtAt}`
  }
  return null
}
