import { Worker } from 'node:worker_threads'
import { CoreError, type CoreErrorCode } from '../errors.ts'
import { parseReports } from '../parse/parse-report.ts'
import type { Report } from '../types.ts'
import { bytesToText } from './read-report-file.ts'

/** Reads a report file's bytes into the reports it holds (`source`: its name under the reports folder). */
export type ParseFile = (bytes: Uint8Array, source: string) => Promise<Report[]>

/** In this thread: for the CLI and tests, where nothing else waits on the event loop. */
export const parseInThisThread: ParseFile = async (bytes, source) => parseReports(await bytesToText(bytes, source), source)

export interface ParseLimits {
  /** Longest one file may take to read. */
  timeoutMs: number
  /** Heap one file may take to read (V8's old generation of the thread). */
  memoryMb: number
}

/** A province's report reads in well under a second and 100 MB. */
export const PARSE_LIMITS: ParseLimits = { timeoutMs: 30_000, memoryMb: 512 }

export interface ParseTask {
  id: number
  bytes: Uint8Array
  source: string
}

export type ParseDone = { id: number; reports: Report[] } | { id: number; error: { code: CoreErrorCode | null; message: string } }

/**
 * Reads report files in a worker thread, one at a time, so that a hostile file cannot hold the
 * event loop of the process that serves or rebuilds: a file that takes longer than `timeoutMs`, or
 * more heap than `memoryMb`, is refused with REPORT_TOO_LARGE and its thread replaced by a fresh
 * one for the next file. Every other failure keeps its CoreError code (REPORT_UNREADABLE …).
 */
export class ParseThread {
  private readonly limits: ParseLimits
  private worker: Worker | null = null
  private ready: Promise<void> | null = null
  private tail: Promise<unknown> = Promise.resolve()
  private next = 0
  private closed = false

  constructor(limits: Partial<ParseLimits> = {}) {
    this.limits = { ...PARSE_LIMITS, ...limits }
  }

  /** The reports `bytes` hold; files are read in the order asked. */
  readonly parse: ParseFile = (bytes, source) => {
    const run = this.tail.then(() => this.run(bytes, source))
    this.tail = run.catch(() => {})
    return run
  }

  async close(): Promise<void> {
    this.closed = true
    await this.stop()
  }

  private async run(bytes: Uint8Array, source: string): Promise<Report[]> {
    if (this.closed) throw new Error('the parse thread is closed')
    const worker = await this.start()
    const id = this.next++
    const { timeoutMs, memoryMb } = this.limits
    return new Promise<Report[]>((resolve, reject) => {
      const settle = (outcome: () => void) => {
        clearTimeout(timer)
        worker.off('message', onMessage).off('error', onError).off('exit', onExit)
        outcome()
      }
      const fail = (code: CoreErrorCode, message: string, cause?: unknown) => {
        void this.stop() // a thread stopped half-way is not used again
        settle(() => reject(new CoreError(code, `${source}: ${message}`, { cause })))
      }
      const onMessage = (done: ParseDone) => {
        if (done.id !== id) return
        if ('reports' in done) return settle(() => resolve(done.reports))
        settle(() => reject(new CoreError(done.error.code ?? 'REPORT_UNREADABLE', done.error.message)))
      }
      const onError = (error: Error & { code?: string }) =>
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? fail('REPORT_TOO_LARGE', `needed more than ${memoryMb} MB to read`, error)
          : fail('REPORT_UNREADABLE', 'could not be read: its reading thread failed', error)
      const onExit = () => fail('REPORT_UNREADABLE', 'could not be read: its reading thread stopped')
      const timer = setTimeout(() => fail('REPORT_TOO_LARGE', `took longer than ${timeoutMs / 1000} s to read`), timeoutMs)
      worker.on('message', onMessage).on('error', onError).on('exit', onExit)
      const copy = new Uint8Array(bytes) // its own buffer, handed over without a second copy
      worker.postMessage({ id, bytes: copy, source } satisfies ParseTask, [copy.buffer])
    })
  }

  /** The thread, started if there is none (it loads the parser: a few hundred ms). */
  private async start(): Promise<Worker> {
    if (!this.worker) {
      const worker = new Worker(new URL('./parse-worker.mjs', import.meta.url), {
        resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb },
      })
      worker.unref() // an idle thread keeps no process alive
      this.worker = worker
      this.ready = new Promise<void>((resolve, reject) => {
        const onReady = (message: unknown) => {
          if ((message as { ready?: boolean }).ready) resolve()
        }
        worker.on('message', onReady)
        worker.once('error', reject)
        worker.once('exit', (code) => reject(new Error(`the parse thread exited with code ${code} before it was ready`)))
      })
      this.ready.catch(() => {})
    }
    try {
      await this.ready
    } catch (cause) {
      await this.stop()
      throw new CoreError('REPORT_UNREADABLE', 'the parse thread could not start', { cause })
    }
    return this.worker!
  }

  private async stop(): Promise<void> {
    const worker = this.worker
    this.worker = null
    this.ready = null
    await worker?.terminate()
  }
}
