import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // The end-to-end files each load core (seconds of dictionary loading); sharing modules between
    // files in a worker loads it once per worker. Every file starts and stops its own bot and fake server.
    isolate: false,
  },
})
