/**
 * The standing hostile-client suite (`npm run test:hostile`, after `npm run build`): the compiled
 * server in production mode on a fresh SQLite file, with the test metrics hook on
 * (NEWSROOM_TEST_METRICS=1, src/server/testMetrics.ts) and `--expose-gc`. First the findings of issue
 * 26 (tests/hostile/findings.ts), then every operation generated from the config
 * (tests/hostile/generated.ts) × malformed, oversized, nested, many-distinct and concurrent inputs.
 *
 * A case fails when the process dies (the suite restarts it for the next case), when any answer is
 * a 5xx, when the heap retained after a forced GC grows by more than HOSTILE_RETAINED_MB (64) over
 * the case, when /healthz does not answer 200 within HOSTILE_LIVENESS_MS (5000) while it runs, or
 * when its own check fails (the confidentiality checks). Prints a report per case and the figures
 * (docs/security.md); exits 1 when a case failed.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { SanitizedConfig } from 'payload'

import { serverEnv } from '../helpers/serverEnv'
import { FINDINGS, jpegWithGps, multipart, type Ctx } from './findings'
import {
  actionInputs,
  CLASSES,
  graphQLFields,
  graphQLInputs,
  restInputs,
  restOperations,
  serverActions,
  type Attack,
  type InputClass,
} from './generated'
import {
  HealthProbe,
  metrics,
  pool,
  round,
  send,
  sendRaw,
  startServer,
  type Answer,
  type Send,
  type Server,
} from './lib'

const RETAINED_BOUND_MB = Number(process.env.HOSTILE_RETAINED_MB || 64)
const LIVENESS_MS = Number(process.env.HOSTILE_LIVENESS_MS || 5000)
const ONLY = process.env.HOSTILE_ONLY // e.g. "F1,F3" or "REST": run only the cases whose id starts so
const admin = {
  email: 'hostile-admin@example.com',
  password: `hostile-${crypto.randomBytes(8).toString('hex')}`,
}
process.env.HOSTILE_ADMIN_EMAIL = admin.email
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-hostile-'))
const started = Date.now()
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`

type CaseReport = {
  id: string
  finding: string
  name: string
  ok: boolean
  reasons: string[]
  notes: string[]
  requests: number
  statuses: Record<string, number>
  seconds: number
  peakHeapMb: number
  retainedGrowthMb: number | null
  loopMaxMs: number
  healthz: { p50: number; p99: number; max: number }
}

let server: Server
let generation = 0
let restart = false
const probe = new HealthProbe(() => server.port, LIVENESS_MS)
const perClass: Record<string, number> = {}
const reports: CaseReport[] = []

type Fx = Ctx['fx'] & {
  ids: Record<string, string>
  adminHeaders: Record<string, string>
  cookie: string
}
let fx: Fx

/** The built server on a new database of its own. */
async function startFresh(): Promise<void> {
  generation++
  const dir = path.join(tmp, `run-${generation}`)
  fs.mkdirSync(dir, { recursive: true })
  server = await startServer(
    serverEnv(path.join(dir, 'hostile.db'), path.join(dir, 'media'), admin, { TRUST_PROXY: '' }),
  )
}

async function boot(): Promise<void> {
  await startFresh()
  fx = await setup()
}

const jsonOf = (a: Answer) => {
  try {
    return JSON.parse(a.body.toString())
  } catch {
    return undefined
  }
}

