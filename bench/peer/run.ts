/**
 * `npm run bench:peer` (needs `npm run build` and the npm registry; not part of CI: it builds
 * Directus's sqlite3 from source once and takes minutes): our server side by side with Directus
 * (./directus.ts), the headless CMS a newsroom would most likely pick instead.
 *
 * Both get the same BENCH_ARTICLES (200) articles in English and German with 3 teasers each and
 * the same ids, on SQLite. Requests: one article by id with its teasers in German, the 10 newest in
 * German; first both uncached (our CACHE=off, Directus CACHE_ENABLED=false), then both cached (ours
 * as `npm start` runs it, Directus with its memory cache and auto purge). Each request runs
 * BENCH_SECONDS (10) at 20 connections, ours and Directus alternating, 3 rounds; printed per pair:
 * req/s, requests per CPU-second of the server process, p50/p99 and the ratios. Also: the answers'
 * ids, titles and teasers compared (the data check), cold start to the first answered read, RSS at
 * the first read and after the load, and the publish round trip (an editor's German title change
 * published, time to its answer and until an anonymous read sees it). Figures: docs/performance.md.
 *
 * Uncached only, a third request, `listFields`: the list with ours asked, through Payload's `select`
 * and `populate`, for the fields Directus's answer has (id, status, slug, date, the German title,
 * summary and body; the teasers' ids, titles and summaries), so both answers carry the same
 * content; Directus runs its list request again.
 *
 * BENCH_PROCESSES=N runs ours with WEB_CONCURRENCY=N (N processes behind one port, see
 * docs/deployment.md); CPU and memory are then those of all its processes together, and the
 * figures go to results-N-processes.json.
 *
 * BENCH_DATABASE=postgres runs ours on a PostgreSQL cluster of its own (Debian's server binaries,
 * scripts/postgres.mjs; with BENCH_PROCESSES > 1 also a redis-server for the purges), Directus
 * stays on SQLite. Ours' CPU then includes PostgreSQL's processes; its memory does not (shared
 * buffers are shared between them). Figures go to results-postgres[-N-processes].json.
 */
import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'

import autocannon from 'autocannon'

import { startPostgres } from '../../scripts/postgres.mjs'
import { SERVER_ARGS } from '../../scripts/server-args.mjs'
import { startRedis } from '../../tests/cluster/services'
import {
  cpuTicks,
  type Child,
  memoryMB,
  root,
  rssMB,
  runMain,
  settle,
  sleep,
  startProcess,
} from '../lib'
import { articles, type Seeded } from './data'
import {
  bootstrapDirectus,
  createSchema,
  DIRECTUS_FIELDS,
  DIRECTUS_VERSION,
  directusApi,
  directusEnv,
  installDirectus,
  seedDirectus,
} from './directus'

const SECONDS = Number(process.env.BENCH_SECONDS || 10)
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3)
const PUBLISHES = Number(process.env.BENCH_PUBLISHES || 10)
const CONNECTIONS = 20
const PORT = Number(process.env.BENCH_PORT || 3330)
const PROCESSES = Number(process.env.BENCH_PROCESSES || 1)
const POSTGRES = process.env.BENCH_DATABASE === 'postgres'
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-peer-'))
const log = (line: string) => process.stderr.write(`${line}\n`)
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')

const ours: Record<string, string> = {
  NODE_ENV: 'production',
  DATABASE_URI: `file:${path.join(work, 'ours.db')}`,
  MEDIA_DIR: path.join(work, 'media'),
  PAYLOAD_SECRET: crypto.randomBytes(32).toString('hex'),
  REDIS_URL: '',
  WEB_CONCURRENCY: String(PROCESSES),
}
const editor = { email: 'peer-editor@example.com', password: 'peer-editor-password' }

type Peer = 'ours' | 'directus'
type System = Peer | 'node:http'
type Server = Child & {
  system: System
  /** Processes whose CPU counts as the server's too (PostgreSQL's) */
  alsoPids?: number[]
  base: string
  coldStartMs: number
  rssFirstRead: number
  memoryFirstRead: ReturnType<typeof memoryMB>
}
type Paths = Record<'byId' | 'list' | 'listFields', string>
type Summary = { id: string; title: string; teasers: string[] }

