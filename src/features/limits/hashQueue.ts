/**
 * A small bounded queue for password hashing. PBKDF2 runs on libuv's thread pool (4 threads by
 * default), which file reads, DNS and zlib share: hashes from many clients at once would make
 * every other request wait. At most `concurrency` jobs run at a time; at most `maxQueued` wait,
 * and a job beyond that is refused at once (the caller answers 429 with Retry-After).
 */
export class QueueFullError extends Error {
  constructor(readonly retryAfter: number) {
    super('Too many logins are being checked right now.')
  }
}

export type HashQueue = {
  run<T>(job: () => Promise<T>): Promise<T>
  /** Jobs running and waiting now. */
  readonly size: number
}

export function hashQueue({ concurrency = 1, maxQueued = 16 } = {}): HashQueue {
  let running = 0
  const waiting: Array<() => void> = []
  // the last job's duration, for an honest Retry-After
  let lastMs = 500
  const next = () => {
    if (running >= concurrency) return
    const start = waiting.shift()
    if (start) {
      running++
      start()
    }
  }
  return {
    get size() {
      return running + waiting.length
    },
    run(job) {
      if (running >= concurrency && waiting.length >= maxQueued)
        return Promise.reject(
          new QueueFullError(
            Math.max(1, Math.ceil(((waiting.length + 1) * lastMs) / concurrency / 1000)),
          ),
        )
      return new Promise((resolve, reject) => {
        waiting.push(() => {
          const started = performance.now()
          job()
            .then(resolve, reject)
            .finally(() => {
              lastMs = performance.now() - started
              running--
              next()
            })
        })
        next()
      })
    },
  }
}
