/**
 * `npm run bench:scale`: does the cost of the public and admin reads stay flat as articles pile up?
 *
 * Seeds a fresh database (committed migrations, as in production) with a few base articles
 * through the Local API (both locales, 7 teasers each, images, drafts and published), then copies
 * them with SQL (new ids, slugs and dates; teasers and versions copied along) up to 1,000 and then
 * 10,000 articles. At each size it times the reads below through Payload's real REST and GraphQL
 * route handlers (median of BENCH_RUNS, default 7) and prints them with the 10k/1k ratio (target ≤ 2×).
 * It also records the SQL each read sends and prints every full pass over a table in its query plan
 * (SQLite: a `SCAN` of `EXPLAIN QUERY PLAN`; PostgreSQL: a `Seq Scan` of `EXPLAIN`), so a missing
 * index shows up by name.
 *
 * The database: a SQLite file in a temp folder, or the PostgreSQL database DATABASE_URI names
 * (`npm run bench:scale:postgres` starts a throw-away cluster for it, scripts/postgres.mjs).
 *
 * Env: BENCH_SIZES (default "1000,10000"), BENCH_RUNS (default 7), BENCH_BASE (base articles, 20),
 * BENCH_BUDGET_MS (a read slower than this is timed once, default 10000), BENCH_PLANS=1 (print every plan),
 * BENCH_READS (a regular expression: only the reads whose name matches).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { recordStatements, type Statement } from '../tests/helpers/sql'

const SIZES = (process.env.BENCH_SIZES || '1000,10000').split(',').map(Number)
const RUNS = Number(process.env.BENCH_RUNS || 7)
const BASE = Number(process.env.BENCH_BASE || 20)
const TEASERS = 7
const BUDGET_MS = Number(process.env.BENCH_BUDGET_MS || 10_000)

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-scale-'))
const POSTGRES = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URI ?? '')
if (!POSTGRES) process.env.DATABASE_URI = `file:${path.join(work, 'scale.db')}`
process.env.MEDIA_DIR = path.join(work, 'media')
process.env.PAYLOAD_SECRET ||= 'bench-only-secret-not-for-production-use'
Object.assign(process.env, { NODE_ENV: 'production' }) // committed migrations, as in production

type Client = {
  execute: (
    stmt: string | { sql: string; args?: unknown },
  ) => Promise<{ rows: Record<string, unknown>[] }>
}
type PgClient = {
  query: (
    text: string | { text: string; values?: unknown[] },
    values?: unknown[],
  ) => Promise<{ rows: Record<string, unknown>[] }>
  release?: () => void
}

/**
 * The bench's raw SQL on either database: `$1`-style parameters (SQLite gets `?1`), double-quoted
 * names (both accept them), and the few expressions that differ.
 */
