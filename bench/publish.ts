/**
 * `npm run bench:publish`: what one per-locale publish costs, step by step. An editor's
 * `PATCH /api/articles/:id?locale=<de|en>` with a new title and `_status: 'published'` (the write of
 * bench:peer's publish round trip) through Payload's REST route handler in-process, BENCH_PUBLISHES
 * times (default 40, after 10 warm-ups), alternating German and English, on an article live in both.
 *
 * Printed per variant: the publish's p50/p95 wall time and CPU time; then the steps in the order
 * they first ran, each with its time, SQL statements and their time: every collection hook (wrapped
 * with a timer; a hook's nested reads count to it), Payload's own work between them, and what each
 * step asked the database adapter for. SQL is counted at libsql's native statements (BEGIN and
 * COMMIT included: COMMIT's time is the fsync).
 *
 * The data is bench:peer's (bench/peer/ours.ts, BENCH_ARTICLES default 20), seeded once; every
 * child gets its own copy. Variants run one after the other, alternating, BENCH_ROUNDS times
 * (default 2):
 * - BENCH_BEFORE=<checkout> adds a "before" variant that runs that checkout's code (e.g. /work/main:
 *   its config and node_modules) beside this one ("after");
 * - BENCH_VARIANTS='{"name": {"root": "<checkout>", "env": {"K": "V"}}, …}' names them freely.
 * BENCH_PROFILE=<dir>: a CPU profile of each child's publish loop (not its start-up) written there,
 * summarised by package at the end.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import inspector from 'node:inspector/promises'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const self = fileURLToPath(import.meta.url)
const here = path.resolve(path.dirname(self), '..')
const PUBLISHES = Number(process.env.BENCH_PUBLISHES || 40)
const WARMUP = 10
const ROUNDS = Number(process.env.BENCH_ROUNDS || 2)
const ARTICLES = process.env.BENCH_ARTICLES || '20'
const editor = { email: 'peer-editor@example.com', password: 'peer-editor-password' }

type Step = {
  ms: number
  cpu: number
  calls: number
  sql: number
  sqlMs: number
  db: Record<string, number>
  api: Record<string, number>
}
type Result = {
  wall: number[]
  cpu: number[]
  steps: Record<string, Step>
  order: string[]
  fields: typeof fieldMs
  adapter: typeof adapterMs
  profile?: string
}

// ---------------------------------------------------------------------------------------------
// Child: one variant's publishes, instrumented.

const current = new AsyncLocalStorage<string>()
const PAYLOAD = "Payload's update operation"
let steps: Record<string, Step> = {}
const order = new Set<string>()
const step = (label: string) => {
  order.add(label)
  return (steps[label] ??= { ms: 0, cpu: 0, calls: 0, sql: 0, sqlMs: 0, db: {}, api: {} })
}
const now = () => performance.now()
const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000
// BENCH_SQL=1: every statement of the last publish, with its step and time, on stderr
let statements: string[] = []

/** Counts and times every statement libsql's native module runs, for the step running it. */
function patchLibsql(root: string) {
  const Database = createRequire(path.join(root, 'package.json'))('libsql')
  const prepare = Database.prototype.prepare
  let patched = false
  let inside = false
  Database.prototype.prepare = function (sql: string) {
    const started = now()
    const statement = prepare.call(this, sql)
    // COMMIT (the fsync) and BEGIN as steps of their own; a statement's preparation counts to it
    const kind = /^\s*(COMMIT|BEGIN)/i.exec(sql)?.[1]?.toUpperCase()
    statement.benchStep = kind && (kind === 'COMMIT' ? 'COMMIT (the fsync)' : 'BEGIN IMMEDIATE')
    statement.benchPrepareMs = now() - started
    statement.benchSql = sql
      .replace(/\s+/g, ' ')
      .slice(0, Number(process.env.BENCH_SQL_CHARS || 200))
    if (!patched) {
      patched = true
      const proto = Object.getPrototypeOf(statement)
      for (const name of ['run', 'get', 'all', 'iterate']) {
        const original = proto[name]
        proto[name] = function (...args: unknown[]) {
          if (inside) return original.apply(this, args) // all() runs iterate()
          inside = true
          const started = now()
          try {
            return original.apply(this, args)
          } finally {
            inside = false
            const label = this.benchStep ?? current.getStore() ?? PAYLOAD
            const s = step(label)
            const ms = now() - started + (this.benchPrepareMs ?? 0)
            s.sql++
            s.sqlMs += ms
            if (this.benchStep) s.ms += ms
            if (process.env.BENCH_SQL)
              statements.push(`${ms.toFixed(2)} ms  ${label.slice(0, 40)}  ${this.benchSql}`)
          }
        }
      }
    }
    return statement
  }
}

