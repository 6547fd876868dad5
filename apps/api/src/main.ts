import { readFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { createAdaptorServer } from '@hono/node-server'
import { createLogger } from '@report-qa/core/log'
import { EnvError, readEnv } from './env.ts'

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version

let env
try {
  env = readEnv()
} catch (error) {
  if (!(error instanceof EnvError)) throw error
  createLogger({ app: 'api' }).error('bad configuration', { error: error.message })
  process.exit(2)
}
const logger = createLogger({ app: 'api', format: env.logFormat })

// Loaded after the configuration is checked: core loads its dictionaries on import (seconds).
const { isCoreError, loadIndex, ReportIndex, watchIndex, writerSocketPath } = await import('@report-qa/core')
const { createApp } = await import('./app.ts')
const { guardConnections, CONNECTION_LIMITS } = await import('./connections.ts')
const { createWriterClient } = await import('./writer-client.ts')

// The API only reads the artifact; the worker writes it. Without one yet, it serves an empty index
// (and /healthz says why) until the worker's artifact appears.
let loaded = true
let index: InstanceType<typeof ReportIndex>
try {
  index = await loadIndex(env.indexPath)
} catch (error) {
  if (!isCoreError(error)) throw error
  logger.warn('no index to serve yet; waiting for the index worker to write one', {
    indexPath: env.indexPath,
    reason: error.message,
  })
  index = new ReportIndex()
  loaded = false
  await mkdir(path.dirname(env.indexPath), { recursive: true }).catch(() => {}) // so that the folder can be watched
}
const live = watchIndex(env.indexPath, index, { logger, onReload: () => void (loaded = true) })
const writer = createWriterClient({ socketPath: writerSocketPath(env.indexPath) })
const app = createApp({
  index: live,
  reportsDir: env.reportsDir,
  indexPath: env.indexPath,
  adminToken: env.adminToken,
  logger,
  writer,
  artifactLoaded: () => loaded,
  version,
  rateLimit: env.ratePerMinute > 0 ? { perMinute: env.ratePerMinute } : undefined,
  trustProxy: env.trustProxy,
})

// Node checks its request timeouts once a second rather than every 30 s.
const server = createAdaptorServer({ fetch: app.fetch, serverOptions: { connectionsCheckingInterval: 1000 } }) as Server
guardConnections(server, {
  ...CONNECTION_LIMITS,
  maxConnections: env.maxConnections,
  maxPerClient: env.trustProxy ? 0 : CONNECTION_LIMITS.maxPerClient,
})
server.listen(env.port, () => {
  const { port } = server.address() as AddressInfo
  const { reports, paragraphs } = live.current.stats()
  logger.info(`report-qa api on http://localhost:${port}`, {
    reports,
    paragraphs,
    readyMs: Math.round(process.uptime() * 1000),
    version,
  })
})

let stopping = false
function stop(signal: string) {
  if (stopping) return
  stopping = true
  logger.info('stopping', { signal })
  live.close()
  writer.close()
  server.close(() => process.exit(0))
  server.closeIdleConnections()
  setTimeout(() => process.exit(0), 5000).unref()
}
process.on('SIGINT', () => stop('SIGINT'))
process.on('SIGTERM', () => stop('SIGTERM'))