/** Admin setup: fixtures the cases read and the confidentiality checks rely on. */
async function setup(): Promise<Fx> {
  const s = (x: Send) => send(server.port, x)
  const json = { 'content-type': 'application/json' }
  const login = await s({
    method: 'POST',
    path: '/api/users/login',
    headers: json,
    body: JSON.stringify(admin),
  })
  const token = jsonOf(login)?.token
  if (!token)
    throw new Error(`setup: admin login ${login.status} ${login.body.toString().slice(0, 200)}`)
  const adminHeaders = { authorization: `JWT ${token}` }
  const h = { ...adminHeaders, ...json }
  const hiddenWord = `Zebrafink${crypto.randomBytes(4).toString('hex')}`
  const related = jsonOf(
    await s({
      method: 'POST',
      path: '/api/related-articles?locale=en',
      headers: h,
      body: JSON.stringify({ title: 'Hostile related', url: 'https://example.com/x' }),
    }),
  )?.doc
  const created = await s({
    method: 'POST',
    path: '/api/articles?locale=en',
    headers: h,
    body: JSON.stringify({
      title: 'Hostile public english title',
      _status: 'published',
      relatedArticles: related ? [related.id] : [],
    }),
  })
  const article = jsonOf(created)?.doc
  if (!article)
    throw new Error(`setup: article ${created.status} ${created.body.toString().slice(0, 300)}`)
  // German text saved on the document, German not published (docs/publishing.md)
  const de = await s({
    method: 'PATCH',
    path: `/api/articles/${article.id}?locale=de`,
    headers: h,
    body: JSON.stringify({ title: `Geheimer Titel ${hiddenWord}`, _status: 'draft' }),
  })
  if (de.status !== 200)
    throw new Error(`setup: German save ${de.status} ${de.body.toString().slice(0, 300)}`)
  const up = multipart(
    { _payload: JSON.stringify({ alt: 'Hostile GPS' }) },
    { name: 'gps.jpg', type: 'image/jpeg', data: await jpegWithGps() },
  )
  const image = jsonOf(
    await s({
      method: 'POST',
      path: '/api/images',
      headers: { ...adminHeaders, ...up.headers },
      body: up.body,
    }),
  )?.doc
  if (!image?.filename) throw new Error('setup: image upload failed')
  return {
    articleId: String(article.id),
    hiddenWord,
    imageFile: image.filename,
    relationPaths,
    ids: {
      articles: String(article.id),
      'related-articles': String(related?.id ?? 1),
      images: String(image.id),
    },
    adminHeaders,
    cookie: `payload-token=${token}`,
  }
}

/** Relation paths for sorting, from the config: article relationship/upload fields × their targets' named fields. */
let relationPaths: string[] = []
function relationPathsOf(config: SanitizedConfig): string[] {
  const out: string[] = []
  const walk = (slug: string, prefix: string, depth: number) => {
    const collection = config.collections.find((c) => c.slug === slug)
    for (const f of collection?.flattenedFields ?? []) {
      if (['text', 'textarea', 'number', 'date'].includes(f.type) && prefix)
        out.push(`${prefix}${f.name}`)
      if (
        (f.type === 'relationship' || f.type === 'upload') &&
        typeof f.relationTo === 'string' &&
        depth < 2
      )
        walk(f.relationTo, `${prefix}${f.name}.`, depth + 1)
    }
  }
  walk('articles', '', 0)
  return out.length ? [...new Set(out)] : ['language.code']
}

