import { createLogger } from '@report-qa/core/log'
import { EnvError, readEnv, type BotEnv } from './env.ts'

async function main(env: BotEnv): Promise<void> {
  const logger = createLogger({ app: 'bot', format: env.logFormat })
  // Loaded after the environment checked out: core's dictionaries take seconds to load.
  const { isCoreError, loadIndex, ReportIndex, watchIndex } = await import('@report-qa/core')
  const { createBot } = await import('./bot.ts')
  const { startPolling, startWebhook } = await import('./launch.ts')

  // The bot reads the artifact the worker writes (pnpm start runs it); it writes nothing itself.
  let index
  try {
    index = await loadIndex(env.indexPath)
    logger.info('index ready', { ...index.stats(), indexPath: env.indexPath })
  } catch (error) {
    if (!isCoreError(error)) throw error
    logger.warn('no index to answer from yet; waiting for the index worker (pnpm start) to write one', {
      indexPath: env.indexPath,
    })
    index = new ReportIndex()
  }
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
