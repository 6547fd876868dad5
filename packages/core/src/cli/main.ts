import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { isCoreError } from '../errors.ts'
import type { Logger } from '../types.ts'
import { parseArgs } from './args.ts'
import { runAsk } from './ask-command.ts'
import { runEval } from './eval-command.ts'
import { runFacts } from './facts-command.ts'
import { runIndex } from './index-command.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..')
const USAGE = `usage:
  pnpm ask "<question>" [--json] [--reports DIR]
  pnpm eval [questions.jsonl ...] [--reports DIR] [--also DIR] [--parse-report]
  pnpm index [--reports DIR] [--index FILE]
  pnpm facts [--place PLACE] [--indicator INDICATOR] [--from YEAR] [--to YEAR] [--level LEVEL] [--csv] [--reports DIR]`

export const stderrLogger: Logger = {
  info: () => {},
  warn: (message, fields) => console.error(`warn: ${message}`, fields ? JSON.stringify(fields) : ''),
  error: (message, fields) => console.error(`error: ${message}`, fields ? JSON.stringify(fields) : ''),
}

const FACT_FLAGS = ['place', 'indicator', 'from', 'to', 'level'] as const

/** A flag's value; a valued flag given without one is an empty string, so that the command refuses it. */
function valueOf(flags: Map<string, string | true>, key: string): string | undefined {
  const value = flags.get(key)
  return value === true ? '' : value
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  const { words, flags } = parseArgs(rest, ['reports', 'index', 'also', ...FACT_FLAGS])
  // pnpm runs scripts from the package folder; paths the user typed are relative to where they were.
  const cwd = process.env.INIT_CWD ?? process.cwd()
  const reports =
    typeof flags.get('reports') === 'string'
      ? path.resolve(cwd, flags.get('reports') as string)
      : path.join(ROOT, 'test-fixtures/reports')
  switch (command) {
    case 'ask':
      return runAsk(words.join(' '), { reportsDir: reports, json: flags.has('json') })
    case 'eval':
      return runEval({
        questions:
          words.length > 0 ? words.map((word) => path.resolve(cwd, word)) : [path.join(ROOT, 'test-fixtures/questions.jsonl')],
        reportsDirs: [
          typeof flags.get('reports') === 'string' ? reports : path.join(ROOT, 'test-fixtures'),
          ...(typeof flags.get('also') === 'string' ? [path.resolve(cwd, flags.get('also') as string)] : []),
        ],
        parseReport: flags.has('parse-report'),
      })
    case 'facts': {
      const [place, indicator, from, to, level] = FACT_FLAGS.map((key) => valueOf(flags, key))
      return runFacts({ reportsDir: reports, place, indicator, from, to, level, csv: flags.has('csv') })
    }
    case 'index':
      return runIndex({
        reportsDir: reports,
        indexPath:
          typeof flags.get('index') === 'string'
            ? path.resolve(cwd, flags.get('index') as string)
            : path.join(ROOT, '.data/index.json'),
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
    console.error(
      isCoreError(error, 'REPORTS_DIR_MISSING')
        ? `error: ${message} (--reports DIR names a folder of .txt and .docx reports)`
        : `error: ${message}`,
    )
    process.exit(1)
  },
)
