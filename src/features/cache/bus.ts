/**
 * The purge bus: one per process, kept on the shared Payload (`processState`), because
 * `src/server/serve.ts` and Next's bundle load separate copies of this module. Payload hooks in
 * either copy call `purgeBus(req.payload).purge(tags)`; the response cache in the Express layer listens.
 *
 * Other processes (a second instance, `npm run seed` while the server runs) reach the listeners
 * through Redis pub/sub when `REDIS_URL` is set; without Redis, through a purge journal beside the
 * SQLite file (appended lines `<instance> <tag> <tag>…`, read by every server before it serves
 * from its cache). The process that made a change also purges the Varnish caches in front
 * (`VARNISH_PURGE_URLS`, ./varnish.ts).
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import type { Redis } from 'ioredis'
import type { Payload } from 'payload'

import { defaultDatabaseFile } from '../../database/file'
import { processState } from '../../server/payload'
import { VarnishPurger, varnishPurgeUrls } from './varnish'

/** `'all'` empties every cache (e.g. after missed messages). */
export type Purge = string[] | 'all'
export type PurgeListener = (purge: Purge) => void

export const REDIS_CHANNEL = 'newsroom:cache:purge'
// Beyond this size the next writer starts the journal afresh; readers then empty their caches once.
const JOURNAL_MAX_BYTES = 4 * 1024 * 1024

/** The journal file for a SQLite file database; none for PostgreSQL, MongoDB or `:memory:`. */
export function journalPath(uri = process.env.DATABASE_URI): string | undefined {
  if (!uri) return `${defaultDatabaseFile()}.cache-purges`
  return uri.startsWith('file:')
    ? `${path.resolve(uri.slice('file:'.length))}.cache-purges`
    : undefined
}

class Journal {
  private offset = 0
  // Read through an open descriptor: fstat before every cache hit costs half of a stat by path.
  private fd?: number

  constructor(
    private readonly file: string,
    private readonly instance: string,
  ) {
    this.offset = this.open()?.size ?? 0
  }

  /** Opens (creating) the journal; undefined when its folder is not there (yet). */
  private open(): fs.Stats | undefined {
    try {
      this.fd = fs.openSync(this.file, 'a+')
      return fs.fstatSync(this.fd)
    } catch {
      this.fd = undefined
      return undefined
    }
  }

  /** The journal's current size; reopens it when it was deleted (and maybe created anew). */
  private size(): number {
    if (this.fd === undefined) return this.open()?.size ?? 0
    const stat = fs.fstatSync(this.fd)
    if (stat.nlink > 0) return stat.size
    fs.closeSync(this.fd)
    this.offset = Infinity // a new file: read() starts over, as after a truncation
    return this.open()?.size ?? 0
  }

  append(purge: Purge): void {
    const line = `${this.instance} ${purge === 'all' ? '*' : purge.join(' ')}\n`
    try {
      if ((fs.statSync(this.file, { throwIfNoEntry: false })?.size ?? 0) > JOURNAL_MAX_BYTES)
        fs.truncateSync(this.file, 0)
      fs.appendFileSync(this.file, line)
    } catch (error) {
      console.error(
        `cache: cannot write the purge journal ${this.file}: ${(error as Error).message}`,
      )
    }
  }

  /** Purges written by other processes since the last call. */
  read(): Purge[] {
    const size = this.size()
    if (size === this.offset) return []
    if (size < this.offset) {
      // Started afresh by a writer: whatever it held before is unknown.
      this.offset = 0
      return ['all', ...this.read()]
    }
    const buffer = Buffer.alloc(size - this.offset)
    fs.readSync(this.fd!, buffer, 0, buffer.length, this.offset)
    const text = buffer.toString('utf8')
    const complete = text.lastIndexOf('\n') + 1 // a line still being written waits for the next read
    this.offset += Buffer.byteLength(text.slice(0, complete))
    const purges: Purge[] = []
    for (const line of text.slice(0, complete).split('\n')) {
      const [from, ...tags] = line.split(' ')
      if (!from || from === this.instance) continue
      purges.push(tags[0] === '*' ? 'all' : tags.filter(Boolean))
    }
    return purges
  }
}

export class PurgeBus {
  readonly instance = crypto.randomUUID()
  private readonly listeners = new Set<PurgeListener>()
  private readonly journal?: Journal
  private readonly varnish?: VarnishPurger
  private publisher?: Redis
  private subscriber?: Redis
  private redisDown = false
  private redisUp = false
  private publishing = 0
  /** Purges that did not reach Redis: until they are published, this instance serves nothing cached. */
  private unpublished: Purge[] = []
  private republishTimer?: NodeJS.Timeout

  constructor(
    private readonly redisUrl = process.env.REDIS_URL || undefined,
    journalFile = journalPath(),
    varnishUrls = varnishPurgeUrls(),
  ) {
    if (varnishUrls.length) this.varnish = new VarnishPurger(varnishUrls)
    // With Redis every process publishes there; the journal is for a single machine without it.
    if (journalFile && !this.redisUrl) this.journal = new Journal(journalFile, this.instance)
  }

  /** Purges everywhere: this process's caches, the journal, Redis. Resolves once published. */
  async purge(purge: Purge): Promise<void> {
    if (purge !== 'all' && !purge.length) return
    this.notify(purge)
    this.journal?.append(purge)
    this.varnish?.purge(purge) // not awaited: queued, sent at once, retried
    if (this.redisUrl) {
      try {
        const publisher = await this.connectPublisher()
        this.holdProcess(publisher, true)
        try {
          await publisher.publish(REDIS_CHANNEL, JSON.stringify({ from: this.instance, purge }))
        } finally {
          this.holdProcess(publisher, false)
        }
      } catch (error) {
        // Readers turn their caches off while Redis is unreachable, so nothing stale is served;
        // other instances missed this purge, so this one serves nothing until it is published.
        this.logRedisDown(error as Error)
        this.keepUnpublished(purge)
      }
    }
  }

