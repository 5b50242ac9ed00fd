/**
 * `npm run bench:inprocess`: uncached reads through Payload's REST and GraphQL route handlers in a
 * loop, without HTTP, for our config and for a bare one (bench/bareConfig.ts: same collections and
 * database, none of our hooks). Prints calls per CPU-second of the process (wall-clock calls/s
 * swing with other load on a shared machine; CPU time does much less), ours/bare (target ≥ 90%)
 * and the SQL statements each read sends.
 *
 * The parent seeds a fresh SQLite file (the seed document: an article with 7 teasers and their
 * images, German texts added, plus 10 more articles with their own hero image and 7 teasers with
 * images each, as bench:read makes them), then runs each config
 * in its own child process, both at the same time so both see the same machine (BENCH_ROUNDS,
 * default 2; the best round counts). Env: BENCH_SECONDS per read (default 3), BENCH_PROFILE=dir writes a
 * `--cpu-prof` profile per child into dir, BENCH_READS a regular expression: only the reads it matches.
 *
 * `npm run bench:dialects` (BENCH_COMPARE=dialects) compares databases instead: our config on the
 * SQLite file and on a throw-away PostgreSQL cluster (scripts/postgres.mjs, Debian's postgresql),
 * both seeded alike. PostgreSQL's CPU-seconds count the database server's processes too (read from
 * /proc for every backend in pg_stat_activity), SQLite's run inside the process.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { recordStatements } from '../tests/helpers/sql'

const SECONDS = Number(process.env.BENCH_SECONDS || 3)
const ROUNDS = Number(process.env.BENCH_ROUNDS || 2)
const self = fileURLToPath(import.meta.url)
process.env.PAYLOAD_SECRET ||= 'bench-only-secret-not-for-production-use'
Object.assign(process.env, { NODE_ENV: 'production' })

type Target = { id: string; slug: string }
type Result = Record<string, number>

const READS = (t: Target) => ({
  'REST article by id, depth 2, de': { rest: `/articles/${t.id}?locale=de&depth=2` },
  'REST article by slug, depth 2, en': {
    rest: `/articles?where[slug][equals]=${t.slug}&depth=2&locale=en`,
  },
  'REST 10 newest with teasers, depth 1, de': {
    rest: '/articles?limit=10&depth=1&sort=-publishedAt&locale=de',
  },
  'GraphQL article + teasers + images + badges, de': {
    graphql: `{ Article(id: "${t.id}", locale: de) { title summary badges { type label }
      heroImage { url alt aiGenerated badges { label } }
      relatedArticles { title summary badges { type label } image { url alt aiGenerated badges { label } } } } }`,
  },
  'REST consent global, de': { rest: '/globals/consent?locale=de' },
})

async function child(kind: string, target: Target): Promise<Result> {
  const { GRAPHQL_POST, REST_GET } = await import('@payloadcms/next/routes')
  const { getPayload } = await import('payload')
  const config =
    kind === 'bare'
      ? await (await import('./bareConfig')).bareConfig()
      : await (
          await import('../src/payload.config')
        ).default
  const payload = await getPayload({ config })
  payload.logger.level = 'warn'
  if (process.env.BENCH_KEYS) {
    const { default: DataLoader } = await import('dataloader')
    const load = DataLoader.prototype.load
    DataLoader.prototype.load = function (this: any, key: any) {
      if (log && String(key).includes('images')) process.stderr.write(`    key ${key}\n`)
      return load.call(this, key)
    }
  }
  // Counts the SQL statements each read sends.
  let statements = 0
  let log = false
  recordStatements(payload, ({ sql }) => {
    statements++
    if (log) process.stderr.write(`  ${kind}: ${sql.slice(0, 160)}\n`)
  })
  const postgres = (payload.db as { name: string }).name === 'postgres'
  const serverCpu = postgres ? postgresCpu(payload) : async () => 0
  const call = async (read: { rest?: string; graphql?: string }) => {
    let res: Response
    if (read.rest) {
      const url = new URL(`http://localhost/api${read.rest}`)
      const slug = url.pathname
        .replace(/^\/api\//, '')
        .split('/')
        .filter(Boolean)
      res = await REST_GET(config)(new Request(url), { params: Promise.resolve({ slug }) })
    } else {
      res = await GRAPHQL_POST(config)(
        new Request('http://localhost/api/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: read.graphql }),
        }),
      )
    }
    const body = await res.text()
    if (res.status !== 200 || body.includes('"errors"'))
      throw new Error(`${kind} ${read.rest ?? 'graphql'}: ${res.status} ${body.slice(0, 300)}`)
  }
  const result: Result = {}
  const only = new RegExp(process.env.BENCH_READS || '.')
  for (const [name, read] of Object.entries(READS(target)).filter(([name]) => only.test(name))) {
    for (let i = 0; i < 30; i++) await call(read) // warm-up (JIT, dataloaders, statement caches)
    statements = 0
    log = Boolean(process.env.BENCH_SQL)
    if (log) process.stderr.write(`${name}\n`)
    await call(read)
    log = false
    result[`${name} SQL`] = statements
    let calls = 0
    const started = performance.now()
    const cpu = process.cpuUsage()
    const server = await serverCpu()
    while (performance.now() - started < SECONDS * 1000) {
      await call(read)
      calls++
    }
    const used = process.cpuUsage(cpu)
    const serverSeconds = (await serverCpu()) - server
    result[name] = calls / ((used.user + used.system) / 1e6 + serverSeconds)
    result[`${name} wall`] = calls / ((performance.now() - started) / 1000)
  }
  await payload.destroy()
  return result
}

async function seed(): Promise<Target> {
  const { getPayload } = await import('payload')
  const { default: config } = await import('../src/payload.config')
  const { importDocuments } = await import('../seed/import')
  const { paragraphsToLexical } = await import('../src/utilities/richtext')
  const payload = await getPayload({ config })
  payload.logger.level = 'warn'
  await importDocuments(payload, [path.resolve('seed/documents')])
  const [article] = (await payload.find({ collection: 'articles', limit: 1, depth: 0 })).docs
  if (!article) throw new Error('the seed import made no article')
  await payload.update({
    collection: 'articles',
    id: article.id,
    locale: 'de',
    data: {
      title: 'Kim gratuliert dem Präsidenten von Laos',
      summary: 'Der deutsche Vorspann.',
      body: paragraphsToLexical(['Deutscher Text.']),
    },
  })
  // Ten more articles as bench:read makes them: each its own hero image and 7 teasers with images.
  const { default: sharp } = await import('sharp')
  const png = await sharp({ create: { width: 64, height: 36, channels: 3, background: '#8899aa' } })
    .png()
    .toBuffer()
  const image = async (alt: string, aiGenerated: boolean) =>
    (
      await payload.create({
        collection: 'images',
        data: { alt, aiGenerated } as never,
        file: { data: png, mimetype: 'image/png', name: `${alt}.png`, size: png.length },
      })
    ).id
  for (let i = 0; i < 10; i++) {
    const teasers = []
    for (let t = 0; t < 7; t++) {
      const teaser = await payload.create({
        collection: 'related-articles',
        locale: t % 3 === 0 ? 'de' : 'en',
        data: {
          title: `Related story ${i}-${t}`,
          summary: `Summary of story ${i}-${t}.`,
          image: await image(`teaser-${i}-${t}`, t % 2 === 0),
          aiDisclosure: { reportedByAI: t % 3 === 1 },
        } as never,
      })
      teasers.push(teaser.id)
    }
    await payload.create({
      collection: 'articles',
      locale: 'en',
      data: {
        title: `Another story ${i}`,
        summary: 'A lead.',
        body: paragraphsToLexical(['A body.']),
        heroImage: await image(`hero-${i}`, i % 3 === 0),
        relatedArticles: teasers,
        aiDisclosure: { reportedByAI: i % 2 === 0 },
        _status: 'published',
      } as never,
    })
  }
  await payload.destroy()
  return { id: String(article.id), slug: String(article.slug) }
}

/**
 * CPU-seconds used so far by the PostgreSQL server's connections (this bench's cluster is its own):
 * utime + stime of /proc/<pid>/stat, in clock ticks of 1/100 s.
 */
