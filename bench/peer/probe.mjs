/**
 * A measuring probe for a server under load, loaded with `node --import ./bench/peer/probe.mjs`
 * (bench:peer does it with BENCH_PROBE=<file>): per request its arrival, the first and last SQLite
 * statement it ran (libsql is patched to count them, per request through AsyncLocalStorage) and its
 * end; the event loop's delay histogram. Written to BENCH_PROBE as JSON on SIGUSR2 (and reset).
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import fs from 'node:fs'
import http from 'node:http'
import { createRequire } from 'node:module'
import path from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'

const file = process.env.BENCH_PROBE
const als = new AsyncLocalStorage()
let requests = []
// event-loop turns, to see whether a request was answered in the turn it was read
let turns = 0
const turn = () => {
  turns++
  setImmediate(turn).unref()
}
turn()
let delay = monitorEventLoopDelay({ resolution: 5 })
delay.enable()

const emit = http.Server.prototype.emit
http.Server.prototype.emit = function (event, req, res) {
  if (event !== 'request') return emit.apply(this, arguments)
  const socket = req.socket
  const record = {
    url: req.url,
    id: req.headers['x-probe-id'],
    arrival: performance.timeOrigin + performance.now(),
    // since this connection's previous answer: the time the request waited unread in the socket
    sinceLastOnSocket: socket.probeLastEnd
      ? performance.timeOrigin + performance.now() - socket.probeLastEnd
      : undefined,
    turnAtArrival: turns,
    first: 0,
    last: 0,
    statements: 0,
    sqlMs: 0,
    end: 0,
  }
  res.once('finish', () => {
    record.end = performance.timeOrigin + performance.now()
    record.turns = turns - record.turnAtArrival
    socket.probeLastEnd = record.end
    record.status = res.statusCode
    requests.push(record)
  })
  return als.run(record, () => emit.apply(this, arguments))
}

// libsql's statements, timed and counted per request (the same module @libsql/client loads).
try {
  const require = createRequire(path.join(process.cwd(), 'package.json'))
  const Database = require('libsql')
  const prepare = Database.prototype.prepare
  let patched = false
  let inside = false
  Database.prototype.prepare = function (sql) {
    const statement = prepare.call(this, sql)
    if (process.env.BENCH_PROBE_SQL) statement.probeSql = sql
    if (!patched) {
      patched = true
      const proto = Object.getPrototypeOf(statement)
      for (const name of ['run', 'get', 'all', 'iterate']) {
        const original = proto[name]
        proto[name] = function (...args) {
          // all() runs iterate(): count the outer call only
          if (inside) return original.apply(this, args)
          inside = true
          const record = als.getStore()
          const started = performance.timeOrigin + performance.now()
          try {
            return original.apply(this, args)
          } finally {
            inside = false
            if (record) {
              const now = performance.timeOrigin + performance.now()
              record.statements++
              if (this.probeSql)
                (record.sql ??= []).push([
                  Math.round((now - started) * 100) / 100,
                  this.probeSql.slice(0, 160),
                ])
              record.sqlMs += now - started
              if (!record.first) record.first = started
              record.last = now
            }
          }
        }
      }
    }
    return statement
  }
} catch (error) {
  process.stderr.write(`probe: libsql not patched (${error.message})\n`)
}

process.on('SIGUSR2', () => {
  const ms = (ns) => Math.round(ns / 1e4) / 100
  const out = {
    eventLoopDelay: {
      min: ms(delay.min),
      mean: ms(delay.mean),
      p50: ms(delay.percentile(50)),
      p99: ms(delay.percentile(99)),
      max: ms(delay.max),
      count: delay.count,
    },
    requests,
  }
  fs.writeFileSync(file, JSON.stringify(out))
  requests = []
  delay.disable()
  delay = monitorEventLoopDelay({ resolution: 5 })
  delay.enable()
})