async function runCase(
  id: string,
  finding: string,
  name: string,
  fn: (c: Ctx & { cls: (c: InputClass) => void }) => Promise<string[]>,
): Promise<void> {
  if (ONLY && !ONLY.split(',').some((p) => id.startsWith(p))) return
  // a fresh server after a death or a heap that kept what a case left: the cases stay independent
  if (restart || !server.alive()) {
    await server.stop()
    await boot()
    await probe.restart()
    restart = false
  }
  const before = await metrics(server.port, { gc: true, reset: true })
  probe.take()
  const t0 = Date.now()
  const statuses: Record<string, number> = {}
  const fivexx = new Map<string, number>()
  const notes: string[] = []
  let requests = 0
  let cls = 'finding'
  const record = (label: string, a: Answer) => {
    requests++
    perClass[cls] = (perClass[cls] ?? 0) + 1
    const key = a.status ? String(a.status) : `no answer (${(a.error ?? '').split(' ')[0]})`
    statuses[key] = (statuses[key] ?? 0) + 1
    if (a.status >= 500)
      fivexx.set(`${a.status} ${label}`, (fivexx.get(`${a.status} ${label}`) ?? 0) + 1)
    return a
  }
  const ctx = {
    // once the process is dead the rest of the case is not sent (and not counted)
    req: async (s: Send) =>
      server.alive()
        ? record(
            s.label ?? `${s.method ?? 'GET'} ${s.path.slice(0, 120)}`,
            await send(server.port, { timeoutMs: 60_000, ...s }),
          )
        : { status: 0, body: Buffer.alloc(0), ms: 0, error: 'process dead' },
    raw: async (b: Buffer) =>
      record(b.toString('latin1').split('\r\n')[0].slice(0, 120), await sendRaw(server.port, b)),
    pool,
    admin: fx.adminHeaders,
    fx,
    note: (s: string) => notes.push(s),
    cls: (c: InputClass) => (cls = c),
    cpuMs: async () => (await metrics(server.port)).cpuMs,
  }
  const reasons: string[] = []
  try {
    reasons.push(...(await fn(ctx)))
  } catch (error) {
    reasons.push(`the case itself failed: ${(error as Error).message}`)
  }
  const seconds = (Date.now() - t0) / 1000
  await new Promise((r) => setTimeout(r, 300)) // a last probe
  const health = probe.take()
  let after: Awaited<ReturnType<typeof metrics>> | undefined
  if (server.alive()) {
    try {
      after = await metrics(server.port, { gc: true })
    } catch (error) {
      // a process on its way out (e.g. out of heap in the forced GC)
      for (let i = 0; i < 20 && server.alive(); i++) await new Promise((r) => setTimeout(r, 250))
      if (server.alive()) reasons.push(`metrics hook did not answer: ${(error as Error).message}`)
    }
  }
  if (!server.alive()) {
    restart = true
    const out = server.output()
    const why = /FATAL ERROR[^\n]*/.exec(out)?.[0] ?? `…${out.slice(-400).replace(/\s+/g, ' ')}`
    reasons.unshift(
      `the process died (${server.child.exitCode ?? server.child.signalCode}): ${why}`,
    )
  }
  if (fivexx.size)
    reasons.push(
      `${[...fivexx.values()].reduce((a, b) => a + b, 0)} answers 5xx, by operation:\n${[...fivexx.entries()].map(([k, n]) => `          ${k}${n > 1 ? ` (×${n})` : ''}`).join('\n')}`,
    )
  const growth =
    after?.retainedHeapMb != null && before.retainedHeapMb != null
      ? round(after.retainedHeapMb - before.retainedHeapMb)
      : null
  if (growth !== null && growth > RETAINED_BOUND_MB) restart = true
  if (growth !== null && growth > RETAINED_BOUND_MB)
    reasons.push(`retained heap grew ${growth} MB (bound ${RETAINED_BOUND_MB} MB)`)
  if (health.failures.length && server.alive())
    reasons.push(
      `/healthz failed ${health.failures.length}× (${[...new Set(health.failures)].join(', ')}); slowest ${round(health.max / 1000)} s`,
    )
  const report: CaseReport = {
    id,
    finding,
    name,
    ok: reasons.length === 0,
    reasons,
    notes,
    requests,
    statuses,
    seconds: round(seconds),
    peakHeapMb: after?.peakHeapMb ?? 0,
    retainedGrowthMb: growth,
    loopMaxMs: after?.eventLoopDelayMs.max ?? 0,
    healthz: { p50: round(health.p50), p99: round(health.p99), max: round(health.max) },
  }
  reports.push(report)
  const mark = report.ok ? '✓' : '✕'
  console.log(
    `  ${mark} ${id} ${name} [${finding}] — ${requests} requests in ${report.seconds} s, statuses ${JSON.stringify(statuses)}, peak heap ${report.peakHeapMb} MB, retained +${growth ?? '?'} MB, loop max ${report.loopMaxMs} ms, healthz p99 ${report.healthz.p99} ms${notes.length ? `; ${notes.join('; ')}` : ''} (${elapsed()})`,
  )
  for (const r of reasons) console.log(`      ✕ ${r}`)
}