function postgresCpu(payload: { db: unknown }) {
  const pool = (
    payload.db as { pool: { query: (sql: string) => Promise<{ rows: { pid: number }[] }> } }
  ).pool
  return async () => {
    // client backends only: an autovacuum worker after the seed is not the reads' cost
    const { rows } = await pool.query(
      "SELECT pid FROM pg_stat_activity WHERE backend_type = 'client backend'",
    )
    let ticks = 0
    for (const { pid } of rows) {
      try {
        const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
        ticks += Number(fields[11]) + Number(fields[12])
      } catch {
        // a backend that ended meanwhile
      }
    }
    return ticks / 100
  }
}

function runChild(kind: string, env: NodeJS.ProcessEnv, profileDir?: string): Promise<Result> {
  const args = [
    ...process.execArgv,
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    self,
    'child',
    kind,
  ]
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    proc.stdout.on('data', (chunk) => (out += chunk))
    proc.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? ''
      if (code !== 0 || !line.startsWith('{'))
        reject(new Error(`${kind} child exited ${code}: ${out.slice(-500)}`))
      else resolve(JSON.parse(line))
    })
  })
}

async function main() {
  if (process.argv[2] === 'seed') {
    process.stdout.write(`\n${JSON.stringify(await seed())}\n`)
    process.exit(0)
  }
  if (process.argv[2] === 'child') {
    const result = await child(process.argv[3]!, JSON.parse(process.env.BENCH_TARGET!))
    process.stdout.write(`\n${JSON.stringify(result)}\n`)
    process.exit(0)
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-inprocess-'))
  process.env.DATABASE_URI = `file:${path.join(work, 'bench.db')}`
  process.env.MEDIA_DIR = path.join(work, 'media')
  if (process.env.BENCH_COMPARE === 'dialects') return compareDialects(work)
  const target = await seed()
  const env = { ...process.env, BENCH_TARGET: JSON.stringify(target) }
  const best: Record<string, Result> = { ours: {}, bare: {} }
  for (let round = 0; round < ROUNDS; round++) {
    // Both at once, so both see the same load from the rest of the machine.
    const kinds = ['ours', 'bare']
    const results = await Promise.all(
      kinds.map((kind) => runChild(kind, env, process.env.BENCH_PROFILE)),
    )
    results.forEach((result, i) => {
      for (const [name, rate] of Object.entries(result))
        best[kinds[i]!]![name] = Math.max(best[kinds[i]!]![name] ?? 0, rate)
    })
  }
  console.log(
    `\nuncached reads through Payload's route handlers in-process (best of ${ROUNDS} rounds of ${SECONDS} s)`,
  )
  console.log(
    'calls per CPU-second of the process (robust on a shared machine); wall-clock calls/s in brackets',
  )
  console.log(
    '| read | ours | bare | ours/bare | SQL statements per call, ours / bare |\n|---|---|---|---|---|',
  )
  for (const name of Object.keys(READS(target)).filter((name) => best.ours![name] !== undefined)) {
    const ours = best.ours![name]!
    const bare = best.bare![name]!
    const sql = `${best.ours![`${name} SQL`]} / ${best.bare![`${name} SQL`]}`
    const wall = (kind: string) => best[kind]![`${name} wall`]!.toFixed(0)
    console.log(
      `| ${name} | ${ours.toFixed(0)} (${wall('ours')}) | ${bare.toFixed(0)} (${wall('bare')}) | ${((ours / bare) * 100).toFixed(0)}% | ${sql} |`,
    )
  }
  fs.rmSync(work, { recursive: true, force: true })
}

/** SQLite and PostgreSQL, both seeded alike, read by our config side by side. */
async function compareDialects(work: string) {
  const { startPostgres } = await import('../scripts/postgres.mjs')
  const cluster = await startPostgres()
  const postgresUri = `${cluster.uri}/newsroom`
  try {
    const sqlite = { ...process.env, BENCH_TARGET: JSON.stringify(await seed()) }
    // the seed's modules are loaded for SQLite already: a child seeds PostgreSQL
    const pgEnv = {
      ...process.env,
      DATABASE_URI: postgresUri,
      MEDIA_DIR: path.join(work, 'pg-media'),
    }
    const postgres = { ...pgEnv, BENCH_TARGET: JSON.stringify(await seedInChild(pgEnv)) }
    const best: Record<string, Result> = { sqlite: {}, postgres: {} }
    for (let round = 0; round < ROUNDS; round++) {
      const results = await Promise.all([runChild('ours', sqlite), runChild('ours', postgres)])
      results.forEach((result, i) => {
        const kind = i === 0 ? 'sqlite' : 'postgres'
        for (const [name, rate] of Object.entries(result))
          best[kind]![name] = Math.max(best[kind]![name] ?? 0, rate)
      })
    }
    const target = JSON.parse(sqlite.BENCH_TARGET) as Target
    console.log(
      `\nuncached reads of our config in-process, SQLite file vs PostgreSQL on loopback (best of ${ROUNDS} rounds of ${SECONDS} s)`,
    )
    console.log(
      'calls per CPU-second (PostgreSQL: this process + the database server); wall-clock calls/s in brackets',
    )
    console.log(
      '| read | SQLite | PostgreSQL | PostgreSQL/SQLite | SQL statements per call, SQLite / PostgreSQL |\n|---|---|---|---|---|',
    )
    for (const name of Object.keys(READS(target)).filter((n) => best.sqlite![n] !== undefined)) {
      const [a, b] = [best.sqlite![name]!, best.postgres![name]!]
      const wall = (kind: string) => best[kind]![`${name} wall`]!.toFixed(0)
      console.log(
        `| ${name} | ${a.toFixed(0)} (${wall('sqlite')}) | ${b.toFixed(0)} (${wall('postgres')}) | ${((b / a) * 100).toFixed(0)}% | ${best.sqlite![`${name} SQL`]} / ${best.postgres![`${name} SQL`]} |`,
      )
    }
  } finally {
    cluster.stop()
    fs.rmSync(work, { recursive: true, force: true })
  }
}

/** Seeds the database `env` names in a child process (the config reads DATABASE_URI once). */
function seedInChild(env: NodeJS.ProcessEnv): Promise<Target> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...process.execArgv, self, 'seed'], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    proc.stdout.on('data', (chunk) => (out += chunk))
    proc.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!)) : reject(new Error(out)),
    )
  })
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
