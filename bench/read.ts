/**
 * `npm run bench:read` (needs `npm run build`): read throughput of the public API.
 *
 * On a fresh SQLite database holding the seed plus generated content (BENCH_ARTICLES, default 200,
 * articles in English and German with 7 teasers and images each), measures each query for
 * BENCH_SECONDS (default 10) at 50 connections with autocannon:
 * - ceiling: Express serving the exact bytes of each response (bench/handlers.ts ceiling), run
 *   alternately with "e2e warm" so that both see the same load of a shared machine;
 * - bare: Payload without our plugins and hooks, through its REST/GraphQL handlers in plain Express;
 * - ours: the app's config through the same handlers (the ratio to bare is what our hooks cost);
 * - e2e off / e2e warm: the real server as `npm start` runs it (dist/server.js: /api/** straight to
 *   Payload's handlers, Next for the rest) with CACHE=off, and with a warm response cache;
 * bare, ours and e2e off run side by side and are measured alternately, twice per query (the
 * better run counts); "of bare" compares requests per CPU-second of the server process, which
 * other load on a shared machine leaves alone.
 * Then a soak (BENCH_SOAK_SECONDS, default 60) on the real server with the cache on: all queries at
 * 50 connections while an editor publishes a change every second, after a warm-up of the same mix
 * (BENCH_WARMUP_SECONDS, default 60: until the heap has reached its working size). Prints one
 * table, the soak, the server's RSS at the end of the warm-up and of the soak, and writes
 * bench/results.json. Figures are only comparable as ratios within one run.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import autocannon from 'autocannon'

import { SERVER_ARGS } from '../scripts/server-args.mjs'
import { cpuTicks, RSS_WINDOW, rssMB, rssWindow, runMain, settle, sleep, startProcess } from './lib'

const SECONDS = Number(process.env.BENCH_SECONDS || 10)
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS || 60)
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS || 60)
const ARTICLES = Number(process.env.BENCH_ARTICLES || 200)
const CONNECTIONS = 50
const PORT = Number(process.env.BENCH_PORT || 3310)
const root = path.resolve(import.meta.dirname, '..')
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-read-'))
const editor = { email: 'bench-editor@example.com', password: 'bench-editor-password' }

Object.assign(process.env, {
  NODE_ENV: 'production',
  DATABASE_URI: `file:${path.join(work, 'bench.db')}`,
  MEDIA_DIR: path.join(work, 'media'),
  PAYLOAD_SECRET: process.env.PAYLOAD_SECRET || crypto.randomBytes(32).toString('hex'),
  REDIS_URL: '',
})

const log = (line: string) => process.stderr.write(`${line}\n`)

// ---------------------------------------------------------------------------------------------
// Content

async function generate(): Promise<void> {
  const started = Date.now()
  const { default: config } = await import('../src/payload.config')
  const { getPayload } = await import('payload')
  const { seedOnFirstStart } = await import('../src/server/firstStart')
  const { paragraphsToLexical } = await import('../src/utilities/richtext')
  const { default: sharp } = await import('sharp')
  const payload = await getPayload({ config })
  await seedOnFirstStart(payload, path.join(root, 'seed', 'documents'))
  await payload.create({ collection: 'users', data: { ...editor, roles: ['editor'] } as never })

  const png = await sharp({ create: { width: 64, height: 36, channels: 3, background: '#8899aa' } })
    .png()
    .toBuffer()
  const image = (alt: string, aiGenerated: boolean) =>
    payload.create({
      collection: 'images',
      data: { alt, aiGenerated } as never,
      file: {
        data: png,
        mimetype: 'image/png',
        name: `${alt.replace(/\W+/g, '-')}.png`,
        size: png.length,
      },
    })
  const day = 24 * 3600 * 1000
  for (let a = 0; a < ARTICLES; a++) {
    const hero = await image(`Hero picture ${a}`, a % 3 === 0)
    const teasers: string[] = []
    for (let t = 0; t < 7; t++) {
      const picture = await image(`Teaser picture ${a}-${t}`, t % 2 === 0)
      const de = t % 3 === 0
      const teaser = await payload.create({
        collection: 'related-articles',
        locale: de ? 'de' : 'en',
        data: {
          title: de ? `Verwandte Meldung ${a}-${t}` : `Related story ${a}-${t}`,
          summary: de
            ? `Zusammenfassung der Meldung ${a}-${t} mit einigen Sätzen Text.`
            : `Summary of story ${a}-${t} with a few sentences of text.`,
          image: picture.id,
          aiDisclosure: { reportedByAI: t % 3 === 1 },
        } as never,
      })
      teasers.push(teaser.id as string)
    }
    const publishedAt = new Date(Date.UTC(2026, 0, 1) + a * day).toISOString()
    const article = await payload.create({
      collection: 'articles',
      locale: 'en',
      data: {
        _status: 'published',
        title: `Bench article ${a}: council reviews the harbour budget`,
        summary: `The council said on Monday that the harbour budget would be reviewed again, story ${a}.`,
        body: paragraphsToLexical(
          Array.from(
            { length: 6 },
            (_, p) =>
              `Paragraph ${p} of story ${a}. The minister said the railway and the school would be reviewed again in case ${p}.`,
          ),
        ),
        heroImage: hero.id,
        relatedArticles: teasers,
        aiDisclosure: { reportedByAI: a % 2 === 0 },
        publishedAt,
      } as never,
    })
    await payload.update({
      collection: 'articles',
      id: article.id,
      locale: 'de',
      data: {
        _status: 'published',
        title: `Bench-Artikel ${a}: Stadtrat prüft den Hafenhaushalt`,
        summary: `Der Stadtrat teilte am Montag mit, dass der Hafenhaushalt erneut geprüft wird, Meldung ${a}.`,
        body: paragraphsToLexical(
          Array.from(
            { length: 6 },
            (_, p) =>
              `Absatz ${p} der Meldung ${a}. Die Ministerin sagte, Bahnstrecke und Schule würden erneut geprüft.`,
          ),
        ),
      } as never,
    })
    if ((a + 1) % 20 === 0)
      log(`  ${a + 1}/${ARTICLES} articles (${((Date.now() - started) / 1000).toFixed(0)} s)`)
  }
  await payload.destroy()
  log(
    `Generated ${ARTICLES} articles × 7 teasers and images in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  )
}

// ---------------------------------------------------------------------------------------------
// Servers

// Stopped when the bench fails half-way, so no server is left holding the port.
const start = (args: string[], env: Record<string, string>, readyText: string, port = PORT) =>
  startProcess(args, { PORT: String(port), ...env }, readyText)

// ---------------------------------------------------------------------------------------------
// Load

type Query = { name: string; method: 'GET' | 'POST'; path: string; body?: string }
type Row = {
  config: string
  query: string
  rps: number
  /** Requests answered per CPU-second of the server process: steady on a shared machine. */
  perCpuSecond: number
  p50: number
  p99: number
  errors: number
  ofCeiling?: number
  ofBare?: number
}