/** The input an attack sent, shortly: its target and the start of its body. */
function describe(a: Attack): string {
  if (a.cls === 'distinct') return 'distinct values'
  const target = a.req.path.length > 70 ? `${a.req.path.slice(0, 70)}…` : a.req.path
  const body = a.req.body
    ? ` body ${Buffer.from(a.req.body)
        .subarray(0, 24)
        .toString('latin1')
        .replace(/[^\x20-\x7e]/g, '?')}${a.req.body.length > 24 ? '…' : ''}`
    : ''
  return `${target}${body}`
}

/** Sends the attacks of one surface and class: single requests SWEEP_WIDTH at a time, bursts all at once. */
const SWEEP_WIDTH = 4
async function attack(c: Ctx & { cls: (c: InputClass) => void }, attacks: Attack[]) {
  for (const cls of CLASSES) {
    c.cls(cls)
    const mine = attacks.filter((a) => a.cls === cls)
    await pool(
      SWEEP_WIDTH,
      mine
        .filter((a) => !a.burst)
        .map(
          (a) => () => c.req({ timeoutMs: 30_000, label: `${a.op} ← ${describe(a)}`, ...a.req }),
        ),
    )
    for (const a of mine.filter((x) => x.burst))
      await Promise.all(
        Array.from({ length: a.burst! }, () =>
          c.req({ timeoutMs: 30_000, label: `${a.op} ← ${describe(a)}`, ...a.req }),
        ),
      )
  }
  return []
}