type Fn = (...args: any[]) => any

/** Every collection hook timed as a step of its own, unless it runs inside another step. */
function wrapHooks(payload: { collections: Record<string, { config: any }> }) {
  for (const [slug, { config }] of Object.entries(payload.collections)) {
    for (const [type, hooks] of Object.entries(config.hooks as Record<string, Fn[]>)) {
      if (!Array.isArray(hooks)) continue
      hooks.forEach((hook, i) => {
        const label = `${slug} ${type}[${i}] ${hook.name || hookName(hook)}`
        hooks[i] = function (this: unknown, ...args: unknown[]) {
          if (current.getStore()) return hook.apply(this, args)
          const s = step(label)
          const started = now()
          const used = process.cpuUsage()
          s.calls++
          return current.run(label, async () => {
            try {
              return await hook.apply(this, args)
            } finally {
              s.ms += now() - started
              s.cpu += cpuMs(process.cpuUsage(used))
            }
          })
        }
      })
    }
    wrapFieldHooks(slug, config.fields)
  }
}

const fieldMs: Record<string, { ms: number; calls: number }> = {}

/** Field hooks timed by field (they run inside the steps, often several at once). */
function wrapFieldHooks(slug: string, fields: any[], prefix = '') {
  for (const field of fields ?? []) {
    const name = field.name ? `${prefix}${field.name}` : prefix
    for (const [type, hooks] of Object.entries((field.hooks ?? {}) as Record<string, Fn[]>))
      hooks?.forEach((hook, i) => {
        const label = `${slug}.${name} ${type}`
        hooks[i] = async function (this: unknown, ...args: unknown[]) {
          const t = (fieldMs[label] ??= { ms: 0, calls: 0 })
          const started = now()
          try {
            return await hook.apply(this, args)
          } finally {
            t.ms += now() - started
            t.calls++
          }
        }
      })
    const nested = field.name ? `${name}.` : prefix
    if (field.fields) wrapFieldHooks(slug, field.fields, nested)
    for (const tab of field.tabs ?? [])
      wrapFieldHooks(slug, tab.fields, tab.name ? `${tab.name}.` : prefix)
    for (const block of field.blocks ?? [])
      wrapFieldHooks(slug, block.fields, `${nested}${block.slug}.`)
  }
}

// Anonymous hooks (made by a factory) named by the first words of their source.
const hookName = (hook: Fn) =>
  `(${String(hook)
    .replace(/\s+/g, ' ')
    .replace(/^async /, '')
    .slice(0, 50)}…)`

const adapterMs: Record<string, { ms: number; calls: number }> = {}

/** The database adapter's calls (findOne, createVersion, …), per step, and their time. */
function wrapAdapter(db: Record<string, unknown>) {
  for (const name of Object.keys(db)) {
    const method = db[name]
    if (typeof method !== 'function' || ['init', 'connect', 'destroy'].includes(name)) continue
    db[name] = async function (this: unknown, ...args: unknown[]) {
      const s = step(current.getStore() ?? PAYLOAD)
      s.db[name] = (s.db[name] ?? 0) + 1
      const started = now()
      try {
        return await (method as Fn).apply(this, args)
      } finally {
        const t = (adapterMs[name] ??= { ms: 0, calls: 0 })
        t.ms += now() - started
        t.calls++
      }
    }
  }
}

