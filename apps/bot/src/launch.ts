import { timingSafeEqual } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Logger } from '@report-qa/core'
import type { Telegraf } from 'telegraf'
import type { UserFromGetMe } from 'telegraf/types'
import type { ReportBot } from './bot.ts'
import { GROUP_MENU, MENU } from './format.ts'

export interface Running {
  /** Resolves when the bot stopped (polling ended or the webhook server closed). */
  readonly done: Promise<void>
  /** The webhook server's port (useful with port 0); null when polling. */
  readonly port: number | null
  /** Stops taking updates, then lets queued messages go out (up to a few seconds). */
  stop(reason?: string): Promise<void>
}

/**
 * Before taking updates: who the bot is (a failure here, such as an unreachable or refusing Bot
 * API, is a failed start), then the command menu (a failure there is only logged).
 */
async function prepare(bot: Telegraf, logger: Logger): Promise<UserFromGetMe> {
  const me = await bot.telegram.getMe()
  bot.botInfo = me
  try {
    await bot.telegram.setMyCommands(MENU)
    await bot.telegram.setMyCommands(GROUP_MENU, { scope: { type: 'all_group_chats' } })
  } catch (error) {
    logger.warn('the command menu could not be set', { error: error instanceof Error ? error.message : String(error) })
  }
  return me
}

/** Long polling: deletes any webhook, then asks getUpdates until stopped. */
export async function startPolling({ bot, outbox }: ReportBot, logger: Logger): Promise<Running> {
  const me = await prepare(bot, logger)
  const done = bot.launch()
  logger.info('bot started', { username: me.username, mode: 'polling' })
  let stopping: Promise<void> | null = null
  return {
    done,
    port: null,
    stop(reason = 'stop') {
      stopping ??= (async () => {
        bot.stop(reason)
        await done.catch(() => {})
        await outbox.idle()
      })()
      return stopping
    },
  }
}

export interface WebhookOptions {
  /** Public URL Telegram posts updates to; its path is the one served. */
  url: string
  /** Checked against the X-Telegram-Bot-Api-Secret-Token header: 401 when it differs. */
  secret: string
  port: number
  host?: string
}

/** Serves `url`'s path on `port`, refusing requests without the secret, and registers the webhook. */
export async function startWebhook({ bot, outbox }: ReportBot, options: WebhookOptions, logger: Logger): Promise<Running> {
  const me = await prepare(bot, logger)
  const path = new URL(options.url).pathname
  const handle = bot.webhookCallback(path)
  const expected = Buffer.from(options.secret)
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (req.method !== 'POST' || url.pathname !== path) return void res.writeHead(404).end()
    const given = Buffer.from(String(req.headers['x-telegram-bot-api-secret-token'] ?? ''))
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      logger.warn('refused a webhook request with a wrong secret', { from: req.socket.remoteAddress })
      return void res.writeHead(401).end()
    }
    req.url = path // telegraf compares the whole URL, query included
    handle(req, res).catch((error: unknown) => {
      logger.error('a webhook update could not be handled', { error: error instanceof Error ? error.message : String(error) })
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => resolve())
  })
  const done = new Promise<void>((resolve) => server.once('close', () => resolve()))
  const port = (server.address() as AddressInfo).port
  try {
    await bot.telegram.setWebhook(options.url, { secret_token: options.secret })
  } catch (error) {
    server.close()
    throw error
  }
  logger.info('bot started', { username: me.username, mode: 'webhook', port })
  let stopping: Promise<void> | null = null
  return {
    done,
    port,
    stop() {
      stopping ??= (async () => {
        server.close()
        server.closeIdleConnections()
        await done
        await outbox.idle()
      })()
      return stopping
    },
  }
}