// ---------------------------------------------------------------------------------------------
// What both answer, reduced to what must be the same

type Doc = Record<string, any>
const fromOurs = (doc: Doc): Summary => ({
  id: doc.id,
  title: doc.title,
  teasers: (doc.relatedArticles as Doc[]).map((t) => `${t.id} ${t.title}`),
})
const fromDirectus = (doc: Doc): Summary => ({
  id: doc.id,
  title: doc.translations[0].title,
  teasers: [...(doc.teasers as Doc[])]
    .sort((a, b) => a.sort - b.sort)
    .map((t) => `${t.teasers_id.id} ${t.teasers_id.translations[0].title}`),
})

async function answer(server: Server, route: string): Promise<Doc> {
  const res = await fetch(`${server.base}${route}`)
  if (res.status !== 200) throw new Error(`${server.system} ${route}: ${res.status}`)
  const body = (await res.json()) as Doc
  return server.system === 'directus' ? body.data : body
}

async function dataCheck(servers: Record<Peer, Server>, paths: Record<Peer, Paths>) {
  const summaries = async (system: Peer) => {
    const reduce = system === 'ours' ? fromOurs : fromDirectus
    const one = reduce(await answer(servers[system], paths[system].byId))
    const lists = await Promise.all(
      [paths[system].list, paths[system].listFields].map(async (route) => {
        const list = await answer(servers[system], route)
        return (system === 'ours' ? list.docs : list).map(reduce)
      }),
    )
    if (JSON.stringify(lists[0]) !== JSON.stringify(lists[1]))
      throw new Error(`${system}: the list with Directus's fields differs from the list`)
    return JSON.stringify({ one, list: lists[0] })
  }
  const [a, b] = [await summaries('ours'), await summaries('directus')]
  if (a !== b) throw new Error(`The answers differ:\nours     ${a}\ndirectus ${b}`)
  const bytes = async (system: Peer, route: string) =>
    (await (await fetch(`${servers[system].base}${route}`)).arrayBuffer()).byteLength
  return `same ids, German titles and teasers in both answers (${a.length} characters compared); the list's JSON: ours ${await bytes('ours', paths.ours.list)} bytes, with Directus's fields ${await bytes('ours', paths.ours.listFields)}, Directus ${await bytes('directus', paths.directus.list)}`
}

// ---------------------------------------------------------------------------------------------
// Servers

async function started(system: System, child: Promise<Child>, base: string, probe: string) {
  const spawned = Date.now()
  const c = await child
  for (;;) {
    if (c.child.exitCode !== null) throw new Error(`${system} exited:\n${c.output()}`)
    const res = await fetch(`${base}${probe}`).catch(() => undefined)
    if (res?.status === 200) break
    await sleep(50)
  }
  const memory = memoryMB(c.child.pid!)
  const server = {
    ...c,
    system,
    base,
    coldStartMs: Date.now() - spawned,
    rssFirstRead: memory.rss,
    memoryFirstRead: memory,
  }
  return server
}

let alsoPids: number[] = []
const startOurs = async (cache: boolean, probe: string) => ({
  ...(await started(
    'ours',
    startProcess(
      SERVER_ARGS,
      { ...ours, PORT: String(PORT), CACHE: cache ? 'on' : 'off' },
      '', // ready when it answers
    ),
    `http://127.0.0.1:${PORT}`,
    probe,
  )),
  alsoPids,
})

/** PostgreSQL (and Redis with several processes) for ours; stopped when the bench ends. */
async function startServices(): Promise<() => void> {
  const cluster = await startPostgres()
  alsoPids = [cluster.pid]
  ours.DATABASE_URI = `${cluster.uri}/newsroom`
  const stops = [cluster.stop]
  if (PROCESSES > 1) {
    const redis = await startRedis(PORT + 3)
    ours.REDIS_URL = `redis://127.0.0.1:${redis.port}`
    // synchronous, so that it also runs in the 'exit' handler below
    stops.push(() => redis.child.kill('SIGKILL'))
  }
  let stopped = false
  const stopAll = () => {
    if (stopped) return
    stopped = true
    stops.reverse().forEach((stop) => stop())
  }
  // also when the bench fails half-way: the cluster runs detached from this process
  process.once('exit', stopAll)
  return stopAll
}