async function child(): Promise<Result> {
  const root = process.env.BENCH_ROOT || here
  const load = (file: string) => import(pathToFileURL(path.join(root, file)).href)
  const { getPayload } = await load('node_modules/payload/dist/index.js')
  const { REST_PATCH } = await load('node_modules/@payloadcms/next/dist/exports/routes.js')
  const config = (await load('src/payload.config.ts')).default
  const payload = await getPayload({ config })
  payload.logger.level = 'warn'
  const [first] = JSON.parse(fs.readFileSync(process.env.BENCH_SEEDED!, 'utf8'))
  const id = String(first.id)
  const { token } = await payload.login({ collection: 'users', data: editor })
  patchLibsql(root)
  wrapHooks(payload)
  wrapAdapter(payload.db)
  for (const name of ['find', 'findByID', 'findVersions', 'count', 'update', 'create']) {
    const method = payload[name]
    payload[name] = function (this: unknown, ...args: any[]) {
      const s = step(current.getStore() ?? PAYLOAD)
      const key = `${name}(${args[0]?.collection})`
      s.api[key] = (s.api[key] ?? 0) + 1
      return method.apply(this, args)
    }
  }

  const publish = async (i: number) => {
    const locale = i % 2 ? 'en' : 'de'
    const title = `${locale === 'de' ? 'Neuer Titel' : 'New title'} ${i}`
    const depth = process.env.BENCH_DEPTH ? `&depth=${process.env.BENCH_DEPTH}` : ''
    const req = new Request(`http://localhost/api/articles/${id}?locale=${locale}${depth}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
      body: JSON.stringify({ title, _status: 'published' }),
    })
    const res = await REST_PATCH(config)(req, {
      params: Promise.resolve({ slug: ['articles', id] }),
    })
    const body = await res.text()
    if (res.status !== 200)
      throw new Error(`publish ${locale}: ${res.status} ${body.slice(0, 300)}`)
    return { locale, title }
  }
  for (let i = 0; i < WARMUP; i++) await publish(i)
  // the publish loop only, not the start-up
  const session = process.env.BENCH_PROFILE_FILE ? new inspector.Session() : undefined
  session?.connect()
  await session?.post('Profiler.enable')
  await session?.post('Profiler.start')
  steps = {}
  order.clear()
  for (const key of Object.keys(fieldMs)) delete fieldMs[key]
  for (const key of Object.keys(adapterMs)) delete adapterMs[key]
  const wall: number[] = []
  const cpu: number[] = []
  let last = { locale: 'de', title: '' }
  for (let i = 0; i < PUBLISHES; i++) {
    const started = now()
    const used = process.cpuUsage()
    const s = step('the whole publish')
    statements = []
    last = await publish(WARMUP + i)
    wall.push(now() - started)
    cpu.push(cpuMs(process.cpuUsage(used)))
    s.ms += wall.at(-1)!
    s.cpu += cpu.at(-1)!
    s.calls++
  }
  if (process.env.BENCH_SQL) process.stderr.write(`${statements.join('\n')}\n`)
  const profiled = await session?.post('Profiler.stop')
  if (profiled) fs.writeFileSync(process.env.BENCH_PROFILE_FILE!, JSON.stringify(profiled.profile))
  // A 200 means it is stored: the last title reads back.
  const stored = await payload.findByID({
    collection: 'articles',
    id,
    locale: last.locale,
    draft: false,
    depth: 0,
  })
  if (stored.title !== last.title)
    throw new Error(`read back "${stored.title}", not "${last.title}"`)
  await payload.destroy()
  return { wall, cpu, steps, order: [...order], fields: fieldMs, adapter: adapterMs }
}

// ---------------------------------------------------------------------------------------------
// Parent: seed once, run the variants alternating, print.

type Variant = { root?: string; env?: Record<string, string> }

function run(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    proc.stdout.on('data', (chunk) => (out += chunk))
    proc.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')} exited ${code}`)),
    )
  })
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!
}
const f1 = (n: number) => n.toFixed(1)

