import type { Server } from 'node:http'
import { createAdaptorServer } from '@hono/node-server'
import { openIndex, watchIndex } from '@report-qa/core'
import { createApp } from './app.ts'
import { EnvError, readEnv } from './env.ts'
import { createConsoleLogger } from './logger.ts'
import { listenEncodingRawUrls } from './raw-utf8-urls.ts'

const logger = createConsoleLogger()

let env
try {
  env = readEnv()
} catch (error) {
  if (!(error instanceof EnvError)) throw error
  console.error(`report-qa api: ${error.message}`)
  process.exit(1)
}

const { index } = await openIndex({ reportsDir: env.reportsDir, indexPath: env.indexPath, logger })
const live = watchIndex(env.indexPath, index, { logger })
const app = createApp({ index: live, reportsDir: env.reportsDir, indexPath: env.indexPath, adminToken: env.adminToken, logger })

const http = createAdaptorServer({ fetch: app.fetch }) as Server
const server = listenEncodingRawUrls(http, env.port, (port) => {
  const { reports, paragraphs } = live.current.stats()
  const ms = Math.round(process.uptime() * 1000)
  console.log(`report-qa api on http://localhost:${port} · ${reports} reports, ${paragraphs} paragraphs · ready in ${ms} ms`)
})

let stopping = false
function stop(signal: string) {
  if (stopping) return
  stopping = true
  logger.info('stopping', { signal })
  live.close()
  server.close(() => process.exit(0))
  setTimeout(() => process.exit(0), 5000).unref()
}
process.on('SIGINT', () => stop('SIGINT'))
process.on('SIGTERM', () => stop('SIGTERM'))
