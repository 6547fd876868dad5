import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { addedWords } from '../text/segmenter.ts'
import type { Report } from '../types.ts'

export interface UnitTask {
  id: number
  reports: Report[]
  /** Words taught to the main thread's segmenter since this worker was last sent any. */
  words: string[]
}

export type UnitDone = { id: number; bytes: Uint8Array; indicators: string[] } | { id: number; error: string }

interface Slot {
  worker: Worker
  ready: Promise<void>
  /** How many of `addedWords()` this worker has been taught. */
  taught: number
  /** Places sent and not yet answered. */
  inFlight: number
}

/** Places a thread is sent ahead, so that it has the next one while its answer waits to be read. */
const DEPTH = 2

/** Threads for building units beside the one that syncs: one per core but one, at most four. */
export function defaultThreads(): number {
  return Math.min(4, Math.max(1, availableParallelism() - 1))
}

/**
 * Builds place units (tokenize, index, serialize) in worker threads. Each thread loads its own
 * segmenter dictionary (about 1 s and 300 MB), so a pool pays off for large builds only.
 */
export class UnitPool {
  private readonly slots: Slot[]
  private readonly waiting: (() => void)[] = []
  private readonly pending = new Map<number, { resolve: (done: { bytes: Uint8Array; indicators: string[] }) => void; reject: (error: Error) => void }>()
  private next = 0

  constructor(threads = defaultThreads()) {
    this.slots = Array.from({ length: threads }, () => {
      const worker = new Worker(new URL('./unit-worker.mjs', import.meta.url))
      const ready = new Promise<void>((resolve, reject) => {
        worker.once('error', reject)
        worker.on('message', (message: UnitDone | { ready: true }) => {
          if ('ready' in message) return resolve()
          const waiter = this.pending.get(message.id)
          this.pending.delete(message.id)
          if ('error' in message) waiter?.reject(new Error(`building a place in a worker thread failed: ${message.error}`))
          else waiter?.resolve(message)
        })
      })
      worker.on('error', (error) => {
        for (const waiter of this.pending.values()) waiter.reject(error)
        this.pending.clear()
      })
      return { worker, ready, taught: 0, inFlight: 0 }
    })
  }

  /** How many builds the pool takes at once. */
  get capacity(): number {
    return this.slots.length * DEPTH
  }

  /** The serialized unit of `reports` and the indicators they name, built by a free thread. */
  async build(reports: Report[]): Promise<{ bytes: Uint8Array; indicators: string[] }> {
    const slot = await this.free()
    try {
      await slot.ready
      const words = addedWords()
      const task: UnitTask = { id: this.next++, reports, words: words.slice(slot.taught) }
      slot.taught = words.length
      return await new Promise((resolve, reject) => {
        this.pending.set(task.id, { resolve, reject })
        slot.worker.postMessage(task)
      })
    } finally {
      slot.inFlight--
      this.waiting.shift()?.()
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()))
  }

  private async free(): Promise<Slot> {
    for (;;) {
      const slot = this.slots.reduce((a, b) => (b.inFlight < a.inFlight ? b : a))
      if (slot.inFlight < DEPTH) {
        slot.inFlight++
        return slot
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve))
    }
  }
}