const startDirectus = (cli: string, cache: boolean, probe: string) =>
  started(
    'directus',
    startProcess(
      [cli, 'start'],
      { ...directusEnv(work, cache), PORT: String(PORT + 1), HOST: '127.0.0.1' },
      '',
      path.dirname(path.dirname(path.dirname(cli))),
    ),
    `http://127.0.0.1:${PORT + 1}`,
    probe,
  )

/**
 * node:http sending what ours sent for `route` (identity, as the load generator asks): the ceiling
 * of a cached answer of that size in Node (bench/ceiling.mjs).
 */
async function startCeiling(from: Server, route: string): Promise<Server> {
  const sample = await new Promise<{ body: Buffer; headers: Record<string, string> }>(
    (resolve, reject) =>
      http
        .get(`${from.base}${route}`, (res) => {
          const chunks: Buffer[] = []
          res.on('data', (d: Buffer) => chunks.push(d))
          res.on('end', () => {
            const headers: Record<string, string> = {}
            for (let i = 0; i < res.rawHeaders.length; i += 2)
              if (!/^(date|connection|keep-alive)$/i.test(res.rawHeaders[i]!))
                headers[res.rawHeaders[i]!] = res.rawHeaders[i + 1]!
            resolve({ body: Buffer.concat(chunks), headers })
          })
        })
        .on('error', reject),
  )
  const [bodyFile, headersFile] = [path.join(work, 'ceiling.body'), path.join(work, 'ceiling.json')]
  fs.writeFileSync(bodyFile, sample.body)
  fs.writeFileSync(headersFile, JSON.stringify(sample.headers))
  const port = PORT + 2
  const child = await startProcess(
    ['bench/ceiling.mjs', String(port), bodyFile, headersFile],
    {},
    'listening',
  )
  return {
    ...child,
    system: 'node:http',
    base: `http://127.0.0.1:${port}`,
    coldStartMs: 0,
    rssFirstRead: 0,
    memoryFirstRead: memoryMB(child.child.pid!),
  }
}

// ---------------------------------------------------------------------------------------------
// Load

type Row = {
  cache: 'uncached' | 'cached'
  request: string
  round: number
  system: System
  rps: number
  perCpuSecond: number
  p50: number
  p99: number
  max: number
  errors: number
  load: string
}

