// @ts-check
/**
 * `pnpm start`: the worker and the API together, on one reports folder and one artifact.
 *
 * The worker starts first; the API starts once the worker logs "worker ready" (the artifact then
 * exists and is current, so the API's own openIndex loads it and parses nothing). SIGINT and
 * SIGTERM are passed on to both; when either process exits, the other is stopped and this exits
 * with the first one's code. Plain JavaScript, so it needs nothing installed at the root.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import process from 'node:process'
import { createInterface } from 'node:readline'
import { setTimeout } from 'node:timers'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const GRACE_MS = 10_000
/**
 * Node flags per app, as in the apps' own `start` scripts. The API keeps at most
 * DEFAULT_LOADED_BYTES of places in memory; its heap cap makes V8 collect the garbage of reading
 * places before the process passes ~1.6 GB (by default V8 lets it grow past 2 GB).
 */
/** @type {Record<string, string[]>} */
const NODE_FLAGS = { api: ['--max-old-space-size=1536'], worker: [] }

// Each app runs in its own folder (as `pnpm --filter … start` would), so relative paths given here
// are made absolute first: both apps must name the same folder and artifact.
const env = { ...process.env }
for (const name of ['REPORTS_DIR', 'INDEX_PATH']) {
  const value = env[name]
  if (value && value.trim() !== '') env[name] = path.resolve(value)
}

/** @type {Map<string, import('node:child_process').ChildProcess>} */
const children = new Map()
let exiting = false

/**
 * @param {string} app folder under apps/
 * @param {(line: string) => void} [onLine] sees each stdout line (which is still printed)
 */
function start(app, onLine) {
  const child = spawn(process.execPath, [...(NODE_FLAGS[app] ?? []), '--import', 'tsx', 'src/main.ts'], {
    cwd: path.join(root, 'apps', app),
    env,
    stdio: ['ignore', onLine ? 'pipe' : 'inherit', 'inherit'],
  })
  children.set(app, child)
  if (onLine && child.stdout) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      process.stdout.write(`${line}\n`)
      onLine(line)
    })
  }
  child.on('exit', (code, signal) => {
    children.delete(app)
    if (!exiting) {
      say(`${app} exited (${signal ?? `code ${code}`}); stopping the rest`)
      stop('SIGTERM', code ?? 1)
    } else if (children.size === 0) process.exit(exitCode)
  })
  child.on('error', (error) => {
    say(`${app} could not start: ${error.message}`)
    stop('SIGTERM', 1)
  })
  return child
}

/** @param {string} message */
function say(message) {
  process.stderr.write(`start: ${message}\n`)
}

let exitCode = 0
/**
 * @param {NodeJS.Signals} signal
 * @param {number} code
 */
function stop(signal, code) {
  if (exiting) return
  exiting = true
  exitCode = code
  if (children.size === 0) process.exit(exitCode)
  for (const child of children.values()) child.kill(signal)
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL')
    process.exit(exitCode || 1)
  }, GRACE_MS).unref()
}

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => stop(signal, 0))

let apiStarted = false
start('worker', (line) => {
  if (apiStarted || exiting) return
  try {
    if (JSON.parse(line).msg !== 'worker ready') return
  } catch {
    return // not a log line
  }
  apiStarted = true
  start('api')
})
