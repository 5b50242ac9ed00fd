/**
 * `npm run bench:cluster` (needs `npm run build`, Debian's `varnish` and `varnish-modules`): cached
 * hits of one article (REST by id, depth 1) three ways, alternately, BENCH_SECONDS each (default 5)
 * at 50 connections with autocannon, best of BENCH_RUNS (default 2):
 * - Varnish: through varnishd with the committed VCL (deploy/varnish/default.vcl), a hit in Varnish;
 * - in-process: the built server (dist/server.js) answering from its response cache;
 * - node:http: a bare node:http server sending the same bytes and headers (the ceiling for Node).
 * Requests per second and per CPU-second of the serving process(es) (Varnish: all its processes).
 * Figures are comparable only as ratios within one run; the load generator shares the machine.
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import autocannon from 'autocannon'

import { freePort, request, root, startServer } from '../tests/helpers/server'
import { startVarnish } from '../tests/cluster/services'

const SECONDS = Number(process.env.BENCH_SECONDS || 5)
const RUNS = Number(process.env.BENCH_RUNS || 2)
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-cluster-'))
const admin = { email: 'bench-admin@example.com', password: 'bench-password-123' }

/** CPU ticks (1/100 s) of the processes: utime + stime. */
const cpuTicks = (pids: number[]) =>
  pids.reduce((sum, pid) => {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
      return sum + Number(fields[11]) + Number(fields[12])
    } catch {
      return sum
    }
  }, 0)

async function measure(url: string, pids: () => number[]) {
  const before = cpuTicks(pids())
  const result = await autocannon({ url, connections: 50, duration: SECONDS })
  const cpuSeconds = (cpuTicks(pids()) - before) / 100
  return {
    rps: Math.round(result.requests.average),
    perCpu: Math.round(result.requests.total / Math.max(cpuSeconds, 0.01)),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  }
}

async function main() {
  const server = await startServer({
    DATABASE_URI: `file:${path.join(tmp, 'bench.db')}`,
    MEDIA_DIR: path.join(tmp, 'media'),
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    PAYLOAD_SECRET: crypto.randomBytes(32).toString('hex'),
    REDIS_URL: '',
  })
  const varnishPort = await freePort()
  const varnish = await startVarnish(path.join(tmp, 'varnish'), varnishPort, [server.port])
  let ceiling: ChildProcess | undefined
  try {
    const list = await request(`${server.base}/api/articles?limit=1&locale=de&depth=0`)
    const target = `/api/articles/${list.json.docs[0].id}?locale=de&depth=1`
    // The same bytes and headers as the in-process hit, from a bare node:http handler.
    let sample = await request(`${server.base}${target}`)
    sample = await request(`${server.base}${target}`)
    const body = Buffer.from(sample.text)
    const headers = Object.fromEntries(
      [...sample.headers].filter(([name]) => !['content-encoding', 'date'].includes(name)),
    )
    headers['content-length'] = String(body.length)
    // In a process of its own, so that its CPU time is its own (autocannon runs in this one).
    fs.writeFileSync(path.join(tmp, 'body'), body)
    fs.writeFileSync(path.join(tmp, 'headers.json'), JSON.stringify(headers))
    const ceilingPort = await freePort()
    ceiling = spawn(
      process.execPath,
      [
        'bench/ceiling.mjs',
        String(ceilingPort),
        path.join(tmp, 'body'),
        path.join(tmp, 'headers.json'),
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    )
    await new Promise((resolve) => ceiling!.stdout!.once('data', resolve))
    for (let i = 0; i < 50; i++) {
      const hit = await fetch(`http://127.0.0.1:${varnishPort}${target}`)
      await hit.arrayBuffer()
      if (hit.headers.get('x-varnish-cache') === 'HIT') break
      await new Promise((r) => setTimeout(r, 200))
    }
    const varnishPids = () =>
      execSync(`pgrep -f -- '-n ${path.join(tmp, 'varnish', 'work')}' || true`, {
        encoding: 'utf8',
      })
        .split('\n')
        .filter(Boolean)
        .map(Number)
        .concat(varnish.child.pid!)
    const rows = {
      Varnish: { url: `http://127.0.0.1:${varnishPort}${target}`, pids: varnishPids },
      'in-process cache': { url: `${server.base}${target}`, pids: () => [server.child.pid!] },
      'node:http, same bytes': {
        url: `http://127.0.0.1:${ceilingPort}${target}`,
        pids: () => [ceiling!.pid!],
      },
    }
    const best: Record<string, Awaited<ReturnType<typeof measure>>> = {}
    for (let run = 0; run < RUNS; run++)
      for (const [name, { url, pids }] of Object.entries(rows)) {
        const result = await measure(url, pids)
        if (!best[name] || result.rps > best[name].rps) best[name] = result
      }
    const top = best['node:http, same bytes']!
    console.log(`cached hit, ${target.replace(/[0-9a-f-]{36}/, ':id')}, ${body.length} bytes`)
    console.log('| served by | req/s | per CPU-s | p50 ms | p99 ms | errors | of node:http |')
    console.log('|---|---:|---:|---:|---:|---:|---:|')
    for (const [name, r] of Object.entries(best))
      console.log(
        `| ${name} | ${r.rps} | ${r.perCpu} | ${r.p50} | ${r.p99} | ${r.errors} | ${Math.round((100 * r.rps) / top.rps)}% |`,
      )
  } finally {
    ceiling?.kill()
    await varnish.stop()
    await server.stop()
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error)
    process.exit(1)
  },
)