async function measure(
  server: Server,
  route: string,
): Promise<Omit<Row, 'cache' | 'request' | 'round'>> {
  const pid = server.child.pid!
  await settle(pid)
  const cpu = () => [pid, ...(server.alsoPids ?? [])].reduce((n, p) => n + cpuTicks(p), 0)
  const before = cpu()
  const result = await autocannon({
    url: `${server.base}${route}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    timeout: 30,
  })
  await settle(pid) // what was still queued when the run ended is answered too
  return {
    system: server.system,
    rps: Math.round(result.requests.average),
    perCpuSecond: Math.round(result.requests.total / ((cpu() - before) / 100)),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts + result.non2xx,
    load: load(),
  }
}

// ---------------------------------------------------------------------------------------------
// Publish round trip: an editor publishes a new German title; when does an anonymous read see it?

type Publish = { writeMs: number[]; visibleMs: number[]; stale: number }

async function publishRoundTrip(
  server: Server,
  read: string,
  write: (title: string) => Promise<Response>,
  titleOf: (doc: Doc) => string,
  into: Publish,
  i: number,
) {
  const title = `Neuer Titel ${i} ${crypto.randomUUID()}`
  const t0 = performance.now()
  let visible = 0
  let answered = 0
  const polling = (async () => {
    while (!visible && performance.now() - t0 < 10_000) {
      if (titleOf(await answer(server, read)) === title) visible = performance.now() - t0
    }
  })()
  const res = await write(title)
  await res.arrayBuffer()
  if (!res.ok) throw new Error(`${server.system} publish: ${res.status}`)
  answered = performance.now() - t0
  // A read after the answer that still shows the old title is a stale read.
  if (titleOf(await answer(server, read)) !== title) into.stale++
  await polling
  into.writeMs.push(answered)
  into.visibleMs.push(visible || NaN)
}

// ---------------------------------------------------------------------------------------------

const median = (values: number[]) => {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b)
  return sorted.length ? sorted[Math.floor(sorted.length / 2)]! : NaN
}
const ms = (v: number) => (Number.isNaN(v) ? '–' : String(Math.round(v)))
const ratio = (a: number, b: number) => (b ? (a / b).toFixed(2) : '–')

async function main() {
  log(
    `bench:peer — ours (${PROCESSES} process${PROCESSES > 1 ? 'es' : ''}) vs Directus ${DIRECTUS_VERSION}; ${os.cpus().length} CPUs, load ${load()}, ${SECONDS} s per run, ${CONNECTIONS} connections, ${ROUNDS} rounds`,
  )
  if (!fs.existsSync(path.join(root, 'dist/server.js')))
    throw new Error('dist/server.js is missing: run `npm run build` first')
  const cli = installDirectus(log)
  const content = articles()
  const stopServices = POSTGRES ? await startServices() : () => {}

  log(`Seeding ${content.length} articles × 3 teasers into ours (Local API)…`)
  const idsFile = path.join(work, 'ids.json')
  execFileSync(process.execPath, ['--import', 'tsx', 'bench/peer/ours.ts', idsFile], {
    cwd: root,
    env: {
      ...process.env,
      ...ours,
      NODE_OPTIONS: '--conditions=production --conditions=ai-newsroom-source --no-deprecation',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const ids = JSON.parse(fs.readFileSync(idsFile, 'utf8')) as Seeded
  const newest = ids[ids.length - 1]!.id
  const article = ids[Math.floor(ids.length / 2)]!.id
  const directusList = `/items/articles?limit=10&sort=-published_at&${DIRECTUS_FIELDS}`
  const paths: Record<Peer, Paths> = {
    ours: {
      byId: `/api/articles/${article}?locale=de&depth=1`,
      list: '/api/articles?limit=10&depth=1&sort=-publishedAt&locale=de',
      listFields:
        '/api/articles?limit=10&depth=1&sort=-publishedAt&locale=de&' +
        ['title', 'summary', 'body', 'slug', 'publishedAt', 'relatedArticles']
          .map((field) => `select[${field}]=true`)
          .join('&') +
        '&populate[related-articles][title]=true&populate[related-articles][summary]=true',
    },
    directus: {
      byId: `/items/articles/${article}?${DIRECTUS_FIELDS}`,
      list: directusList,
      listFields: directusList, // its list has these fields already
    },
  }

  log('Bootstrapping Directus and loading the same content (REST)…')
  bootstrapDirectus(cli, directusEnv(work, false))
  {
    const directus = await startDirectus(cli, false, '/server/ping')
    const api = directusApi(directus.base)
    await createSchema(api)
    await seedDirectus(api, content, ids)
    await directus.stop()
  }

  const rows: Row[] = []
  const servers: Record<string, Record<Peer, Server>> = {}
  const rss: Record<string, Record<Peer, { firstRead: number; afterLoad: number }>> = {}
  const publish: Record<Peer, Publish> = {
    ours: { writeMs: [], visibleMs: [], stale: 0 },
    directus: { writeMs: [], visibleMs: [], stale: 0 },
  }
  let check = ''
  for (const cache of ['uncached', 'cached'] as const) {
    const on = cache === 'cached'
    // One at a time, so that neither start competes with the other for the CPU.
    const pair = {
      ours: await startOurs(on, paths.ours.byId),
      directus: await startDirectus(cli, on, paths.directus.byId),
    }
    servers[cache] = pair
    rss[cache] = {
      ours: { firstRead: pair.ours.rssFirstRead, afterLoad: 0 },
      directus: { firstRead: pair.directus.rssFirstRead, afterLoad: 0 },
    }
    if (!check) check = await dataCheck(pair, paths)
    const mem = (m: ReturnType<typeof memoryMB>) =>
      `${m.rss} MB (anonymous ${m.anon}, files ${m.file})`
    log(
      `${cache}: cold start to first read ours ${pair.ours.coldStartMs} ms, Directus ${pair.directus.coldStartMs} ms; RSS at first read ours ${mem(pair.ours.memoryFirstRead)}, Directus ${mem(pair.directus.memoryFirstRead)}`,
    )
    for (const system of ['ours', 'directus'] as const)
      for (const route of Object.values(paths[system]))
        for (let i = 0; i < 20; i++) await answer(pair[system], route) // JIT and, when on, the cache
    // Cached: the list's bytes from bare node:http too, the ceiling for an answer of that size.
    const ceiling = on ? await startCeiling(pair.ours, paths.ours.list) : undefined
    for (let round = 1; round <= ROUNDS; round++) {
      for (const request of on
        ? (['byId', 'list'] as const)
        : (['byId', 'list', 'listFields'] as const)) {
        const systems =
          ceiling && request === 'list'
            ? (['ours', 'directus', 'node:http'] as const)
            : (['ours', 'directus'] as const)
        for (const system of systems) {
          const server = system === 'node:http' ? ceiling! : pair[system]
          const row = {
            cache,
            request,
            round,
            ...(await measure(
              server,
              system === 'node:http' ? paths.ours[request] : paths[system][request],
            )),
          }
          rows.push(row)
          log(
            `  ${cache} ${request.padEnd(4)} round ${round} ${system.padEnd(8)} ${String(row.rps).padStart(5)} req/s ${String(row.perCpuSecond).padStart(5)} per CPU-s  p50 ${row.p50} p99 ${row.p99} max ${row.max} ms  errors ${row.errors}  load ${row.load}`,
          )
        }
      }
    }
    await ceiling?.stop()
    for (const system of ['ours', 'directus'] as const)
      rss[cache]![system].afterLoad = rssMB(pair[system].child.pid!)

    if (on) {
      log(`Publish round trip: ${PUBLISHES} German title changes each, alternating`)
      const login = await fetch(`${pair.ours.base}/api/users/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(editor),
      })
      const { token } = (await login.json()) as { token: string }
      const api = directusApi(pair.directus.base)
      const [translation] = await api(
        'GET',
        `/items/articles_translations?filter[articles_id][_eq]=${newest}&filter[languages_code][_eq]=de&fields=id`,
      )
      const read = {
        ours: `/api/articles/${newest}?locale=de&depth=0`,
        directus: `/items/articles/${newest}?fields=translations.title&deep[translations][_filter][languages_code][_eq]=de`,
      }
      for (let i = 0; i < PUBLISHES; i++) {
        await publishRoundTrip(
          pair.ours,
          read.ours,
          (title) =>
            // depth=0 as Payload's admin publishes (Directus answers with the item's own fields too)
            fetch(`${pair.ours.base}/api/articles/${newest}?locale=de&depth=0`, {
              method: 'PATCH',
              headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
              body: JSON.stringify({ title, _status: 'published' }),
            }),
          (doc) => doc.title,
          publish.ours,
          i,
        )
        await publishRoundTrip(
          pair.directus,
          read.directus,
          (title) =>
            fetch(`${pair.directus.base}/items/articles/${newest}`, {
              method: 'PATCH',
              headers: {
                'content-type': 'application/json',
                authorization: 'Bearer peer-admin-token',
              },
              body: JSON.stringify({
                translations: { create: [], update: [{ id: translation.id, title }], delete: [] },
              }),
            }),
          (doc) => doc.translations[0].title,
          publish.directus,
          i,
        )
      }
    }
    await pair.ours.stop()
    await pair.directus.stop()
  }

  // Per pair (the same request, round and cache mode: ours, then Directus right after).
  const lines = [
    '| cache | request | round | ours req/s | Directus req/s | ours per CPU-s | Directus per CPU-s | per CPU-s ratio | ours p50 / p99 ms | Directus p50 / p99 ms | p99 ratio | ours p99/p50 | errors | load |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ]
  for (const row of rows.filter((r) => r.system === 'ours')) {
    const peer = rows.find(
      (r) =>
        r.system === 'directus' &&
        r.cache === row.cache &&
        r.request === row.request &&
        r.round === row.round,
    )!
    lines.push(
      `| ${row.cache} | ${row.request} | ${row.round} | ${row.rps} | ${peer.rps} | ${row.perCpuSecond} | ${peer.perCpuSecond} | ${ratio(row.perCpuSecond, peer.perCpuSecond)} | ${row.p50} / ${row.p99} | ${peer.p50} / ${peer.p99} | ${ratio(row.p99, peer.p99)} | ${ratio(row.p99, row.p50)} | ${row.errors} / ${peer.errors} | ${row.load} |`,
    )
  }
  for (const row of rows.filter((r) => r.system === 'node:http')) {
    const [oursRow, peer] = (['ours', 'directus'] as const).map((system) =>
      rows.find(
        (r) =>
          r.system === system &&
          r.cache === row.cache &&
          r.request === row.request &&
          r.round === row.round,
      )!,
    )
    lines.push(
      `| node:http, ours' bytes | ${row.request} | ${row.round} | ${row.rps} | ${peer!.rps} | ${row.perCpuSecond} | ${peer!.perCpuSecond} | ${ratio(row.perCpuSecond, peer!.perCpuSecond)} | ${row.p50} / ${row.p99} | ${peer!.p50} / ${peer!.p99} | ours at ${Math.round((100 * oursRow!.perCpuSecond) / row.perCpuSecond)}% of it | | ${row.errors} | ${row.load} |`,
    )
  }
  const other = [
    `| measure | ours | Directus | ratio |`,
    '|---|---:|---:|---:|',
    ...(['uncached', 'cached'] as const).flatMap((cache) => [
      `| cold start to first read (${cache}), ms | ${servers[cache]!.ours.coldStartMs} | ${servers[cache]!.directus.coldStartMs} | ${ratio(servers[cache]!.ours.coldStartMs, servers[cache]!.directus.coldStartMs)} |`,
      `| RSS at first read (${cache}), MB | ${rss[cache]!.ours.firstRead} | ${rss[cache]!.directus.firstRead} | ${ratio(rss[cache]!.ours.firstRead, rss[cache]!.directus.firstRead)} |`,
      `| RSS after the load (${cache}), MB | ${rss[cache]!.ours.afterLoad} | ${rss[cache]!.directus.afterLoad} | ${ratio(rss[cache]!.ours.afterLoad, rss[cache]!.directus.afterLoad)} |`,
    ]),
    `| publish write p50 / max, ms | ${ms(median(publish.ours.writeMs))} / ${ms(Math.max(...publish.ours.writeMs))} | ${ms(median(publish.directus.writeMs))} / ${ms(Math.max(...publish.directus.writeMs))} | ${ratio(median(publish.ours.writeMs), median(publish.directus.writeMs))} |`,
    `| publish to visible p50 / max, ms | ${ms(median(publish.ours.visibleMs))} / ${ms(Math.max(...publish.ours.visibleMs))} | ${ms(median(publish.directus.visibleMs))} / ${ms(Math.max(...publish.directus.visibleMs))} | ${ratio(median(publish.ours.visibleMs), median(publish.directus.visibleMs))} |`,
    `| stale reads after the write's answer | ${publish.ours.stale} | ${publish.directus.stale} | |`,
  ]
  console.log(`\nData check: ${check}\n\n${lines.join('\n')}\n\n${other.join('\n')}\n`)
  const results = `results${POSTGRES ? '-postgres' : ''}${PROCESSES > 1 ? `-${PROCESSES}-processes` : ''}.json`
  fs.writeFileSync(
    path.join(root, 'bench', 'peer', results),
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: {
          cpus: os.cpus().length,
          model: os.cpus()[0]?.model,
          node: process.version,
          load: load(),
        },
        settings: {
          seconds: SECONDS,
          rounds: ROUNDS,
          connections: CONNECTIONS,
          articles: ids.length,
          directus: DIRECTUS_VERSION,
          oursProcesses: PROCESSES,
          oursDatabase: POSTGRES ? 'postgres' : 'sqlite',
        },
        check,
        rows,
        rss,
        publish,
        table: lines.join('\n'),
        other: other.join('\n'),
      },
      null,
      2,
    )}\n`,
  )
  stopServices()
  fs.rmSync(work, { recursive: true, force: true })
  log(`Wrote bench/peer/${results}`)
}

runMain(main)
