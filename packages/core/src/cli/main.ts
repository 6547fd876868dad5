import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { isCoreError } from '../errors.ts'
import type { Logger } from '../types.ts'
import { parseArgs } from './args.ts'
import { runAsk } from './ask-command.ts'
import { runEval } from './eval-command.ts'
import { runIndex } from './index-command.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..')
const USAGE = `usage:
  pnpm ask "<question>" [--json] [--reports DIR]
  pnpm eval [questions.jsonl] [--reports DIR] [--also DIR] [--parse-report]
  pnpm index [--reports DIR] [--index FILE]`

export const stderrLogger: Logger = {
  info: () => {},
  warn: (message, fields) => console.error(`warn: ${message}`, fields ? JSON.stringify(fields) : ''),
  error: (message, fields) => console.error(`error: ${message}`, fields ? JSON.stringify(fields) : ''),
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  const { words, flags } = parseArgs(rest, ['reports', 'index', 'also'])
  // pnpm runs scripts from the package folder; paths the user typed are relative to where they were.
  const cwd = process.env.INIT_CWD ?? process.cwd()
  const reports = typeof flags.get('reports') === 'string' ? path.resolve(cwd, flags.get('reports') as string) : path.join(ROOT, 'test-fixtures/reports')
  switch (command) {
    case 'ask':
      return runAsk(words.join(' '), { reportsDir: reports, json: flags.has('json') })
    case 'eval':
      return runEval({
        questions: words[0] ? path.resolve(cwd, words[0]) : path.join(ROOT, 'test-fixtures/questions.jsonl'),
        reportsDirs: [
          typeof flags.get('reports') === 'string' ? reports : path.join(ROOT, 'test-fixtures'),
          ...(typeof flags.get('also') === 'string' ? [path.resolve(cwd, flags.get('also') as string)] : []),
        ],
        parseReport: flags.has('parse-report'),
      })
    case 'index':
      return runIndex({
        reportsDir: reports,
        indexPath: typeof flags.get('index') === 'string' ? path.resolve(cwd, flags.get('index') as string) : path.join(ROOT, '.data/index.json'),
      })
    default:
      console.error(USAGE)
      return 2
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // One sentence, never a stack trace: what went wrong, and for a missing folder, what to pass.
    const message = error instanceof Error ? error.message : String(error)
    console.error(isCoreError(error, 'REPORTS_DIR_MISSING') ? `error: ${message} (--reports DIR names a folder of .txt and .docx reports)` : `error: ${message}`)
    process.exit(1)
  },
)