function print(name: string, results: Result[]) {
  const wall = results.flatMap((r) => r.wall)
  const cpu = results.flatMap((r) => r.cpu)
  const n = wall.length
  console.log(`\n### ${name}: ${n} publishes`)
  console.log(
    `wall p50 ${f1(percentile(wall, 50))} ms, p95 ${f1(percentile(wall, 95))} ms; CPU p50 ${f1(percentile(cpu, 50))} ms`,
  )
  const empty = (): Step => ({ ms: 0, cpu: 0, calls: 0, sql: 0, sqlMs: 0, db: {}, api: {} })
  const add = (into: Record<string, number>, from: Record<string, number>) => {
    for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v
  }
  const merged: Record<string, Step> = {}
  const labels: string[] = []
  for (const r of results)
    for (const label of r.order) {
      if (!labels.includes(label)) labels.push(label)
      const from = r.steps[label]!
      const into = (merged[label] ??= empty())
      into.ms += from.ms
      into.cpu += from.cpu
      into.calls += from.calls
      into.sql += from.sql
      into.sqlMs += from.sqlMs
      add(into.db, from.db)
      add(into.api, from.api)
    }
  // Payload's own time: the whole publish less the steps timed apart (which do not nest).
  const WHOLE = 'the whole publish'
  const whole = merged[WHOLE]!
  const timed = labels.filter((l) => l !== WHOLE && l !== PAYLOAD)
  const payloadStep = (merged[PAYLOAD] ??= empty())
  payloadStep.calls = n
  payloadStep.ms = whole.ms - timed.reduce((sum, l) => sum + merged[l]!.ms, 0)
  payloadStep.cpu = whole.cpu - timed.reduce((sum, l) => sum + merged[l]!.cpu, 0)
  whole.sql = Object.values(merged).reduce((sum, s) => sum + s.sql, 0)
  whole.sqlMs = Object.values(merged).reduce((sum, s) => sum + s.sqlMs, 0)
  // Steps under 0.5 ms without SQL in one row.
  const small = (l: string) => merged[l]!.ms / n < 0.5 && !merged[l]!.sql
  const rest = timed.filter(small)
  merged[`${rest.length} other hooks, each < 0.5 ms`] = rest.reduce((sum, l) => {
    sum.ms += merged[l]!.ms
    sum.cpu += merged[l]!.cpu
    return sum
  }, empty())
  const per = (v: number) => +(v / n).toFixed(1)
  const list = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([k, v]) => `${k}${per(v) === 1 ? '' : ` ×${per(v)}`}`)
      .join(', ')
  console.log(
    '| step | runs | ms | CPU ms | SQL statements | SQL ms | adapter calls | Local API calls |\n|---|---:|---:|---:|---:|---:|---|---|',
  )
  const shown = [
    PAYLOAD,
    ...timed.filter((l) => !small(l)),
    `${rest.length} other hooks, each < 0.5 ms`,
  ]
  for (const label of [...shown, WHOLE]) {
    const s = merged[label]!
    console.log(
      `| ${label} | ${per(s.calls)} | ${f1(s.ms / n)} | ${f1(s.cpu / n)} | ${per(s.sql)} | ${f1(s.sqlMs / n)} | ${list(s.db)} | ${list(s.api)} |`,
    )
  }
  const timings = (what: string, pick: (r: Result) => Result['fields']) => {
    const totals: Record<string, { ms: number; calls: number }> = {}
    for (const r of results)
      for (const [k, v] of Object.entries(pick(r))) {
        const into = (totals[k] ??= { ms: 0, calls: 0 })
        into.ms += v.ms
        into.calls += v.calls
      }
    console.log(
      `${what} over 0.2 ms per publish (inside the steps above): ${
        Object.entries(totals)
          .filter(([, v]) => v.ms / n > 0.2)
          .sort((a, b) => b[1].ms - a[1].ms)
          .map(([k, v]) => `${k} ×${per(v.calls)} ${f1(v.ms / n)} ms`)
          .join('; ') || 'none'
      }`,
    )
  }
  timings('field hooks', (r) => r.fields)
  timings('database adapter calls', (r) => r.adapter)
}

