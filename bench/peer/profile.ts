/**
 * In-process cost of bench:peer's two uncached reads (REST route handler, no HTTP):
 * `tsx bench/peer/profile.ts <db-file>` seeds bench:peer's content (BENCH_ARTICLES, here 30) into
 * the file when it is new, then reads each request in a loop for BENCH_SECONDS and prints
 * microseconds of CPU per call and SQL statements per call. BENCH_PROFILE=prefix writes a CPU
 * profile of each loop to `<prefix>.<read>.cpuprofile`. BENCH_VARIANTS=module (e.g.
 * bench/peer/variants/statementCache.ts) switches a change off (A) and on (B), alternating in one
 * process for BENCH_ROUNDS (4) rounds after a warm-up round, and prints the totals of each;
 * BENCH_DUMP=prefix writes each variant's answer, to compare them.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import inspector from 'node:inspector/promises'
import path from 'node:path'

import { recordStatements } from '../../tests/helpers/sql'
import type { Seeded } from './data'

const SECONDS = Number(process.env.BENCH_SECONDS || 5)

async function main() {
  const dbFile = path.resolve(process.argv[2]!)
  process.env.DATABASE_URI = `file:${dbFile}`
  process.env.PAYLOAD_SECRET ||= 'bench-only-secret-not-for-production-use'
  process.env.MEDIA_DIR ||= path.join(path.dirname(dbFile), 'media')
  Object.assign(process.env, { NODE_ENV: 'production' })
  const idsFile = `${dbFile}.ids.json`
  if (!fs.existsSync(idsFile)) {
    execFileSync(process.execPath, ['--import', 'tsx', 'bench/peer/ours.ts', idsFile], {
      env: { ...process.env, BENCH_ARTICLES: process.env.BENCH_ARTICLES || '30' },
      stdio: 'inherit',
    })
  }
  const ids = JSON.parse(fs.readFileSync(idsFile, 'utf8')) as Seeded
  const article = ids[Math.floor(ids.length / 2)]!.id
  const { REST_GET } = await import('@payloadcms/next/routes')
  const { getPayload } = await import('payload')
  const { default: config } = await import('../../src/payload.config')
  const payload = await getPayload({ config })
  payload.logger.level = 'warn'
  let statements = 0
  let log = false
  recordStatements(payload, ({ sql }) => {
    statements++
    if (log) process.stderr.write(`  ${sql}\n`)
  })
  const reads = {
    byId: `/articles/${article}?locale=de&depth=1`,
    list: '/articles?limit=10&depth=1&sort=-publishedAt&locale=de',
    // BENCH_EXTRA='{"name":"/articles?…"}': more reads to compare
    ...(JSON.parse(process.env.BENCH_EXTRA || '{}') as Record<string, string>),
  }
  const only = new RegExp(process.env.BENCH_READS || '.')
  const call = async (route: string) => {
    const url = new URL(`http://localhost/api${route}`)
    const slug = url.pathname
      .replace(/^\/api\//, '')
      .split('/')
      .filter(Boolean)
    const res = await REST_GET(config)(new Request(url), { params: Promise.resolve({ slug }) })
    const body = await res.text()
    if (res.status !== 200) throw new Error(`${route}: ${res.status} ${body.slice(0, 300)}`)
    return body
  }
  // BENCH_VARIANTS=module: its `variants(payload)` returns `{ A: () => …, B: () => … }`, switching a
  // change off and on, so both sides of a comparison run alternating in one process.
  const variants: Record<string, () => void> = process.env.BENCH_VARIANTS
    ? (
        (await import(path.resolve(process.env.BENCH_VARIANTS))) as {
          variants: (p: typeof payload) => Record<string, () => void>
        }
      ).variants(payload)
    : { '': () => {} }
  const rounds = process.env.BENCH_VARIANTS ? Number(process.env.BENCH_ROUNDS || 4) : 1
  const totals: Record<string, { cpu: number; calls: number }> = {}
  // With more than one round, a first one warms the JIT up for every variant and is not counted:
  // whichever variant ran first would pay for it.
  const first = rounds > 1 ? -1 : 0
  for (let round = first; round < rounds; round++)
    for (const [variant, apply] of Object.entries(variants)) {
      apply()
      for (const [read, route] of Object.entries(reads).filter(([n]) => only.test(n))) {
        const name = variant ? `${read} ${variant}` : read
        for (let i = 0; i < 50; i++) await call(route)
        if (process.env.BENCH_DUMP)
          fs.writeFileSync(`${process.env.BENCH_DUMP}.${name}.json`, await call(route))
        statements = 0
        log = Boolean(process.env.BENCH_SQL)
        await call(route)
        log = false
        const sql = statements
        const session = process.env.BENCH_PROFILE ? new inspector.Session() : undefined
        if (session) {
          session.connect()
          await session.post('Profiler.enable')
          await session.post('Profiler.start')
        }
        let calls = 0
        const started = performance.now()
        const cpu = process.cpuUsage()
        while (performance.now() - started < SECONDS * 1000) {
          await call(route)
          calls++
        }
        const used = process.cpuUsage(cpu)
        if (session) {
          const { profile } = await session.post('Profiler.stop')
          fs.writeFileSync(
            `${process.env.BENCH_PROFILE}.${name}.cpuprofile`,
            JSON.stringify(profile),
          )
          session.disconnect()
        }
        const total = (totals[name] ??= { cpu: 0, calls: 0 })
        if (round >= 0) {
          total.cpu += used.user + used.system
          total.calls += calls
        }
        console.log(
          `${name}${round < 0 ? ' (warm-up)' : ''}: ${Math.round((used.user + used.system) / calls)} µs CPU per call, ${calls} calls, ${sql} SQL statements`,
        )
      }
    }
  if (rounds > 1)
    for (const [name, t] of Object.entries(totals))
      console.log(
        `total ${name}: ${Math.round(t.cpu / t.calls)} µs CPU per call (${t.calls} calls)`,
      )
  await payload.destroy()
  process.exit(0)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
