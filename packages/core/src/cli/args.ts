/** Minimal argv parsing: positional words and `--flag` / `--key value` options. */
export function parseArgs(argv: string[], valued: string[]): { words: string[]; flags: Map<string, string | true> } {
  const words: string[] = []
  const flags = new Map<string, string | true>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (!arg.startsWith('--')) {
      words.push(arg)
      continue
    }
    const [key, inline] = arg.slice(2).split('=', 2) as [string, string | undefined]
    if (inline !== undefined) flags.set(key, inline)
    else if (valued.includes(key)) flags.set(key, argv[++i] ?? '')
    else flags.set(key, true)
  }
  return { words, flags }
}