const JSON_HEADERS = { 'content-type': 'application/json' }

async function load(query: Query, port = PORT) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${query.path}`,
    method: query.method,
    body: query.body,
    headers: query.body ? JSON_HEADERS : undefined,
    connections: CONNECTIONS,
    duration: SECONDS,
    // Uncached requests queue for seconds at 50 connections on a busy machine: count them, not drop them.
    timeout: 30,
  })
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts + result.non2xx,
    total: result.requests.total,
  }
}

async function measure(config: string, queries: Query[], rows: Row[], pid: number, port = PORT) {
  for (const query of queries) {
    await settle(pid)
    const ticks = cpuTicks(pid)
    const r = await load(query, port)
    await settle(pid) // what was still queued when the run ended is answered too
    const perCpuSecond = Math.round(r.total / ((cpuTicks(pid) - ticks) / 100))
    rows.push({
      config,
      query: query.name,
      rps: r.rps,
      perCpuSecond,
      p50: r.p50,
      p99: r.p99,
      errors: r.errors,
    })
    log(
      `  ${config.padEnd(10)} ${query.name.padEnd(22)} ${String(r.rps).padStart(6)} req/s  ${perCpuSecond} per CPU-s  p50 ${r.p50} ms  p99 ${r.p99} ms  errors ${r.errors}`,
    )
  }
}

async function fetchQuery(query: Query, port = PORT) {
  const res = await fetch(`http://127.0.0.1:${port}${query.path}`, {
    method: query.method,
    body: query.body,
    headers: query.body ? JSON_HEADERS : undefined,
  })
  const body = Buffer.from(await res.arrayBuffer())
  if (res.status !== 200)
    throw new Error(`${query.name}: ${res.status} ${body.toString().slice(0, 300)}`)
  return { body, xCache: res.headers.get('x-cache') }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  log(
    `bench:read — ${os.cpus().length} CPUs, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, ${SECONDS} s per run, ${CONNECTIONS} connections`,
  )
  await generate()

  const rows: Row[] = []
  const server = SERVER_ARGS
  if (!fs.existsSync(path.join(root, 'dist/server.js')))
    throw new Error('dist/server.js is missing: run `npm run build` first')
  const ready = 'Newsroom CMS ready'

  // The real server, cache off (measured at the end beside bare and ours): also picks the
  // documents and records the bytes for the ceiling.
  const offPort = PORT + 3
  const e2eOff = await start(server, { CACHE: 'off' }, ready, offPort)
  const list = (await (
    await fetch(`http://127.0.0.1:${offPort}/api/articles?limit=100&depth=0&sort=-publishedAt`)
  ).json()) as {
    docs: { id: string; slug: string }[]
  }
  const article = list.docs[Math.floor(list.docs.length / 2)]!
  const graphql = `query ($id: String!) { Article(id: $id, locale: de) { title summary publishedAt badges { type label }
    heroImage { url alt aiGenerated digitalSourceType badges { type label } }
    relatedArticles { title summary url badges { type label } image { url alt aiGenerated } } } }`
  const queries: Query[] = [
    {
      name: 'article by id, de, d2',
      method: 'GET',
      path: `/api/articles/${article.id}?depth=2&locale=de`,
    },
    {
      name: 'article by slug, en, d2',
      method: 'GET',
      path: `/api/articles?where[slug][equals]=${article.slug}&depth=2&locale=en`,
    },
    {
      name: '10 newest, de, d1',
      method: 'GET',
      path: '/api/articles?limit=10&depth=1&sort=-publishedAt&locale=de',
    },
    {
      name: 'GraphQL article, de',
      method: 'POST',
      path: '/api/graphql?locale=de',
      body: JSON.stringify({ query: graphql, variables: { id: article.id } }),
    },
    { name: 'consent global, de', method: 'GET', path: '/api/globals/consent?locale=de' },
  ]
  const bytes: Record<string, string> = {}
  for (const query of queries)
    bytes[`${query.method} ${query.path}`] = (await fetchQuery(query, offPort)).body.toString(
      'base64',
    )
  const bytesFile = path.join(work, 'bytes.json')
  fs.writeFileSync(bytesFile, JSON.stringify(bytes))

  log('Real server, cache warm, alternating with the ceiling (Express serving the exact bytes)')
  const e2e = await start(server, {}, ready)
  for (const query of queries) {
    await fetchQuery(query)
    const { xCache } = await fetchQuery(query)
    if (xCache !== 'HIT') throw new Error(`${query.name}: not cached (X-Cache ${xCache})`)
  }
  // Ceiling and cache alternate per query, so both see the same load of a shared machine.
  const ceiling = await start(
    ['bench/handlers.ts', 'ceiling'],
    { BENCH_BYTES: bytesFile },
    'ready',
    PORT + 1,
  )
  for (const query of queries) {
    await measure('ceiling', [query], rows, ceiling.child.pid!, PORT + 1)
    await measure('e2e warm', [query], rows, e2e.child.pid!)
  }
  await ceiling.stop()

  const login = await fetch(`http://127.0.0.1:${PORT}/api/users/login`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify(editor),
  })
  const { token } = (await login.json()) as { token: string }
  let saves = 0
  let saveErrors = 0
  // Reads of every query at 50 connections while an editor publishes a change every second.
  const readWhileEditing = async (seconds: number) => {
    let running = true
    const editing = (async () => {
      for (let i = saves; running; i++) {
        const target = list.docs[i % 20]! // among the newest, so lists and articles under load change
        const res = await fetch(`http://127.0.0.1:${PORT}/api/articles/${target.id}?locale=de`, {
          method: 'PATCH',
          headers: { ...JSON_HEADERS, authorization: `JWT ${token}` },
          body: JSON.stringify({ summary: `Geänderte Zusammenfassung ${i}`, _status: 'published' }),
        })
        await res.arrayBuffer()
        saves += 1
        if (res.status !== 200) saveErrors += 1
        await sleep(1000)
      }
    })()
    const result = await autocannon({
      url: `http://127.0.0.1:${PORT}`,
      connections: CONNECTIONS,
      duration: seconds,
      requests: queries.map((q) => ({
        method: q.method,
        path: q.path,
        body: q.body,
        headers: q.body ? JSON_HEADERS : undefined,
      })),
    })
    running = false
    await editing
    return result
  }
  // Warm-up of the same mix (the write path and the cache fill up), then the soak; RSS once a second.
  const rss: number[] = []
  const sampler = setInterval(() => rss.push(rssMB(e2e.child.pid!)), 1000)
  await readWhileEditing(WARMUP_SECONDS)
  const rssAfterWarmup = rssWindow(rss)
  // What the process holds once the warm-up's load has stopped (the figure of a server between
  // peaks), then the soak's own high-water mark.
  await settle(e2e.child.pid!)
  const rssIdleAfterWarmup = rssMB(e2e.child.pid!)
  const warmupReadings = rss.length
  saves = saveErrors = 0
  log(
    `Soak: ${SOAK_SECONDS} s, ${CONNECTIONS} connections, all queries, one editor save per second`,
  )
  const soakResult = await readWhileEditing(SOAK_SECONDS)
  clearInterval(sampler)
  const rssAfterSoak = rssWindow(rss.slice(warmupReadings))
  const rssSoakPeak = Math.max(...rss.slice(warmupReadings))
  const rssTimeline = rss.filter((_, i) => i % 5 === 4) // every 5 s, for results.json
  const soak = {
    seconds: SOAK_SECONDS,
    requests: soakResult.requests.total,
    rps: Math.round(soakResult.requests.average),
    p50: soakResult.latency.p50,
    p99: soakResult.latency.p99,
    maxMs: soakResult.latency.max,
    errors: soakResult.errors + soakResult.timeouts + soakResult.non2xx,
    saves,
    saveErrors,
  }
  await e2e.stop()

  // Bare, ours and the real server with the cache off side by side, alternating per query, two
  // runs each (the better one counts), so that the load of a shared machine and the JIT's warm-up
  // weigh on all alike.
  log('Uncached: bare and ours (Payload handlers in plain Express), the real server with CACHE=off')
  const ports = { bare: PORT, ours: PORT + 2, 'e2e off': offPort }
  const handlers = {
    bare: await start(['bench/handlers.ts', 'bare'], {}, 'ready', ports.bare),
    ours: await start(['bench/handlers.ts', 'ours'], {}, 'ready', ports.ours),
    'e2e off': e2eOff,
  }
  const uncached = ['bare', 'ours', 'e2e off'] as const
  for (const query of queries) {
    const runs: Row[] = []
    for (let round = 0; round < 2; round++) {
      for (const mode of uncached) {
        await fetchQuery(query, ports[mode])
        await measure(mode, [query], runs, handlers[mode].child.pid!, ports[mode])
      }
    }
    for (const mode of uncached)
      rows.push(
        runs.filter((r) => r.config === mode).sort((a, b) => b.perCpuSecond - a.perCpuSecond)[0]!,
      )
  }
  await Promise.all(Object.values(handlers).map((h) => h.stop()))

  for (const row of rows) {
    const of = (config: string) => rows.find((r) => r.config === config && r.query === row.query)!
    const ratio = (value: number, base: number) =>
      base ? Math.round((value / base) * 1000) / 1000 : undefined
    row.ofCeiling = ratio(row.rps, of('ceiling').rps)
    // Ours and bare do the same work per request apart from our hooks: compared per CPU-second,
    // which other load on a shared machine leaves alone (req/s swing by ±10% between runs).
    row.ofBare = ratio(row.perCpuSecond, of('bare').perCpuSecond)
  }
  const order = ['ceiling', 'bare', 'ours', 'e2e off', 'e2e warm']
  rows.sort(
    (a, b) =>
      queries.findIndex((q) => q.name === a.query) - queries.findIndex((q) => q.name === b.query) ||
      order.indexOf(a.config) - order.indexOf(b.config),
  )

  const pct = (x?: number) => (x === undefined ? '–' : `${Math.round(x * 100)}%`)
  const lines = [
    '| query | config | req/s | per CPU-s | p50 ms | p99 ms | errors | of ceiling | of bare (per CPU-s) |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.query} | ${r.config} | ${r.rps} | ${r.perCpuSecond} | ${r.p50} | ${r.p99} | ${r.errors} | ${pct(r.ofCeiling)} | ${pct(r.ofBare)} |`,
    ),
  ]
  const warm = rows.filter((r) => r.config === 'e2e warm')
  const ours = rows.filter((r) => r.config === 'ours')
  const off = rows.filter((r) => r.config === 'e2e off')
  const rssGrowth = (rssAfterSoak.peak - rssAfterWarmup.peak) / rssAfterWarmup.peak
  const floorGrowth = (rssAfterSoak.floor - rssAfterWarmup.floor) / rssAfterWarmup.floor
  const targets = {
    'uncached end to end (e2e off) ≥ 90% of bare per CPU-s': off.every(
      (r) => (r.ofBare ?? 0) >= 0.9,
    ),
    'uncached handlers (ours) ≥ 90% of bare per CPU-s': ours.every((r) => (r.ofBare ?? 0) >= 0.9),
    'cached ≥ 80% of ceiling': warm.every((r) => (r.ofCeiling ?? 0) >= 0.8),
    'cached p99 ≤ 20 ms': warm.every((r) => r.p99 <= 20),
    'cached 0 errors': warm.every((r) => r.errors === 0),
    'RSS after warm-up ≤ 450 MB': rssIdleAfterWarmup <= 450,
    'RSS peak during the soak ≤ 700 MB': rssSoakPeak <= 700,
    'soak 0 errors': soak.errors === 0 && soak.saveErrors === 0,
    'soak 0 requests over 2 s': soak.maxMs <= 2000,
    'RSS (peak) after soak within 10% of after warm-up': Math.abs(rssGrowth) <= 0.1,
  }
  console.log(`\n${lines.join('\n')}\n`)
  console.log(
    `Soak (${soak.seconds} s, cache on, ${soak.saves} editor saves): ${soak.requests} requests, ${soak.rps} req/s, p50 ${soak.p50} ms, p99 ${soak.p99} ms, max ${soak.maxMs} ms, errors ${soak.errors}, failed saves ${soak.saveErrors}`,
  )
  console.log(
    `RSS of the real server (the whole process tree: one process): ${rssIdleAfterWarmup} MB after the ${WARMUP_SECONDS} s warm-up once idle, ${rssSoakPeak} MB peak during the soak`,
  )
  console.log(
    `RSS over the last ${RSS_WINDOW} s of the warm-up and of the soak: peak ${rssAfterWarmup.peak} → ${rssAfterSoak.peak} MB (${(rssGrowth * 100).toFixed(1)}%), floor ${rssAfterWarmup.floor} → ${rssAfterSoak.floor} MB (${(floorGrowth * 100).toFixed(1)}%); every 5 s: ${rssTimeline.join(' ')}`,
  )
  console.log(
    `Targets: ${Object.entries(targets)
      .map(([name, ok]) => `${ok ? '✓' : '✕'} ${name}`)
      .join('; ')}`,
  )

  const results = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      loadavg: os.loadavg(),
      node: process.version,
    },
    settings: {
      seconds: SECONDS,
      connections: CONNECTIONS,
      articles: ARTICLES,
      soakSeconds: SOAK_SECONDS,
    },
    queries: queries.map(({ name, method, path: p }) => ({ name, method, path: p })),
    rows,
    soak,
    rssMB: {
      idleAfterWarmup: rssIdleAfterWarmup,
      soakPeak: rssSoakPeak,
      afterWarmup: rssAfterWarmup,
      afterSoak: rssAfterSoak,
      every5s: rssTimeline,
    },
    targets,
    table: lines.join('\n'),
  }
  fs.mkdirSync(path.join(root, 'bench'), { recursive: true })
  fs.writeFileSync(
    path.join(root, 'bench', 'results.json'),
    `${JSON.stringify(results, null, 2)}\n`,
  )
  fs.rmSync(work, { recursive: true, force: true })
  log('Wrote bench/results.json')
}

runMain(main)
