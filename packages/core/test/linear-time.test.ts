import { fork } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { STAGES, type ProbeMessage } from './linear-time-probe.ts'

/** A stage still running after this long is taken as super-linear (linear ones take seconds). */
const BUDGET_MS = 90_000

/** Runs the probe of one stage in a child process (see linear-time-probe.ts); stops it after `BUDGET_MS`. */
function probe(stage: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./linear-time-probe.ts', import.meta.url), [stage], {
      // gc between runs; room for a 1 MB input's garbage, so that times measure the stage.
      execArgv: ['--import', 'tsx', '--expose-gc', '--single-threaded-gc', '--max-semi-space-size=64'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    let at = 'start'
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      resolve([`still running after ${BUDGET_MS / 1000} s, on ${at}`])
    }, BUDGET_MS)
    child.on('message', (message: ProbeMessage) => {
      if ('at' in message) at = message.at
      else {
        clearTimeout(timer)
        child.kill()
        resolve(message.superLinear)
      }
    })
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
  })
}

describe('every parser stage takes time linear in its input, up to 1 MB of adversarial text', () => {
  // One stage at a time: one core, so that the package's other tests keep theirs.
  it.each(Object.keys(STAGES))('%s', async (stage) => expect(await probe(stage)).toEqual([]), BUDGET_MS + 10_000)
})
