// @ts-check
/**
 * `pnpm start`: the supervisor of the service. It runs the index worker (the artifact's one writer)
 * and API_PROCESSES API processes (node:cluster: one port, connections shared out among them) over
 * one reports folder and one artifact.
 *
 * - The worker starts first; the API processes start once it says it is ready, so that they load
 *   a current artifact and parse nothing.
 * - A child that crashes is started again after a backoff (1 s, doubling up to 30 s, back to 1 s
 *   once it has run for a minute) while the others keep serving. Exit code 2 (bad configuration,
 *   or another worker writes this artifact) stops everything instead: starting again would not help.
 * - SIGTERM and SIGINT stop everything: the children get SIGTERM (SIGKILL after 10 s), then this
 *   exits 0. `pnpm start` runs `exec node scripts/start.mjs`, so the process pnpm passes a signal to
 *   is this one; and when whoever started this process goes away, this stops too.
 * - Children never outlive this process, even when it is killed with SIGKILL: the worker stops when
 *   its IPC channel closes, and API processes exit when their cluster primary is gone.
 * Plain JavaScript, started by plain node; it loads core's logger through tsx.
 */
import cluster from 'node:cluster'
import { fork } from 'node:child_process'
import path from 'node:path'
import process from 'node:process'
import { clearTimeout, setInterval, setTimeout } from 'node:timers'
import { fileURLToPath } from 'node:url'
import { register } from 'tsx/esm/api'

register()
/** @type {typeof import('../packages/core/src/log.ts')} */
const { createLogger, logFormat } = await import('../packages/core/src/log.ts')

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const GRACE_MS = 10_000
const BACKOFF_MS = [1000, 30_000]
/** A child that ran this long has its backoff reset. */
const STEADY_MS = 60_000

let logger = createLogger({ app: 'start' })
try {
  logger = createLogger({ app: 'start', format: logFormat(process.env.LOG_FORMAT, process.stdout.isTTY === true) })
} catch (error) {
  logger.error('bad configuration', { error: /** @type {Error} */ (error).message })
  process.exit(2)
}
const apiProcesses = Number(process.env.API_PROCESSES?.trim() || '1')
if (!Number.isInteger(apiProcesses) || apiProcesses < 1 || apiProcesses > 64) {
  logger.error('bad configuration', {
    error: `API_PROCESSES must be a whole number from 1 to 64, got ${JSON.stringify(process.env.API_PROCESSES)}`,
  })
  process.exit(2)
}

// Each app runs in its own folder (as `pnpm --filter … start` would), so relative paths given here
// are made absolute first: all processes must name the same folder and artifact.
/** @type {NodeJS.ProcessEnv} */
const env = { ...process.env }
for (const name of ['REPORTS_DIR', 'INDEX_PATH']) {
  const value = env[name]
  if (value && value.trim() !== '') env[name] = path.resolve(value)
}

let stopping = false
let exitCode = 0
/** @type {import('node:child_process').ChildProcess | null} */
let worker = null
let apiStarted = false
/** @type {Set<NodeJS.Timeout>} */
const restarts = new Set()

/**
 * Starts `start()` again after the backoff of `slot`, unless the service is stopping.
 * @param {{ backoff: number; startedAt: number }} slot
 * @param {string} what
 * @param {() => void} start
 */
function restart(slot, what, start) {
  if (stopping) return
  if (Date.now() - slot.startedAt >= STEADY_MS) slot.backoff = BACKOFF_MS[0]
  const delay = slot.backoff
  slot.backoff = Math.min(slot.backoff * 2, BACKOFF_MS[1])
  logger.warn(`${what} stopped; starting it again`, { inMs: delay })
  const timer = setTimeout(() => {
    restarts.delete(timer)
    if (!stopping) start()
  }, delay)
  restarts.add(timer)
}

const workerSlot = { backoff: BACKOFF_MS[0], startedAt: 0 }
function startWorker() {
  workerSlot.startedAt = Date.now()
  const child = fork(path.join(root, 'apps/worker/src/main.ts'), [], {
    cwd: path.join(root, 'apps/worker'),
    env,
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  })
  worker = child
  child.on('message', (message) => {
    if (/** @type {{ ready?: boolean }} */ (message).ready && !apiStarted && !stopping) {
      apiStarted = true
      for (let k = 0; k < apiProcesses; k++) startApi({ backoff: BACKOFF_MS[0], startedAt: 0 })
    }
  })
  child.on('exit', (code, signal) => {
    worker = null
    if (stopping) return maybeExit()
    logger.error('the index worker exited', { code, signal })
    if (code === 2) return stop('the index worker cannot start as configured', 2)
    restart(workerSlot, 'the index worker', startWorker)
  })
  child.on('error', (error) => logger.error('the index worker could not be started', { error }))
}

/** API processes: node:cluster workers of this process, sharing its listening port. */
cluster.setupPrimary({
  exec: path.join(root, 'apps/api/src/main.ts'),
  // The API keeps at most DEFAULT_LOADED_BYTES of places in memory; its heap cap makes V8 collect
  // the garbage of reading places before the process passes ~1.6 GB.
  execArgv: ['--max-old-space-size=1536', '--import', 'tsx'],
  cwd: path.join(root, 'apps/api'),
})
/** @param {{ backoff: number; startedAt: number }} slot */
function startApi(slot) {
  slot.startedAt = Date.now()
  const child = cluster.fork(env)
  child.on('exit', (code, signal) => {
    if (stopping) return maybeExit()
    logger.error('an API process exited', { pid: child.process.pid, code, signal })
    if (code === 2) return stop('the API cannot start as configured', 2)
    restart(slot, 'an API process', () => startApi(slot))
  })
}

function running() {
  return (worker ? 1 : 0) + Object.keys(cluster.workers ?? {}).length
}

function maybeExit() {
  if (running() === 0) process.exit(exitCode)
}

/**
 * @param {string} reason
 * @param {number} code
 */
function stop(reason, code) {
  if (stopping) return
  stopping = true
  exitCode = code
  logger.info('stopping', { reason })
  for (const timer of restarts) clearTimeout(timer)
  worker?.kill('SIGTERM')
  for (const api of Object.values(cluster.workers ?? {})) api?.process.kill('SIGTERM')
  maybeExit()
  setTimeout(() => {
    worker?.kill('SIGKILL')
    for (const api of Object.values(cluster.workers ?? {})) api?.process.kill('SIGKILL')
    process.exit(exitCode || 1)
  }, GRACE_MS).unref()
}

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => stop(signal, 0))
// Whoever started this process (pnpm, a shell, a service manager) is gone: so is the service.
const launcher = process.ppid
setInterval(() => process.ppid !== launcher && stop('the process that started it is gone', 0), 1000).unref()

logger.info('starting', { apiProcesses, reportsDir: env.REPORTS_DIR, indexPath: env.INDEX_PATH })
startWorker()