async function main(): Promise<number> {
  console.log(
    `hostile-client suite: bounds retained +${RETAINED_BOUND_MB} MB per case, /healthz within ${LIVENESS_MS / 1000} s`,
  )
  // The config from source (the operations), while the built server starts.
  process.env.DATABASE_URI = `file:${path.join(tmp, 'config-only.db')}`
  process.env.PAYLOAD_SECRET ||= crypto.randomBytes(32).toString('hex')
  const [config] = await Promise.all([
    import('../../src/payload.config').then(
      (m) => m.default as unknown as Promise<SanitizedConfig>,
    ),
    startFresh(),
  ])
  relationPaths = relationPathsOf(config).slice(0, 60)
  fx = await setup()
  const rest = restOperations(config)
  const { fields } = graphQLFields(config)
  const actions = serverActions()
  const gqlPath = `${config.routes.api}${config.routes.graphQL}`
  console.log(
    `generated from the config: ${rest.length} REST operations, ${fields.length} GraphQL fields, ${actions.length} server functions (${elapsed()})`,
  )

  // Warm-up (first renders load code), then the idle baseline of this run.
  for (const p of ['/admin/login', '/de', '/en', '/api/articles?limit=1', '/api/graphql'])
    await send(server.port, { path: p, timeoutMs: 60_000 })
  // The idle baseline of this run.
  const m0 = await metrics(server.port, { gc: true, reset: true })
  probe.start()
  await new Promise((r) => setTimeout(r, 3000))
  const idle = await metrics(server.port, { gc: true })
  const idleHealth = probe.take()
  console.log(
    `idle baseline: retained heap ${idle.retainedHeapMb} MB, event-loop delay p99 ${idle.eventLoopDelayMs.p99} ms / max ${idle.eventLoopDelayMs.max} ms, healthz p50 ${round(idleHealth.p50)} ms (gc available: ${m0.gcAvailable})`,
  )
  if (!m0.gcAvailable) throw new Error('the server was started without --expose-gc')

  console.log('\nThe findings:')
  for (const f of FINDINGS) await runCase(f.id, f.finding, f.name, (c) => f.run(c))

  console.log('\nGenerated from the config (anonymous):')
  const anon = {
    REST: () => rest.flatMap((op) => restInputs(op, fx)),
    GraphQL: () => fields.flatMap((f) => graphQLInputs(f, gqlPath)),
    Actions: () => actions.flatMap((a) => actionInputs(a)),
  }
  for (const [surface, make] of Object.entries(anon))
    for (const cls of CLASSES) {
      const id = `${surface === 'Actions' ? 'N' : surface === 'REST' ? 'R' : 'G'}-anon-${cls}`
      await runCase(id, 'generated', `${surface} × ${cls}, anonymous`, (c) =>
        attack(
          c,
          make().filter((a) => a.cls === cls),
        ),
      )
    }

  console.log(
    '\nGenerated from the config (admin; reads and server functions, no writes that could change the fixtures):',
  )
  const safeRest = rest.filter(
    (op) => op.method === 'get' && !/\/(run|handle-schedules)$/.test(op.path),
  )
  const queries = fields.filter((f) => f.kind === 'query')
  const adminAttacks = (): Attack[] => [
    ...safeRest.flatMap((op) => restInputs(op, fx, fx.adminHeaders)),
    ...queries.flatMap((f) => graphQLInputs(f, gqlPath, fx.adminHeaders)),
    ...actions.flatMap((a) => actionInputs(a, { cookie: fx.cookie, origin: server.base })),
  ]
  for (const cls of ['malformed', 'oversized', 'nested'] as InputClass[])
    await runCase(
      `A-admin-${cls}`,
      'generated',
      `REST reads, GraphQL queries, server functions × ${cls}, as admin`,
      (c) =>
        attack(
          c,
          adminAttacks().filter((a) => a.cls === cls),
        ),
    )

  const last = server.alive() ? await metrics(server.port, { gc: true }) : undefined
  await probe.stop()
  await server.stop()

  // The report.
  const failed = reports.filter((r) => !r.ok)
  const lat = reports.map((r) => r.healthz)
  console.log('\n== Report ==')
  for (const r of reports)
    console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.id.padEnd(18)} ${r.finding}: ${r.name}`)
  console.log('\n== Figures ==')
  console.log(`server starts: ${generation} (a restart follows each death)`)
  console.log(
    `peak heap: ${Math.max(...reports.map((r) => r.peakHeapMb))} MB; retained heap idle ${idle.retainedHeapMb} MB → end ${last?.retainedHeapMb ?? '(process dead)'} MB`,
  )
  console.log(
    `worst event-loop delay: ${Math.max(...reports.map((r) => r.loopMaxMs))} ms (idle max ${idle.eventLoopDelayMs.max} ms)`,
  )
  console.log(
    `healthz: idle p50 ${round(idleHealth.p50)} ms; under attack worst case p50 ${Math.max(...lat.map((l) => l.p50))} ms, p99 ${Math.max(...lat.map((l) => l.p99))} ms, max ${Math.max(...lat.map((l) => l.max))} ms`,
  )
  console.log(
    `requests per class: ${JSON.stringify(perClass)} (total ${Object.values(perClass).reduce((a, b) => a + b, 0)})`,
  )
  console.log(`duration: ${elapsed()}`)
  console.log(
    `${reports.length - failed.length} passed, ${failed.length} failed${failed.length ? `: ${failed.map((r) => r.id).join(', ')}` : ''}`,
  )
  if (process.env.HOSTILE_JSON)
    fs.writeFileSync(process.env.HOSTILE_JSON, JSON.stringify({ idle, reports, perClass }, null, 2))
  fs.rmSync(tmp, { recursive: true, force: true })
  return failed.length ? 1 : 0
}

main()
  .then((code) => process.exit(code))
  .catch(async (error) => {
    console.error(`hostile-client suite could not run: ${(error as Error).stack}`)
    await server?.stop()
    process.exit(1)
  })
