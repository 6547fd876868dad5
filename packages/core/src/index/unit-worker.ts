import { parentPort } from 'node:worker_threads'
import { addWords } from '../text/segmenter.ts'
import type { Report } from '../types.ts'
import { buildUnit } from './place-unit.ts'
import type { UnitTask, UnitDone } from './unit-pool.ts'

/** Builds one place's unit per message, with the words the main thread's segmenter was taught. */
parentPort!.on('message', ({ id, reports, words }: UnitTask & { reports: Report[] }) => {
  try {
    addWords(words)
    const { bytes, indicators } = buildUnit(reports)
    // A copy of its own: a Buffer may share a pooled ArrayBuffer, which cannot be transferred.
    const own = new Uint8Array(bytes)
    parentPort!.postMessage({ id, bytes: own, indicators } satisfies UnitDone, [own.buffer])
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).stack ?? String(error) } satisfies UnitDone)
  }
})
parentPort!.postMessage({ ready: true })
