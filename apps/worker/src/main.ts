import { readFileSync } from 'node:fs'
import { createLogger } from '@report-qa/core/log'
import { readEnv } from './env.ts'

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version
let env
try {
  env = readEnv()
} catch (error) {
  createLogger({ app: 'worker' }).error('bad configuration', { error: (error as Error).message })
  process.exit(2)
}
const logger = createLogger({ app: 'worker', format: env.logFormat })

// Loaded after the configuration is checked: core loads its dictionaries on import (seconds).
const { writerSocketPath } = await import('@report-qa/core')
const { startWorker } = await import('./worker.ts')
const { serveControl, SocketInUseError } = await import('./control.ts')

const worker = await startWorker({ ...env, logger, version }).catch((error: unknown) => {
  logger.error('the worker could not start', { error })
  process.exit(1)
})
const control = await serveControl({ socketPath: writerSocketPath(env.indexPath), worker, logger }).catch(
  async (error: unknown) => {
    logger.error('the worker could not start', { error })
    await worker.close()
    process.exit(error instanceof SocketInUseError ? 2 : 1) // another writer: starting again would not help
  },
)
logger.info('worker ready', { reportsDir: env.reportsDir, indexPath: env.indexPath, socket: control.socketPath, version })
process.send?.({ ready: true }) // to the supervisor (scripts/start.mjs)

let stopping = false
const stop = (reason: string) => {
  if (stopping) return // a terminal's Ctrl-C reaches us both directly and through the supervisor
  stopping = true
  logger.info('stopping', { reason })
  void Promise.all([control.close(), worker.close()]).then(() => process.exit(0))
  setTimeout(() => process.exit(0), 10_000).unref()
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stop(signal))
// Started by the supervisor: when it is gone (even by kill -9), this process goes too.
process.on('disconnect', () => stop('the supervisor is gone'))
