import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { openIndex, type ReportIndex } from '@report-qa/core'
import { reportsDir } from '@report-qa/test-fixtures'
import { createBot, type BotDeps } from '../src/bot.ts'
import { startPolling, startWebhook, type Running, type WebhookOptions } from '../src/launch.ts'
import { FakeTelegram } from './fake-telegram.ts'
import { recordingLogger } from './logger.ts'

export const TOKEN = '123456:TEST-token_for-the-fake'

/** An index of `dir` (the fixture reports by default), its artifact in a temp folder that is then removed. */
export async function buildIndex(dir = reportsDir): Promise<ReportIndex> {
  const temp = await mkdtemp(path.join(tmpdir(), 'report-qa-bot-'))
  try {
    return (await openIndex({ reportsDir: dir, indexPath: path.join(temp, 'index.json') })).index
  } finally {
    await rm(temp, { recursive: true, force: true })
  }
}

export interface Harness {
  fake: FakeTelegram
  logger: ReturnType<typeof recordingLogger>
  running: Running
  close(): Promise<void>
}

/** The real bot, polling (or serving a webhook) against a fresh fake Bot API server. */
export async function startHarness(
  index: ReportIndex,
  options: { throttle?: BotDeps['throttle']; webhook?: Omit<WebhookOptions, 'port' | 'host'> } = {},
): Promise<Harness> {
  const fake = await new FakeTelegram().start()
  const logger = recordingLogger()
  const reportBot = createBot({
    token: TOKEN,
    apiRoot: fake.url,
    index: { current: index },
    logger,
    throttle: options.throttle ?? { perChatMs: 20 },
  })
  const running = options.webhook
    ? await startWebhook(reportBot, { ...options.webhook, port: 0, host: '127.0.0.1' }, logger)
    : await startPolling(reportBot, logger)
  return {
    fake,
    logger,
    running,
    async close() {
      await running.stop()
      await fake.close()
    },
  }
}