type Raw = {
  query: (sql: string, args?: unknown[]) => Promise<Record<string, unknown>[]>
  columnsOf: (table: string) => Promise<{ name: string; type: string }[]>
  /** an expression for a new random uuid */
  uuid: string
  /** the date column moved back by $1 minutes */
  shifted: (column: string) => string
  /** the text column with '-' and $1 appended */
  suffixed: (column: string) => string
  idType: string
  /** what each plan step that reads a whole table looks like, and the table it names */
  fullPass: RegExp
  explain: (statement: Statement) => Promise<string[]>
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

async function main() {
  const { getPayload } = await import('payload')
  const { GRAPHQL_POST, REST_GET } = await import('@payloadcms/next/routes')
  const { default: configPromise } = await import('../src/payload.config')
  const { importDocuments } = await import('../seed/import')
  const { paragraphsToLexical } = await import('../src/utilities/richtext')
  const { refreshPlannerStatistics } = await import('../src/database/indexes')
  const { loadMissingTranslations } = await import('payload-plugin-translation-workflow')
  const config = await configPromise
  const payload = await getPayload({ config })
  payload.logger.level = 'warn'
  const raw = POSTGRES ? postgresRaw(payload) : sqliteRaw(payload)

  // ---- base content through the Local API --------------------------------------------------
  const started = performance.now()
  await importDocuments(payload, [path.resolve('seed/documents')])
  const images = (await payload.find({ collection: 'images', limit: 20, depth: 0 })).docs.map(
    (d) => d.id,
  )
  const locales = Object.fromEntries(
    (await payload.find({ collection: 'locales', depth: 0 })).docs.map((d) => [d.code, d.id]),
  )
  const text = (lang: 'en' | 'de', i: number, what: string) =>
    lang === 'en'
      ? `The ${what} number ${i} was reviewed by the council on Monday.`
      : `Der ${what} Nummer ${i} wurde am Montag vom Rat geprüft.`
  for (let i = 0; i < BASE; i++) {
    const teaserIds: string[] = []
    for (let t = 0; t < TEASERS; t++) {
      const teaser = await payload.create({
        collection: 'related-articles',
        locale: 'en',
        data: {
          summary: text('en', i * 10 + t, 'teaser'),
          image: images[(i + t) % images.length],
          language: locales.en,
          aiDisclosure: { reportedByAI: t % 3 === 0 },
        } as never,
      })
      await payload.update({
        collection: 'related-articles',
        id: teaser.id,
        locale: 'de',
        data: { summary: text('de', i * 10 + t, 'Teaser') } as never,
      })
      teaserIds.push(teaser.id)
    }
    const article = await payload.create({
      collection: 'articles',
      locale: 'en',
      data: {
        title: `Scale story ${i}`,
        summary: text('en', i, 'budget'),
        body: paragraphsToLexical([text('en', i, 'report'), text('en', i + 1, 'plan')]),
        heroImage: images[i % images.length],
        relatedArticles: teaserIds,
        language: locales.en,
        aiDisclosure: { reportedByAI: i % 2 === 0 },
        _status: i % 10 === 9 ? 'draft' : 'published',
      } as never,
    })
    await payload.update({
      collection: 'articles',
      id: article.id,
      locale: 'de',
      draft: i % 10 === 9,
      data: {
        title: `Skalierungsmeldung ${i}`,
        summary: text('de', i, 'Haushalt'),
        body: paragraphsToLexical([text('de', i, 'Bericht')]),
      } as never,
    })
  }
  console.log(
    `base: ${BASE + 1} articles with teasers through the Local API in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  )

  const email = 'bench-editor@example.com'
  const password = 'bench-password-123'
  const staffUser = await payload.create({
    collection: 'users',
    data: { email, password, roles: ['editor'] } as never,
  })
  const staffToken = (await payload.login({ collection: 'users', data: { email, password } }))
    .token!

  // ---- copies through SQL ------------------------------------------------------------------
  const baseArticles = (await raw.query('SELECT id FROM articles')).map((r) => String(r.id))
  // Main tables (uuid ids, copied with a new id) and their row tables (copied by parent).
  const plan = [
    { table: 'articles', key: 'id' },
    { table: 'articles_locales', key: '_parent_id' },
    { table: 'related_articles', key: 'id' },
    { table: 'related_articles_locales', key: '_parent_id' },
    { table: 'articles_rels', key: 'parent_id' },
    { table: '_articles_v', key: 'id' },
    { table: '_articles_v_locales', key: '_parent_id' },
    { table: '_articles_v_rels', key: 'parent_id' },
  ]
  const ID_COLUMNS = new Set(['id', '_parent_id', 'parent_id', 'related_articles_id', 'article_id'])
  const DATE_COLUMNS = new Set([
    'created_at',
    'updated_at',
    'published_at',
    'version_created_at',
    'version_updated_at',
    'version_published_at',
  ])
  const SLUG_COLUMNS = new Set(['slug', 'version_slug'])
  const statements: string[] = []
  for (const { table, key } of plan) {
    // row tables number their rows themselves (integer ids)
    const columns = (await raw.columnsOf(table)).filter(
      (c) => !(c.name === 'id' && c.type === 'integer'),
    )
    const select = columns.map(({ name }) => {
      const col = `t."${name}"`
      if (ID_COLUMNS.has(name))
        return `coalesce((SELECT new FROM clone_map WHERE old = ${col}), ${col})`
      if (DATE_COLUMNS.has(name))
        return `CASE WHEN ${col} IS NULL THEN NULL ELSE ${raw.shifted(col)} END`
      if (SLUG_COLUMNS.has(name))
        return `CASE WHEN ${col} IS NULL THEN NULL ELSE ${raw.suffixed(col)} END`
      return col
    })
    statements.push(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c.name}"`).join(', ')}) SELECT ${select.join(', ')} FROM "${table}" t WHERE t."${key}" IN (SELECT old FROM clone_map)`,
    )
  }
  const inList = baseArticles.map((id) => `'${id}'`).join(', ')
  let round = 0
  const growTo = async (size: number) => {
    const t0 = performance.now()
    while (Number((await raw.query('SELECT count(*) AS n FROM articles'))[0]!.n) < size) {
      round++
      // one connection for the round: the temporary table is per connection on PostgreSQL
      await raw.query('BEGIN')
      await raw.query(
        `CREATE TEMP TABLE IF NOT EXISTS clone_map (old ${raw.idType} PRIMARY KEY, new ${raw.idType} NOT NULL)`,
      )
      await raw.query('DELETE FROM clone_map')
      await raw.query(
        `INSERT INTO clone_map SELECT id, ${raw.uuid} FROM articles WHERE id IN (${inList})`,
      )
      await raw.query(
        `INSERT INTO clone_map SELECT id, ${raw.uuid} FROM _articles_v WHERE parent_id IN (${inList})`,
      )
      await raw.query(
        `INSERT INTO clone_map SELECT DISTINCT related_articles_id, ${raw.uuid} FROM articles_rels WHERE parent_id IN (${inList}) AND related_articles_id IS NOT NULL`,
      )
      for (const sql of statements) await raw.query(sql, sql.includes('$1') ? [String(round)] : [])
      await raw.query('COMMIT')
    }
    // what the server's statistics timer (SQLite) or autovacuum (PostgreSQL) does
    await refreshPlannerStatistics(payload)
    const c = (
      await raw.query(
        'SELECT (SELECT count(*) FROM articles) a, (SELECT count(*) FROM _articles_v) v, (SELECT count(*) FROM related_articles) r',
      )
    )[0]!
    console.log(
      `grown to ${c.a} articles, ${c.v} versions, ${c.r} teasers in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    )
  }

  // ---- the reads -----------------------------------------------------------------------------
  const rest = async (pathAndQuery: string, token?: string) => {
    const url = new URL(`http://localhost/api${pathAndQuery}`)
    const slug = url.pathname
      .replace(/^\/api\//, '')
      .split('/')
      .filter(Boolean)
    const headers: Record<string, string> = token ? { authorization: `JWT ${token}` } : {}
    const res = await REST_GET(configPromise)(new Request(url, { headers }), {
      params: Promise.resolve({ slug }),
    })
    const body = await res.text()
    if (res.status !== 200) throw new Error(`${pathAndQuery}: ${res.status} ${body.slice(0, 200)}`)
    return body
  }
  const graphql = async (query: string) => {
    const res = await GRAPHQL_POST(configPromise)(
      new Request('http://localhost/api/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      }),
    )
    const body = await res.text()
    if (res.status !== 200 || body.includes('"errors"'))
      throw new Error(`graphql: ${res.status} ${body.slice(0, 300)}`)
    return body
  }
  const slugAt = async () =>
    String(
      (
        await raw.query(
          // `_status` is per locale (articles_locales)
          `SELECT a.slug FROM articles a JOIN articles_locales l ON l._parent_id = a.id AND l._locale = 'en' WHERE l._status = 'published' ORDER BY a.created_at LIMIT 1 OFFSET 5`,
        )
      )[0]!.slug,
    )

  const reads: { name: string; run: (slug: string) => Promise<string> }[] = [
    {
      name: 'front page (10, depth 1, -publishedAt, de)',
      run: () => rest('/articles?limit=10&depth=1&sort=-publishedAt&locale=de'),
    },
    {
      name: 'one article by slug (depth 2, de)',
      run: (slug) => rest(`/articles?where[slug][equals]=${slug}&depth=2&locale=de`),
    },
    {
      name: 'admin list (draft, depth 0, -updatedAt)',
      run: () => rest('/articles?depth=0&limit=10&sort=-updatedAt&draft=true', staffToken),
    },
    {
      name: 'admin list (draft, default sort)',
      run: () => rest('/articles?depth=0&limit=10&draft=true&locale=en', staffToken),
    },
    {
      name: 'admin dashboard (missing German)',
      run: async () =>
        JSON.stringify(
          await loadMissingTranslations({
            payload,
            user: staffUser as never,
            targetLocale: 'de',
            collections: ['articles', 'related-articles'],
            sources: {
              defaultSource: 'en',
              languageField: { field: 'language', collection: 'locales', codeField: 'code' },
            },
          }),
        ),
    },
    {
      name: 'translation-status (de)',
      run: () => rest('/articles/translation-status?locale=de', staffToken),
    },
    {
      name: 'newest (limit 1, depth 0, -createdAt)',
      run: () => rest('/articles?limit=1&depth=0&sort=-createdAt'),
    },
    {
      name: 'GraphQL 10 newest (de)',
      run: () =>
        graphql(
          '{ Articles(limit: 10, sort: "-publishedAt", locale: de) { docs { id title slug publishedAt badges { label } } } }',
        ),
    },
  ]

  if (process.env.BENCH_READS) {
    const only = new RegExp(process.env.BENCH_READS, 'i')
    reads.splice(0, reads.length, ...reads.filter((read) => only.test(read.name)))
  }

  // SQL capture: every statement the database client runs while `capturing` is set.
  let captured: Statement[] | undefined
  recordStatements(payload, (statement) => captured?.push(statement))
  const scansOf = async (statements: Statement[]) => {
    const scans = new Set<string>()
    for (const statement of statements) {
      if (!/^\s*select/i.test(statement.sql)) continue
      const plan = await raw.explain(statement)
      if (process.env.BENCH_PLANS)
        console.log(`\n${statement.sql}\n${plan.map((l) => `  ${l}`).join('\n')}`)
      for (const step of plan) {
        const scanned = raw.fullPass.exec(step)?.[1]
        if (!scanned) continue
        // Payload aliases `articles_locales` as `articles__locales`
        const table = scanned.replace(/__/g, '_')
        const rows = await raw
          .query(`SELECT count(*) AS n FROM "${table}"`)
          .then((r) => Number(r[0]!.n))
          .catch(() => NaN)
        scans.add(`${step.trim()} [${Number.isNaN(rows) ? '?' : rows.toLocaleString('en')} rows]`)
      }
    }
    return [...scans]
  }

  const results = new Map<string, number[]>()
  const scansBySize = new Map<number, Map<string, string[]>>()
  for (const size of SIZES) {
    await growTo(size)
    const slug = await slugAt()
    const scans = new Map<string, string[]>()
    for (const read of reads) {
      // warm-up, recording the SQL it sends
      captured = []
      let t0 = performance.now()
      await read.run(slug)
      const once = performance.now() - t0
      const statements = captured
      captured = undefined
      const times: number[] = []
      // A read slower than the budget is timed once (the old schema took minutes at 10,000).
      if (once > BUDGET_MS) times.push(once)
      for (let i = 0; i < RUNS && once <= BUDGET_MS; i++) {
        t0 = performance.now()
        await read.run(slug)
        times.push(performance.now() - t0)
      }
      results.set(read.name, [...(results.get(read.name) ?? []), median(times)])
      scans.set(read.name, await scansOf(statements))
    }
    scansBySize.set(size, scans)
  }

  // ---- report --------------------------------------------------------------------------------
  const header = [
    'read',
    ...SIZES.map((s) => `${s.toLocaleString('en')} (ms)`),
    ...(SIZES.length > 1 ? [`ratio ${SIZES.at(-1)}/${SIZES[0]}`] : []),
  ]
  const rows = reads.map((read) => {
    const times = results.get(read.name)!
    return [
      read.name,
      ...times.map((t) => t.toFixed(1)),
      ...(times.length > 1 ? [`${(times.at(-1)! / times[0]!).toFixed(2)}×`] : []),
    ]
  })
  console.log(
    `\nmedian of ${RUNS} runs, in-process REST/GraphQL handlers, ${POSTGRES ? 'PostgreSQL' : 'SQLite file'}`,
  )
  console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`)
  for (const row of rows) console.log(`| ${row.join(' | ')} |`)
  const largest = scansBySize.get(SIZES.at(-1)!)!
  console.log(
    POSTGRES
      ? `\nEXPLAIN at ${SIZES.at(-1)} articles: Seq Scan steps (each a full pass over that table)`
      : `\nEXPLAIN QUERY PLAN at ${SIZES.at(-1)} articles: SCAN steps (each a full pass over that table or index)`,
  )
  for (const [name, scans] of largest)
    console.log(`- ${name}: ${scans.length ? scans.join('; ') : 'none'}`)

  await raw.done?.()
  await payload.destroy()
  fs.rmSync(work, { recursive: true, force: true })
}

type BenchPayload = Awaited<ReturnType<typeof import('payload').getPayload>>

function sqliteRaw(payload: BenchPayload): Raw & { done?: () => Promise<void> } {
  const client = (payload.db as unknown as { client: Client }).client
  const query = async (sql: string, args: unknown[] = []) =>
    (await client.execute({ sql: sql.replace(/\$(\d+)/g, '?$1'), args: args as never })).rows
  return {
    query,
    columnsOf: async (table) =>
      (await query(`PRAGMA table_info("${table}")`)).map((r) => ({
        name: String(r.name),
        type: String(r.type).toLowerCase(),
      })),
    uuid: `lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`,
    shifted: (col) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${col}, '-' || ?1 || ' minutes')`,
    suffixed: (col) => `${col} || '-' || ?1`,
    idType: 'TEXT',
    // A full pass over a table (with or without an index's order): grows with the table.
    fullPass: /^SCAN (?!CONSTANT)(\S+)/,
    explain: async ({ sql, args }) => {
      const rows = (await client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args: args as never }))
        .rows
      // Subquery results (co-routines, materialized views) are scanned by their alias: not a table.
      const subqueries = new Set(
        rows.map((r) => /^(?:CO-ROUTINE|MATERIALIZE) (.+)$/.exec(String(r.detail))?.[1]),
      )
      return rows
        .filter((r) => !subqueries.has(/^SCAN (\S+)/.exec(String(r.detail))?.[1]))
        .map((r) => String(r.detail))
    },
  }
}

