// The parts of autocannon's programmatic API that bench/read.ts uses (it ships no types).
declare module 'autocannon' {
  type Request = { method?: string; path?: string; body?: string; headers?: Record<string, string> }
  type Options = Request & {
    url: string
    connections?: number
    duration?: number
    timeout?: number
    requests?: Request[]
  }
  type Histogram = {
    average: number
    mean: number
    total: number
    p50: number
    p99: number
    max: number
  }
  type Result = {
    requests: Histogram
    latency: Histogram
    errors: number
    timeouts: number
    non2xx: number
  }
  export default function autocannon(options: Options): Promise<Result>
}
