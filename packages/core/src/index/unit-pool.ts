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
  /** Places taken and not yet answered. */
  inFlight: number
  /** Places sent and not yet answered, by task id. */
  pending: Map<number, { resolve: (done: { bytes: Uint8Array; indicators: string[] }) => void; reject: (error: Error) => void }>
  /** The thread failed or exited: it is sent nothing more. */
  dead: boolean
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
  private next = 0

  constructor(threads = defaultThreads()) {
    this.slots = Array.from({ length: threads }, () => {
      const worker = new Worker(new URL('./unit-worker.mjs', import.meta.url))
      const slot: Slot = { worker, ready: Promise.resolve(), taught: 0, inFlight: 0, pending: new Map(), dead: false }
      const die = (error: Error): void => {
        slot.dead = true
        for (const waiter of slot.pending.values()) waiter.reject(error)
        slot.pending.clear()
        // Whoever waits for a free thread looks again (and fails if none is left).
        for (const wake of this.waiting.splice(0)) wake()
      }
      slot.ready = new Promise<void>((resolve, reject) => {
        worker.once('error', reject)
        worker.once('exit', (code) => reject(new Error(`a worker thread exited with code ${code} before it was ready`)))
        worker.on('message', (message: UnitDone | { ready: true }) => {
          if ('ready' in message) return resolve()
          const waiter = slot.pending.get(message.id)
          slot.pending.delete(message.id)
          if ('error' in message) waiter?.reject(new Error(`building a place in a worker thread failed: ${message.error}`))
          else waiter?.resolve(message)
        })
      })
      slot.ready.catch(() => {}) // seen by whoever builds; a pool never used must not warn
      worker.on('error', die)
      worker.on('exit', (code) => die(new Error(`a worker thread exited with code ${code}`)))
      return slot
    })
  }

  /** How many builds the pool takes at once. */
  get capacity(): number {
    return this.slots.length * DEPTH
  }

  /** How many more builds the pool takes now without waiting. */
  get idle(): number {
    let idle = 0
    for (const slot of this.slots) if (!slot.dead) idle += DEPTH - slot.inFlight
    return idle
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
        if (slot.dead) return reject(new Error('the worker thread has stopped'))
        slot.pending.set(task.id, { resolve, reject })
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
      const live = this.slots.filter((s) => !s.dead)
      if (live.length === 0) throw new Error('no worker thread is left to build places')
      const slot = live.reduce((a, b) => (b.inFlight < a.inFlight ? b : a))
      if (slot.inFlight < DEPTH) {
        slot.inFlight++
        return slot
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve))
    }
  }
}