/**
 * PostgreSQL: the copies run on one connection of the pool (BEGIN … COMMIT and the temporary
 * table belong to a connection); the reads' statements are explained with their parameters.
 */
function postgresRaw(payload: BenchPayload): Raw & { done: () => Promise<void> } {
  const pool = (payload.db as unknown as { pool: PgClient & { connect: () => Promise<PgClient> } })
    .pool
  const connection = pool.connect()
  const query = async (sql: string, args: unknown[] = []) =>
    (await (await connection).query(sql, args)).rows
  return {
    query,
    columnsOf: async (table) =>
      (
        await query(
          'SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position',
          [table],
        )
      ).map((r) => ({ name: String(r.name), type: String(r.type).toLowerCase() })),
    uuid: 'gen_random_uuid()',
    shifted: (col) => `${col} - make_interval(mins => $1::int)`,
    suffixed: (col) => `${col} || '-' || $1::text`,
    idType: 'uuid',
    fullPass: /Seq Scan on (\S+)/,
    explain: async ({ sql, args }) =>
      (await query(`EXPLAIN ${sql}`, args)).map((r) => String(r['QUERY PLAN'])),
    done: async () => (await connection).release?.(),
  }
}

main().catch((error) => {
  console.error(error)
  fs.rmSync(work, { recursive: true, force: true })
  process.exit(1)
})
