// Saves an index of the reports folder argv[2] to the artifact argv[3], as a writer would; exits 1
// with the error's code and message on stderr when the save fails. Run by artifact-faults.test.ts
// under a file-size limit, so that its writes come up short and then fail, as on a full disk.
import { ReportIndex, saveIndex, syncIndex } from '../src/index.ts'

const index = new ReportIndex()
await syncIndex(index, process.argv[2]!)
try {
  await saveIndex(index, process.argv[3]!)
} catch (error) {
  process.stderr.write(`${(error as { code?: string }).code}: ${(error as Error).message}\n`)
  process.exit(1)
}
