import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Real nodejieba, real indexes over the fixtures: slower than unit tests, never timed.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file loads nodejieba's dictionary (seconds): run at least two files at a time, even on two cores.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
})
