/**
 * Purges by surrogate key in the Varnish caches in front of the instances (`VARNISH_PURGE_URLS`,
 * deploy/varnish/default.vcl): `PURGE` with the keys in an `xkey` header. The instance that made a
 * change sends it; other instances hear of it over the purge bus but do not repeat it.
 *
 * A save never waits for Varnish: keys are queued per Varnish and sent at once (one request in
 * flight per Varnish, keys of the same moment in one request), each request bounded by a timeout.
 * A failed purge keeps its keys and is retried (1 s, doubling up to 30 s), logged once per outage.
 * Every purge is sent again `repurgeMs` later: a fetch that began before the change committed and
 * ended after the first purge would otherwise stay cached until its `s-maxage`.
 */
import type { Purge } from './bus'

// Varnish's default limit for one request header is 8 KB; keys are sent in headers below it.
const MAX_HEADER_CHARS = 6 * 1024
// Keys waiting for one Varnish; beyond this, "everything" is cheaper to send and to remember.
const MAX_PENDING_KEYS = 10_000
/** The key deploy/varnish/default.vcl adds to every object. */
export const ALL_KEY = 'newsroom-all'

export type VarnishPurgerOptions = {
  timeoutMs?: number
  repurgeMs?: number
  log?: (message: string) => void
}

/** `VARNISH_PURGE_URLS`: http(s) URLs separated by commas or spaces; a malformed one stops the start. */
export function varnishPurgeUrls(value = process.env.VARNISH_PURGE_URLS): string[] {
  const urls = (value ?? '').split(/[\s,]+/).filter(Boolean)
  for (const url of urls) {
    let parsed: URL | undefined
    try {
      parsed = new URL(url)
    } catch {
      // reported below
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol))
      throw new Error(`VARNISH_PURGE_URLS: "${url}" is not an http(s) URL`)
  }
  return urls
}

type Target = { url: string; keys: Set<string>; sending: boolean; failures: number }

export class VarnishPurger {
  private readonly targets: Target[]
  private readonly timeoutMs: number
  private readonly repurgeMs: number
  private readonly log: (message: string) => void
  private readonly timers = new Set<NodeJS.Timeout>()

  constructor(urls: string[], options: VarnishPurgerOptions = {}) {
    this.targets = urls.map((url) => ({ url, keys: new Set(), sending: false, failures: 0 }))
    this.timeoutMs = options.timeoutMs ?? 2000
    this.repurgeMs = options.repurgeMs ?? 2000
    this.log = options.log ?? ((message) => console.error(message))
  }

  /** Queues the keys for every Varnish and returns at once. */
  purge(purge: Purge): void {
    this.enqueue(purge)
    if (this.repurgeMs > 0) this.later(() => this.enqueue(purge), this.repurgeMs)
  }

  /** Resolves once nothing is queued or in flight (bounded by `ms`): for shutdown and tests. */
  async drain(ms = 3000): Promise<boolean> {
    const until = Date.now() + ms
    while (this.targets.some((t) => t.keys.size || t.sending)) {
      if (Date.now() > until) return false
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    return true
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }

  private later(work: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      work()
    }, ms)
    timer.unref()
    this.timers.add(timer)
  }

  private enqueue(purge: Purge): void {
    for (const target of this.targets) {
      if (purge === 'all' || target.keys.size + purge.length > MAX_PENDING_KEYS)
        target.keys = new Set([ALL_KEY])
      else if (!target.keys.has(ALL_KEY)) for (const key of purge) target.keys.add(key)
      if (!target.failures) void this.send(target)
    }
  }

  private async send(target: Target): Promise<void> {
    if (target.sending || !target.keys.size) return
    target.sending = true
    const keys = [...target.keys]
    target.keys = new Set()
    try {
      for (const header of headersOf(keys)) {
        const response = await fetch(target.url, {
          method: 'PURGE',
          headers: { xkey: header },
          signal: AbortSignal.timeout(this.timeoutMs),
        })
        await response.arrayBuffer()
        if (response.status !== 200) throw new Error(`HTTP ${response.status}`)
      }
      if (target.failures) this.log(`cache: Varnish ${target.url} purges again`)
      target.failures = 0
    } catch (error) {
      // Kept for the retry; a purge of everything meanwhile covers them.
      if (!target.keys.has(ALL_KEY)) for (const key of keys) target.keys.add(key)
      if (!target.failures)
        this.log(
          `cache: cannot purge Varnish ${target.url} (${(error as Error).message}); retrying`,
        )
      target.failures++
      this.later(() => void this.send(target), Math.min(1000 * 2 ** (target.failures - 1), 30_000))
    } finally {
      target.sending = false
    }
    // Keys queued while this request was out go in the next one.
    if (!target.failures && target.keys.size) void this.send(target)
  }
}

/** Keys joined by spaces into headers of at most MAX_HEADER_CHARS (a longer key is cut off by Varnish anyway). */
function headersOf(keys: string[]): string[] {
  const headers: string[] = []
  let current = ''
  for (const key of keys) {
    if (current && current.length + 1 + key.length > MAX_HEADER_CHARS) {
      headers.push(current)
      current = ''
    }
    current = current ? `${current} ${key}` : key
  }
  if (current) headers.push(current)
  return headers
}
