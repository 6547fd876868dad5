import { readEnv } from './env.ts'
import { createLogger } from './log.ts'

const logger = createLogger()
let env
try {
  env = readEnv()
} catch (error) {
  logger.error('bad configuration', { error: (error as Error).message })
  process.exit(2)
}

// Loaded after the configuration is checked: core loads its dictionaries on import (seconds).
const { startWorker } = await import('./worker.ts')
const worker = await startWorker({ ...env, logger }).catch((error: unknown) => {
  logger.error('the worker could not start', { error })
  process.exit(1)
})
logger.info('worker ready', { reportsDir: env.reportsDir, indexPath: env.indexPath, debounceMs: env.debounceMs })

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return // a terminal's Ctrl-C reaches us both directly and through the launcher
    stopping = true
    logger.info('stopping', { signal })
    void worker.close().then(() => process.exit(0))
  })
}
