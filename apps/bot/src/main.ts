import { isCoreError, openIndex, watchIndex, type Logger } from '@report-qa/core'
import { createBot } from './bot.ts'
import { EnvError, readEnv } from './env.ts'
import { startPolling, startWebhook } from './launch.ts'

const logger: Logger = {
  info: (message, fields) => console.log(`info: ${message}`, fields ? JSON.stringify(fields) : ''),
  warn: (message, fields) => console.error(`warn: ${message}`, fields ? JSON.stringify(fields) : ''),
  error: (message, fields) => console.error(`error: ${message}`, fields ? JSON.stringify(fields) : ''),
}

async function main(): Promise<number> {
  const env = readEnv()
  const { index, sync } = await openIndex({ reportsDir: env.reportsDir, indexPath: env.indexPath, logger })
  logger.info('index ready', { ...index.stats(), added: sync.added.length, indexPath: env.indexPath })
  const live = watchIndex(env.indexPath, index, { logger })
  const reportBot = createBot({ token: env.token, apiRoot: env.apiRoot, index: live, logger })
  const running = env.webhook
    ? await startWebhook(reportBot, { url: env.webhook.url, secret: env.webhook.secret, port: env.webhook.port }, logger)
    : await startPolling(reportBot, logger)
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
  return 0
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    // One sentence for what the operator can fix; never a stack trace.
    if (error instanceof EnvError || isCoreError(error)) console.error(error.message)
    else console.error(`The bot stopped: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  },
)
