import type { Logger } from '@report-qa/core'
import { EnvError, readEnv, type BotEnv } from './env.ts'

const logger: Logger = {
  info: (message, fields) => console.log(`info: ${message}`, fields ? JSON.stringify(fields) : ''),
  warn: (message, fields) => console.error(`warn: ${message}`, fields ? JSON.stringify(fields) : ''),
  error: (message, fields) => console.error(`error: ${message}`, fields ? JSON.stringify(fields) : ''),
}

async function main(env: BotEnv): Promise<void> {
  // Loaded after the environment checked out: core's dictionaries take seconds to load.
  const { openIndex, watchIndex } = await import('@report-qa/core')
  const { createBot } = await import('./bot.ts')
  const { startPolling, startWebhook } = await import('./launch.ts')

  const { index, sync } = await openIndex({ reportsDir: env.reportsDir, indexPath: env.indexPath, logger })
  logger.info('index ready', { ...index.stats(), added: sync.added.length, indexPath: env.indexPath })
  const live = watchIndex(env.indexPath, index, { logger })
  const reportBot = createBot({ token: env.token, apiRoot: env.apiRoot, index: live, logger })
  const starting = env.webhook ? startWebhook(reportBot, env.webhook, logger) : startPolling(reportBot, logger)
  const running = await starting.catch((error: unknown) => {
    live.close() // a failed start: the open watcher would keep the process from exiting
    throw error
  })
  const stop = (signal: NodeJS.Signals) => {
    logger.info('stopping', { signal })
    void running.stop(signal)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  try {
    await running.done
  } finally {
    await running.stop()
    live.close()
  }
  logger.info('bot stopped')
}

/** One sentence for the operator, never a stack trace. */
function fail(error: unknown): void {
  const coreError = error instanceof Error && error.name === 'CoreError'
  console.error(
    error instanceof EnvError || coreError
      ? error.message
      : `The bot stopped: ${error instanceof Error ? error.message : String(error)}`,
  )
  process.exitCode = 1
}

try {
  await main(readEnv())
} catch (error) {
  fail(error)
}
