#!/usr/bin/env node
// `pnpm ask "<question>"`: pnpm runs this bin (the root package has no "ask" script), so that no
// pnpm banner or ELIFECYCLE line surrounds the answer, and `pnpm ask … --json` prints JSON only.
import process from 'node:process'
import { register } from 'tsx/esm/api'

register()
process.argv.splice(2, 0, 'ask')
await import('../src/cli/main.ts')
