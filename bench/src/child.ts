import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export type Request =
  | { cmd: 'build'; dirs: { dir: string; scope: string }[] }
  | { cmd: 'save'; file: string }
  | { cmd: 'load'; file: string; question: string }
  | { cmd: 'latency'; count: number; budgetMs: number; series: { perKind: number; budgetMs: number } }
  | { cmd: 'quality'; files: { questions: string; series: string; conversations: string } }
  | { cmd: 'filed'; scope: string; dir: string }
  | { cmd: 'serve'; indexPath: string }
  | { cmd: 'questions'; count: number }
  | { cmd: 'memory' }

export type Response = Record<string, unknown>

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url))

export interface WorkerOptions {
  /** V8 old-space limit in MB (large corpora need more than the default). */
  heapMb?: number
  /** Write a V8 CPU profile of the whole child into this folder. */
  cpuProfDir?: string
}

/** A fresh process running worker.ts; each call sends one request and waits for its answer. */
export class Worker {
  private readonly child: ChildProcess
  private readonly ready: Promise<void>
  private next = 0
  private readonly pending = new Map<number, { resolve: (r: Response) => void; reject: (e: Error) => void }>()
  private exit: string | null = null

  constructor(options: WorkerOptions = {}) {
    const execArgv = ['--import', 'tsx']
    if (options.heapMb) execArgv.push(`--max-old-space-size=${options.heapMb}`)
    if (options.cpuProfDir) execArgv.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`)
    this.child = fork(WORKER, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    this.ready = new Promise((resolve, reject) => {
      this.child.on('message', (message: { ready?: boolean; id?: number; result?: Response; error?: string }) => {
        if (message.ready) return resolve()
        const waiter = this.pending.get(message.id!)
        this.pending.delete(message.id!)
        if (message.error !== undefined) waiter?.reject(new Error(message.error))
        else waiter?.resolve(message.result!)
      })
      this.child.on('exit', (code, signal) => {
        this.exit = `worker exited (${signal ?? `code ${code}`})`
        const error = new Error(this.exit)
        reject(error)
        for (const waiter of this.pending.values()) waiter.reject(error)
        this.pending.clear()
      })
    })
  }

  async send<T extends Response = Response>(request: Request): Promise<T> {
    await this.ready
    if (this.exit) throw new Error(this.exit)
    const id = this.next++
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: Response) => void, reject })
      this.child.send({ id, request })
    })
  }

  /** Asks the child to exit (a clean exit, so that --cpu-prof writes its profile) and waits for it. */
  async close(): Promise<void> {
    if (this.exit) return
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()))
    this.child.send({ exit: true })
    await gone
  }
}
