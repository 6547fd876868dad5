import { parentPort } from 'node:worker_threads'
import { isCoreError } from '../errors.ts'
import { parseReports } from '../parse/parse-report.ts'
import { bytesToText } from './read-report-file.ts'
import type { ParseDone, ParseTask } from './parse-thread.ts'

/** Reads one report file per message: bytes -> clean text -> the reports it holds. */
parentPort!.on('message', async ({ id, bytes, source }: ParseTask) => {
  try {
    const reports = parseReports(await bytesToText(bytes, source), source)
    parentPort!.postMessage({ id, reports } satisfies ParseDone)
  } catch (error) {
    const code = isCoreError(error) ? error.code : null
    parentPort!.postMessage({ id, error: { code, message: (error as Error).message } } satisfies ParseDone)
  }
})
parentPort!.postMessage({ ready: true })