/** A `--cpu-prof` profile's self time by package (node_modules/<package>, our code, node, GC). */
function summariseProfile(file: string): string {
  type Node = { id: number; callFrame: { url: string; functionName: string } }
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    nodes: Node[]
    samples: number[]
    timeDeltas: number[]
  }
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const totals: Record<string, number> = {}
  let all = 0
  profile.samples.forEach((id, i) => {
    const { url, functionName } = byId.get(id)!.callFrame
    const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1]
    const key =
      pkg ??
      (url.startsWith('node:') || (!url && functionName && !functionName.startsWith('('))
        ? 'node internals'
        : !url
          ? functionName || '(unknown)'
          : url.includes('/plugins/')
            ? 'plugins/'
            : 'our code (src/)')
    const delta = profile.timeDeltas[i] ?? 0
    totals[key] = (totals[key] ?? 0) + delta
    all += delta
  })
  return Object.entries(totals)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 14)
    .map(([key, us]) => `${key} ${((us / all) * 100).toFixed(0)}%`)
    .join(', ')
}

async function main() {
  if (process.argv[2] === 'child') {
    const result = await child()
    process.stdout.write(`\n${JSON.stringify(result)}\n`)
    process.exit(0)
  }
  const variants: Record<string, Variant> = process.env.BENCH_VARIANTS
    ? JSON.parse(process.env.BENCH_VARIANTS)
    : process.env.BENCH_BEFORE
      ? { before: { root: process.env.BENCH_BEFORE }, after: {} }
      : { this: {} }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-publish-'))
  const seedDb = path.join(work, 'seed.db')
  const seeded = path.join(work, 'seeded.json')
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PAYLOAD_SECRET: process.env.PAYLOAD_SECRET || 'bench-only-secret-not-for-production-use',
    BENCH_ARTICLES: ARTICLES,
    MEDIA_DIR: path.join(work, 'media'),
  }
  console.log(
    `bench:publish — ${PUBLISHES} publishes per child after ${WARMUP} warm-ups, ${ROUNDS} rounds, variants ${Object.keys(variants).join(', ')}; ${os.cpus().length} CPUs, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  )
  await run([...process.execArgv, path.join(here, 'bench/peer/ours.ts'), seeded], {
    ...base,
    DATABASE_URI: `file:${seedDb}`,
  })
  const results: Record<string, Result[]> = {}
  const profiles: Record<string, string[]> = {}
  for (let round = 0; round < ROUNDS; round++) {
    const names = Object.keys(variants)
    for (const name of round % 2 ? names.reverse() : names) {
      const variant = variants[name]!
      const db = path.join(work, `${name}-${round}.db`)
      fs.copyFileSync(seedDb, db)
      const profile =
        process.env.BENCH_PROFILE &&
        path.resolve(process.env.BENCH_PROFILE, `${name}-${round}.cpuprofile`)
      if (profile) fs.mkdirSync(path.dirname(profile), { recursive: true })
      const out = await run([...process.execArgv, self, 'child'], {
        ...base,
        ...variant.env,
        BENCH_ROOT: variant.root ?? here,
        BENCH_SEEDED: seeded,
        DATABASE_URI: `file:${db}`,
        ...(profile && { BENCH_PROFILE_FILE: profile }),
      })
      ;(results[name] ??= []).push(JSON.parse(out.trim().split('\n').at(-1)!))
      if (profile) (profiles[name] ??= []).push(profile)
      console.error(`round ${round + 1}: ${name} done, load ${os.loadavg()[0]!.toFixed(1)}`)
    }
  }
  for (const [name, list] of Object.entries(results)) {
    print(`${name}${variants[name]!.root ? ` (${variants[name]!.root})` : ''}`, list)
    for (const file of profiles[name] ?? [])
      console.log(`CPU profile ${file}: ${summariseProfile(file)}`)
  }
  console.log(
    `\nload at the end ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  )
  fs.rmSync(work, { recursive: true, force: true })
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
