import net from 'node:net'
import { saveIndex } from '../index/artifact.ts'
import { ReportIndex } from '../index/report-index.ts'
import { syncIndex } from '../index/sync.ts'
import { writerSocketPath } from '../index/writer-socket.ts'

/** One-shot build of the artifact, with progress on a terminal; refused while a worker writes it (one writer). */
export async function runIndex(options: { reportsDir: string; indexPath: string }): Promise<number> {
  if (await writerAnswers(writerSocketPath(options.indexPath))) {
    console.error(
      `error: the index worker writes ${options.indexPath}; ask it with POST /admin/reindex, or stop the service first`,
    )
    return 1
  }
  const started = performance.now()
  const index = new ReportIndex()
  let bytesDone = 0
  const tty = process.stderr.isTTY
  const result = await syncIndex(index, options.reportsDir, {
    onProgress(done, total, bytes) {
      bytesDone += bytes
      if (!tty) return
      const mbps = bytesDone / 1e6 / ((performance.now() - started) / 1000)
      process.stderr.write(`\r${done}/${total} files · ${mbps.toFixed(1)} MB/s   `)
    },
  })
  if (tty) process.stderr.write('\n')
  const size = await saveIndex(index, options.indexPath)
  const stats = index.stats()
  const seconds = (performance.now() - started) / 1000
  console.log(
    `indexed ${stats.reports} reports, ${stats.paragraphs} paragraphs from ${stats.sources} files ` +
      `(${(bytesDone / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s, ${(bytesDone / 1e6 / seconds).toFixed(1)} MB/s); ` +
      `${result.failed.length} skipped; artifact ${options.indexPath} ${(size / 1e6).toFixed(1)} MB`,
  )
  for (const { source, error } of result.failed) console.log(`  skipped ${source}: ${error}`)
  return 0
}

function writerAnswers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(socketPath)
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })
}
