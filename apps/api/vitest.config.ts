import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Test files share one module cache per worker: core (nodejieba's dictionaries) loads once, not once per file.
    isolate: false,
  },
})
