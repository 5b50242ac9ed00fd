/**
 * Helpers for scripts that run the real server (the compiled dist/server.js on the built app, as
 * `npm start` and the image run it): start it on a free port, wait until it is ready, check things,
 * print "N passed, N failed".
 */
import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'

import { SERVER_ARGS } from '../../scripts/server-args.mjs'

export const root = path.resolve(import.meta.dirname, '..', '..')
export const tsx = path.join(root, 'node_modules', '.bin', 'tsx')

/** `node …` arguments of the compiled server (`npm run build` makes it). */
export const serverArgs = SERVER_ARGS

const tryPort = (port: number) =>
  new Promise<number | undefined>((resolve) => {
    const srv = net.createServer()
    srv.once('error', () => resolve(undefined))
    srv.listen(port, '127.0.0.1', () => {
      const { port: bound } = srv.address() as net.AddressInfo
      srv.close(() => resolve(bound))
    })
  })

/** A free port: from `PORT_RANGE` (e.g. `3300-3399`, for shared machines) when set, else any. */
export async function freePort(range = process.env.PORT_RANGE): Promise<number> {
  const [from, to] = (range ?? '').split('-').map(Number)
  if (from && to) {
    for (let i = 0; i < 50; i++) {
      const port = await tryPort(from + Math.floor(Math.random() * (to - from + 1)))
      if (port) return port
    }
  }
  return (await tryPort(0))!
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message)
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Runs named checks, printing ✓/✕ per check; `summary()` prints the totals and the exit code. */
export function checks() {
  const results: { name: string; ok: boolean }[] = []
  return {
    async check(name: string, fn: () => Promise<void> | void) {
      try {
        await fn()
        results.push({ name, ok: true })
        console.log(`  ✓ ${name}`)
      } catch (error) {
        results.push({ name, ok: false })
        const cause = (error as { cause?: Error }).cause
        console.log(`  ✕ ${name}: ${(error as Error).message}${cause ? ` (${cause.message})` : ''}`)
      }
    },
    summary(): number {
      const passed = results.filter((r) => r.ok).length
      console.log(`${passed} passed, ${results.length - passed} failed`)
      return results.length - passed ? 1 : 0
    },
  }
}

/** SIGTERM, then SIGKILL when the process has not ended within 15 s. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  await Promise.race([exited, sleep(15_000)])
  if (child.exitCode === null) child.kill('SIGKILL')
}

export type RunningServer = {
  child: ChildProcess
  base: string
  port: number
  output: () => string
  stop: () => Promise<void>
  /** Kills it with `signal` on purpose (not reported as an unexpected end); resolves at its exit. */
  kill: (signal: NodeJS.Signals) => Promise<void>
}

/** Starts the compiled server (production) with `env` on a free port and waits until it serves. */
export async function startServer(
  env: Record<string, string>,
  ms = 120_000,
): Promise<RunningServer> {
  const port = Number(env.PORT) || (await freePort())
  let output = ''
  const childEnv = {
    ...process.env,
    ...env,
    NODE_ENV: 'production',
    PORT: String(port),
  } as NodeJS.ProcessEnv
  const child: ChildProcess = spawn(process.execPath, serverArgs, { cwd: root, env: childEnv })
  child.stdout!.on('data', (d: Buffer) => (output += d))
  child.stderr!.on('data', (d: Buffer) => (output += d))
  let stopping = false
  child.once('exit', (code, signal) => {
    if (!stopping)
      console.log(
        `server on port ${port} ended unexpectedly (${code ?? signal}):\n${output.slice(-4000)}`,
      )
  })
  const started = Date.now()
  while (!output.includes('Newsroom CMS ready')) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`)
    if (Date.now() - started > ms) {
      child.kill('SIGKILL')
      throw new Error(`server not ready after ${ms / 1000}s:\n${output}`)
    }
    await sleep(200)
  }
  const stop = async () => {
    stopping = true
    await stopChild(child)
  }
  const kill = async (signal: NodeJS.Signals) => {
    stopping = true
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill(signal)
    await exited
  }
  return { child, base: `http://127.0.0.1:${port}`, port, output: () => output, stop, kill }
}

export type Reply = { status: number; text: string; json: any; headers: Headers }

/** fetch that reads the body as text (and JSON when it is). */
export async function request(url: string, init: RequestInit = {}): Promise<Reply> {
  const res = await fetch(url, init)
  const text = await res.text()
  let json: unknown
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  return { status: res.status, text, json, headers: res.headers }
}
