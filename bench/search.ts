/**
 * `npm run bench:search [-- --quick]`: figures of search (docs/search.md), on a fresh SQLite file
 * with the committed migrations (production mode); `npm run bench:search:postgres` on a throw-away
 * PostgreSQL cluster (scripts/postgres.mjs), printing the plan of each size's slowest query.
 *
 * 1. Relevance: the committed set (bench/search-relevance.ts, 64 queries) on an archive of ≥ 2,000
 *    articles and teasers made through Payload (so the index is kept by the real hooks): per case
 *    a target, three distractors (its place in the title, the word only in the body), and generated
 *    articles. recall@3 and MRR of our search (`runSearch`, public index) and of Payload's `like`
 *    search as the admin list runs it (`or` over title and summary, every word `like`).
 * 2. Publish → findable: an article published through Payload, then searched.
 * 3. Engine at 10,000 and 100,000 articles: entries written straight through the engine (the same
 *    analysis), half German, half English, ~300 words each, published at random times over the last
 *    year; build rate, index size per 1,000 articles, p50/p95 of the engine call for the set's
 *    two-word queries (uncached, in-process), alternating with a baseline that ranks every match
 *    (the ranking before the bounded top set), so both meet the same load of a shared machine.
 *
 * Generated text: words drawn with a Zipf distribution (weight 1/(rank+10)) from the frequency-ranked
 * common-word lists of @zxcvbn-ts/language-de and -en (12,558 German, ~26,000 English words), with the
 * set's words, places and news terms mixed in, so queries meet realistic vocabularies and document
 * frequencies. `--quick` (CI): 300 generated articles and 2,000/10,000 engine entries;
 * `--engine-only` skips 1 and 2; `BENCH_ENGINE_SIZES=10000,100000` sets the engine steps.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { CASES, type Case } from './search-relevance'

const quick = process.argv.includes('--quick')
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-search-'))
const dbFile = path.join(work, 'search.db')
// PostgreSQL when DATABASE_URI names one (`node scripts/postgres.mjs -- npm run -s bench:search`)
const postgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URI ?? '')
if (!postgres) process.env.DATABASE_URI = `file:${dbFile}`
process.env.MEDIA_DIR = path.join(work, 'media')
process.env.PAYLOAD_SECRET ||= 'bench-only-secret-not-for-production-use'
Object.assign(process.env, { NODE_ENV: 'production' })

const engineOnly = process.argv.includes('--engine-only')
const FILLER = quick ? 300 : 1_700
const ENGINE_SIZES = process.env.BENCH_ENGINE_SIZES
  ? process.env.BENCH_ENGINE_SIZES.split(',').map(Number)
  : quick
    ? [2_000, 10_000]
    : [10_000, 100_000]

// A seeded generator: the same archive every run.
let seed = 42
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]

function zipf(words: string[]): () => string {
  const cumulative: number[] = []
  let sum = 0
  for (let r = 0; r < words.length; r++) cumulative.push((sum += 1 / (r + 10)))
  return () => {
    const x = random() * sum
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid] < x) lo = mid + 1
      else hi = mid
    }
    return words[lo]
  }
}

const NEWS = {
  de: [
    'Regierung',
    'Parlament',
    'Wahl',
    'Gipfel',
    'Minister',
    'Partei',
    'Vertrag',
    'Handel',
    'Besuch',
    'Kongress',
    'Präsident',
    'Straße',
    'Sicherheit',
    'Wirtschaft',
  ],
  en: [
    'government',
    'parliament',
    'election',
    'summit',
    'minister',
    'party',
    'treaty',
    'trade',
    'visit',
    'congress',
    'president',
    'sanctions',
    'security',
    'economy',
  ],
}

async function main() {
  const { getPayload } = await import('payload')
  const { default: configPromise } = await import('../src/payload.config')
  const { paragraphsToLexical } = await import('../src/utilities/richtext')
  const { dictionary: deWords } = await import('@zxcvbn-ts/language-de')
  const { dictionary: enWords } = await import('@zxcvbn-ts/language-en')
  const { searchEngine } = await import('../src/features/search/service')
  const { ftsExpression, pgRanked, pgSearchSession, RANKED, SEARCH_TABLES } =
    await import('../src/features/search/sql')
  const { runSearch, queryWords } = await import('../src/features/search/query')
  const { indexTokens } = await import('../src/features/search/linguistics')
  const { createLocalReq } = await import('payload')

  const payload = await getPayload({ config: await configPromise })
  const engine = searchEngine(payload)
  const draw = {
    de: zipf(deWords.commonWords),
    en: zipf((enWords as unknown as Record<string, string[]>)['commonWords-en']),
  }
  const places = [...new Set(CASES.map((c) => c.place))]
  const sentence = (locale: 'de' | 'en', n: number, extra: string[] = []) => {
    const words = Array.from({ length: n }, () =>
      random() < 0.05 ? pick(NEWS[locale]) : random() < 0.01 ? pick(places) : draw[locale](),
    )
    for (const e of extra) words.splice(Math.floor(random() * words.length), 0, e)
    const s = words.join(' ')
    return `${s[0].toUpperCase()}${s.slice(1)}.`
  }
  const body = (locale: 'de' | 'en', extra: string[] = []) =>
    Array.from({ length: 10 }, (_, i) => sentence(locale, 28, i === 3 ? extra : []))
  const day = 86_400_000

  const req = await createLocalReq({}, payload)
  const query = (c: Case) => `${c.query} ${c.place}`
  if (!engineOnly) await relevance()

  async function relevance() {
    // 1. The relevance archive, through Payload.
    const t0 = performance.now()
    let made = 0
    const article = async (
      locale: 'de' | 'en',
      title: string,
      lead: string,
      paragraphs: string[],
    ) => {
      made++
      return payload.create({
        collection: 'articles',
        locale,
        data: {
          title,
          slug: `bench-${made}`,
          summary: lead,
          body: paragraphsToLexical(paragraphs) as never,
          _status: 'published',
          publishedAt: new Date(Date.now() - random() * 365 * day).toISOString(),
        },
      })
    }
    const targets = new Map<Case, string>()
    for (const c of CASES) {
      const title = `${c.text}: ${sentence(c.locale, 5, [c.place])}`
      const lead = sentence(c.locale, 20)
      if (c.teaser) {
        const teaser = await payload.create({
          collection: 'related-articles',
          locale: c.locale,
          data: { summary: `${c.text} ${sentence('en', 12, [c.place])}` },
        })
        made++
        targets.set(c, String(teaser.id))
      } else targets.set(c, String((await article(c.locale, title, lead, body(c.locale))).id))
      // Distractors: the place in the title, the word only once in the body.
      for (let i = 0; i < 3; i++)
        await article(
          c.locale,
          `${pick(NEWS[c.locale])} ${sentence(c.locale, 5, [c.place])}`,
          sentence(c.locale, 20),
          body(c.locale, [c.text]),
        )
    }
    for (let i = 0; i < FILLER; i++) {
      const locale = i % 2 ? 'de' : 'en'
      await article(locale, sentence(locale, 8), sentence(locale, 25), body(locale))
    }
    const buildSeconds = (performance.now() - t0) / 1000
    console.log(
      `Relevance archive: ${made} documents through Payload in ${buildSeconds.toFixed(1)} s (${(made / buildSeconds).toFixed(0)}/s, hooks and index included)`,
    )

    const score = async (name: string, ranked: (c: Case) => Promise<string[]>) => {
      let hits = 0
      let rr = 0
      const misses: string[] = []
      const byKind: Record<string, [number, number]> = {}
      for (const c of CASES) {
        const ids = await ranked(c)
        const rank = ids.indexOf(targets.get(c)!) + 1
        const k = (byKind[c.kind] ??= [0, 0])
        k[1]++
        if (rank >= 1 && rank <= 3) {
          hits++
          k[0]++
        } else misses.push(`${c.locale}:"${c.query} ${c.place}"`)
        if (rank >= 1) rr += 1 / rank
      }
      const kinds = Object.entries(byKind)
        .map(([kind, [h, n]]) => `${kind} ${h}/${n}`)
        .join(', ')
      console.log(
        `${name}: recall@3 ${(hits / CASES.length).toFixed(3)}, MRR ${(rr / CASES.length).toFixed(3)} (${kinds})`,
      )
      if (misses.length) console.log(`  missed: ${misses.join(', ')}`)
    }
    await score('search (ours)', async (c) =>
      (
        await runSearch(engine, req, { q: query(c), locale: c.locale, limit: 10, page: 1 })
      ).docs.map((d) => d.id),
    )
    await score("Payload's like (admin list search)", async (c) => {
      const collection = c.teaser ? 'related-articles' : 'articles'
      const { docs } = await payload.find({
        collection,
        locale: c.locale,
        where: { or: [{ title: { like: query(c) } }, { summary: { like: query(c) } }] },
        limit: 10,
        depth: 0,
        select: {} as never,
      })
      return (docs as { id: string }[]).map((d) => String(d.id))
    })

    // 2. Publish → findable.
    const times: number[] = []
    for (let i = 0; i < 5; i++) {
      const word = `Zyxpublish${i}`
      const doc = await payload.create({
        collection: 'articles',
        locale: 'en',
        data: { title: `Draft ${word}`, slug: `publish-${i}`, _status: 'draft' },
      })
      const start = performance.now()
      await payload.update({
        collection: 'articles',
        id: doc.id,
        locale: 'en',
        data: { _status: 'published' },
      })
      const found = await runSearch(engine, req, { q: word, locale: 'en', limit: 1, page: 1 })
      if (found.docs[0]?.id !== doc.id) throw new Error('a published article was not found')
      times.push(performance.now() - start)
    }
    times.sort((a, b) => a - b)
    console.log(
      `Publish → findable: median ${times[2].toFixed(0)} ms (the publish's own transaction; found by the next search)`,
    )
  }

  // 3. The engine at scale: entries written straight through the engine.
  const { execute, sql } = await import('../src/database/dialect')
  type Client = {
    execute: (s: string | { sql: string; args: unknown[] }) => Promise<{
      rows: Record<string, unknown>[]
    }>
  }
  const { client } = payload.db as unknown as { client: Client }
  /**
   * The baseline (SQLite), the same answer without the bounded top set: every match in the locale
   * counted and scored (BM25 × recency), then the page's texts read.
   */
  const rankEveryMatch = async (match: string, locale: string) => {
    const from = `FROM search_public JOIN search_entries t ON t.id = search_public.rowid
      WHERE search_public MATCH ? AND t.locale = ?`
    await client.execute({ sql: `SELECT count(*) ${from}`, args: [match, locale] })
    await client.execute({
      sql: `SELECT e.*, top.score FROM (SELECT t.id, bm25(search_public, 10.0, 4.0, 1.0) *
          (1.0 + 0.5 / (1.0 + CAST(? - t.time AS REAL) / ${30 * day})) AS score
        ${from} ORDER BY score LIMIT 10) AS top JOIN search_entries e ON e.id = top.id ORDER BY top.score`,
      args: [Date.now(), match, locale],
    })
  }
  /** Bytes of the database file (SQLite) or of the search tables with their indexes and TOAST. */
  const pages = async () => {
    if (postgres) {
      const sizes = SEARCH_TABLES.map((t) => `pg_total_relation_size('${t}')`).join(' + ')
      const { rows } = await execute(payload, sql.raw(`SELECT ${sizes} AS bytes`))
      return Number(rows[0].bytes)
    }
    const value = async (pragma: string) =>
      Number(Object.values((await client.execute(`PRAGMA ${pragma}`)).rows[0])[0])
    return (await value('page_count')) * (await value('page_size'))
  }
  let written = 0
  for (const size of ENGINE_SIZES) {
    const stepEntries = size - written
    const before = await pages()
    const start = performance.now()
    const batch = 500
    while (written < size) {
      const id = await payload.db.beginTransaction()
      const txReq = { payload, transactionID: id } as never
      for (let i = 0; i < batch && written < size; i++, written++) {
        const locale = written % 2 ? 'de' : 'en'
        const title = sentence(locale, 8)
        const lead = sentence(locale, 25)
        const text = body(locale).join('\n')
        await engine.replace(txReq, 'bench', String(written), [
          {
            scope: 'public',
            collection: 'bench',
            docId: String(written),
            locale,
            title,
            lead,
            body: text,
            href: null,
            origin: 'human',
            labels: [],
            firstPublishedAt: null,
            time: Date.now() - random() * 365 * day,
            tokens: {
              title: indexTokens(title, locale),
              lead: indexTokens(lead, locale),
              body: indexTokens(text, locale),
            },
          },
        ])
      }
      await payload.db.commitTransaction(id!)
    }
    const seconds = (performance.now() - start) / 1000
    if (postgres) await execute(payload, sql`VACUUM ANALYZE search_public`)
    const grown = (await pages()) - before
    const calls: number[] = []
    const baselineCalls: number[] = []
    let capped = 0
    const tokenQuery = (c: Case) =>
      ({
        scope: 'public',
        locale: c.locale,
        words: queryWords(query(c), c.locale),
        mode: 'all',
        limit: 10,
        offset: 0,
      }) as const
    let slowest = { ms: 0, c: CASES[0] }
    // Alternating with the baseline (SQLite), so both meet the same load of the shared machine.
    for (let round = 0; round < 3; round++)
      for (const c of CASES) {
        let t = performance.now()
        if ((await engine.search(undefined, tokenQuery(c))).capped && !round) capped++
        const ms = performance.now() - t
        calls.push(ms)
        if (ms > slowest.ms) slowest = { ms, c }
        if (postgres) continue
        t = performance.now()
        await rankEveryMatch(ftsExpression(tokenQuery(c)), c.locale)
        baselineCalls.push(performance.now() - t)
      }
    if (postgres) {
      // the plan of the slowest query's ranking, read at this size
      const plan = await pgSearchSession(payload, (read) =>
        read(sql`EXPLAIN (ANALYZE, BUFFERS) ${pgRanked(tokenQuery(slowest.c), Date.now())}`),
      )
      console.log(`Plan of "${query(slowest.c)}" (${slowest.ms.toFixed(1)} ms in the run):`)
      for (const row of plan) console.log(`  ${String(row['QUERY PLAN'])}`)
    }
    const p = (list: number[], q: number) =>
      list.length
        ? list
            .sort((a, b) => a - b)
            [Math.min(list.length - 1, Math.floor(q * list.length))].toFixed(2)
        : '–'
    console.log(
      `Engine at ${size.toLocaleString('en')} articles: p50 ${p(calls, 0.5)} ms, p95 ${p(calls, 0.95)} ms (${calls.length} calls of the set's two-word queries; ${capped} of ${CASES.length} match more than the ${RANKED.toLocaleString('en')} ranked); ` +
        `baseline ranking every match: p50 ${p(baselineCalls, 0.5)} ms, p95 ${p(baselineCalls, 0.95)} ms; ` +
        `build ${(stepEntries / seconds).toFixed(0)} articles/s (analysis + insert); ` +
        `${(grown / 1024 / 1024 / (stepEntries / 1000)).toFixed(2)} MB per 1,000 articles (tokens + original texts)`,
    )
    console.log(
      `  load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    )
  }
  if (!postgres)
    console.log(`Database file: ${(fs.statSync(dbFile).size / 1024 / 1024).toFixed(1)} MB`)
  await payload.destroy()
  fs.rmSync(work, { recursive: true, force: true })
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err)
    process.exit(1)
  },
)
