import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { openIndex, ReportIndex, syncIndex } from '@report-qa/core'
import { reportsDir, sharedDir } from '@report-qa/test-fixtures'
import { createBot, type BotDeps } from '../src/bot.ts'
import { startPolling, startWebhook, type Running, type WebhookOptions } from '../src/launch.ts'
import { FakeTelegram, type Chat } from './fake-telegram.ts'
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

/**
 * The sample reports and the city reports of the shared corpus (驻马店市 and 保定市 over the years),
 * in one index. The shared folder is beside the repository, as CI has it; without it this throws.
 */
export async function buildSharedIndex(): Promise<ReportIndex> {
  if (!sharedDir) throw new Error('../shared/corpus is not beside the repository: these tests ask about its city reports')
  const index = new ReportIndex()
  await syncIndex(index, reportsDir, { scope: 'reports' })
  await syncIndex(index, path.join(sharedDir, 'corpus/city'), { scope: 'city' })
  return index
}

export { manualClock } from './clock.ts'

export interface Harness {
  fake: FakeTelegram
  logger: ReturnType<typeof recordingLogger>
  running: Running
  close(): Promise<void>
}

/** The real bot, polling (or serving a webhook) against a fresh fake Bot API server. */
export async function startHarness(
  index: ReportIndex,
  options: Pick<BotDeps, 'throttle' | 'now' | 'questionsPerMinute' | 'chartFont'> & {
    webhook?: Omit<WebhookOptions, 'port' | 'host'>
  } = {},
): Promise<Harness> {
  const { webhook, ...deps } = options
  const fake = await new FakeTelegram().start()
  const logger = recordingLogger()
  const reportBot = createBot({
    token: TOKEN,
    apiRoot: fake.url,
    index: { current: index },
    logger,
    ...deps,
    throttle: deps.throttle ?? { perChatMs: 20 },
  })
  const running = webhook
    ? await startWebhook(reportBot, { ...webhook, port: 0, host: '127.0.0.1' }, logger)
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

/** Someone writes `text` in `chat`; resolves with the bot's next message to that chat. */
export async function nextReply(
  fake: FakeTelegram,
  chat: Chat,
  text: string,
  options: Parameters<FakeTelegram['say']>[2] = {},
): Promise<FakeTelegram['sent'][number]> {
  const before = fake.sent.length
  fake.say(chat, text, options)
  return fake.waitFor(() => fake.sent.slice(before).find((m) => m.chat.id === chat.id))
}
