declare module 'autocannon' {
  interface Histogram {
    average: number
    mean: number
    stddev: number
    min: number
    max: number
    p50: number
    p90: number
    p97_5: number
    p99: number
  }
  interface Result {
    requests: Histogram & { total: number }
    latency: Histogram
    errors: number
    timeouts: number
    non2xx: number
    duration: number
  }
  interface RequestSpec {
    method?: string
    path?: string
    setupRequest?: (request: { path?: string }, context: unknown) => { path?: string }
  }
  interface Options {
    url: string
    connections?: number
    duration?: number
    pipelining?: number
    requests?: RequestSpec[]
  }
  function autocannon(options: Options): Promise<Result>
  export default autocannon
  export type { Result, Options }
}