  private keepUnpublished(purge: Purge): void {
    const tags = this.unpublished.flatMap((p) => (p === 'all' ? [] : p))
    this.unpublished =
      purge === 'all' || this.unpublished.includes('all') || tags.length + purge.length > 10_000
        ? ['all']
        : [...this.unpublished, purge]
    this.republishTimer ??= setInterval(() => void this.republish(), 1000)
    this.republishTimer.unref()
  }

  /** Publishes the purges that failed, in one message; the cache serves again once it went out. */
  private async republish(): Promise<void> {
    const missed = this.unpublished
    if (!missed.length) return
    const purge: Purge = missed.includes('all')
      ? 'all'
      : [...new Set(missed.flatMap((p) => (p === 'all' ? [] : p)))]
    try {
      const publisher = await this.connectPublisher()
      await publisher.publish(REDIS_CHANNEL, JSON.stringify({ from: this.instance, purge }))
      // Purges that failed meanwhile (a new list) go out in the next round, with these again.
      if (this.unpublished === missed) {
        this.unpublished = []
        clearInterval(this.republishTimer)
        this.republishTimer = undefined
      }
    } catch {
      // still down: the next round tries again
    }
  }

  // A true private field: the reset below may run after a test file's globals were torn down.
  #polledThisTurn = false

  /**
   * Applies purges that other processes wrote to the journal since the last call. Once per turn of
   * the event loop: the requests handled in one turn were all received before it began, so one
   * look at the journal serves them all (under load, an fstat per hit was 7% of a hit's CPU).
   */
  poll(): void {
    if (!this.journal || this.#polledThisTurn) return
    this.#polledThisTurn = true
    setImmediate(() => (this.#polledThisTurn = false))
    for (const purge of this.journal.read()) this.notify(purge)
  }

  /**
   * Listens to purges from this process and, through Redis, from others. `onAvailability(false)`
   * while Redis is configured but unreachable (purges may be missed: serve nothing from the cache).
   */
  listen(listener: PurgeListener, onAvailability?: (available: boolean) => void): () => void {
    this.listeners.add(listener)
    if (this.redisUrl && !this.subscriber) this.subscribe(onAvailability)
    return () => this.listeners.delete(listener)
  }

  /**
   * Whether the cache may serve: always without Redis; with Redis only while subscribed and every
   * purge of this process has been published.
   */
  get available(): boolean {
    return !this.redisUrl || (this.redisUp && !this.unpublished.length)
  }

  async close(): Promise<void> {
    await this.varnish?.drain()
    this.varnish?.close()
    clearInterval(this.republishTimer)
    this.republishTimer = undefined
    await Promise.allSettled([this.publisher?.quit(), this.subscriber?.quit()])
    this.publisher = this.subscriber = undefined
  }

  private notify(purge: Purge): void {
    for (const listener of this.listeners) listener(purge)
  }

  private async redis(options: object): Promise<Redis> {
    const { Redis } = await import('ioredis')
    return new Redis(this.redisUrl!, { lazyConnect: true, ...options })
  }

  private async connectPublisher(): Promise<Redis> {
    if (!this.publisher) {
      // A process without listeners (the seed CLI) must not be kept alive by reconnect timers.
      this.publisher = await this.redis({
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        retryStrategy: (times: number) =>
          this.listeners.size ? Math.min(times * 200, 2000) : null,
      })
      this.publisher.on('error', (error) => this.logRedisDown(error))
    }
    if (this.publisher.status === 'wait' || this.publisher.status === 'end')
      await this.publisher.connect()
    return this.publisher
  }

  /** The publisher's socket keeps a process without listeners alive only while a message is on its way. */
  private holdProcess(publisher: Redis, hold: boolean): void {
    if (this.listeners.size) return
    const stream = (publisher as unknown as { stream?: { ref?: () => void; unref?: () => void } })
      .stream
    this.publishing += hold ? 1 : -1
    if (hold) stream?.ref?.()
    else if (!this.publishing) stream?.unref?.()
  }

  private subscribe(onAvailability?: (available: boolean) => void): void {
    const setUp = (up: boolean) => {
      if (up === this.redisUp) return
      this.redisUp = up
      // Messages may have been missed while down: start empty in either direction.
      this.notify('all')
      onAvailability?.(up)
      if (up && this.redisDown) {
        console.log('cache: Redis is back; response cache on')
        this.redisDown = false
      }
    }
    void this.redis({ retryStrategy: (times: number) => Math.min(times * 200, 2000) }).then(
      (subscriber) => {
        this.subscriber = subscriber
        subscriber.on('message', (_channel: string, message: string) => {
          try {
            const { from, purge } = JSON.parse(message) as { from: string; purge: Purge }
            if (from !== this.instance) this.notify(purge)
          } catch {
            // not ours
          }
        })
        subscriber.on('ready', () => {
          subscriber.subscribe(REDIS_CHANNEL).then(
            () => setUp(true),
            (error: Error) => this.logRedisDown(error),
          )
        })
        subscriber.on('error', (error: Error) => this.logRedisDown(error))
        subscriber.on('close', () => setUp(false))
        subscriber.connect().catch((error: Error) => this.logRedisDown(error))
      },
    )
  }

  private logRedisDown(error: Error): void {
    if (this.redisDown) return
    this.redisDown = true
    console.error(
      `cache: Redis unreachable (${error.message}); response cache off until it is back`,
    )
  }
}

/** This process's purge bus (created on first use). */
export const purgeBus = (payload: Payload): PurgeBus =>
  processState(payload, 'purgeBus', () => new PurgeBus())
