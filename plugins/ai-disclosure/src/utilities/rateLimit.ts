/**
 * An in-memory sliding-window rate limiter (per process). Each key keeps the timestamps of its
 * hits inside the window; stale keys are pruned as the map grows.
 */
export type RateLimiter = {
  /** Records a hit for the key; returns false when the key is over the limit. */
  hit: (key: string, now?: number) => boolean
  reset: () => void
}

export const createRateLimiter = ({
  max,
  window,
}: {
  max: number
  window: number
}): RateLimiter => {
  const hits = new Map<string, number[]>()
  let lastPrune = 0

  const prune = (now: number): void => {
    if (hits.size < 1000 && now - lastPrune < window) {
      return
    }
    lastPrune = now
    for (const [key, times] of hits) {
      if (!times.length || times[times.length - 1]! <= now - window) {
        hits.delete(key)
      }
    }
  }

  return {
    hit: (key, now = Date.now()) => {
      prune(now)
      const recent = (hits.get(key) ?? []).filter((time) => time > now - window)
      if (recent.length >= max) {
        hits.set(key, recent)
        return false
      }
      recent.push(now)
      hits.set(key, recent)
      return true
    },
    reset: () => hits.clear(),
  }
}
