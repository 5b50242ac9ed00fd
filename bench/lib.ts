/** What the benchmarks share: child servers, their CPU time and memory from /proc. */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { stopChild } from '../tests/helpers/server'

export const root = path.resolve(import.meta.dirname, '..')
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export type Child = { child: ChildProcess; output: () => string; stop: () => Promise<void> }
// Stopped when a bench fails half-way, so no server is left holding a port.
export const running = new Set<ChildProcess>()

/**
 * Starts `node <args>` (a `.js` script as is, anything else through tsx) and waits for `readyText`
 * in its output. `env` comes on top of this process's environment.
 */
export async function startProcess(
  args: string[],
  env: Record<string, string>,
  readyText: string,
  cwd = root,
): Promise<Child> {
  let output = ''
  // The real server runs compiled, as `npm start` and the image run it; the bench handlers from source.
  // The script is the first argument that is not a flag (SERVER_ARGS begins with Node's flags): a
  // compiled server loaded through tsx's hooks took ~200 MB more and twice as long to start.
  const script = args.find((arg) => !arg.startsWith('-'))!
  const compiled = script.endsWith('.js') || script.endsWith('.mjs')
  const child = spawn(process.execPath, compiled ? args : ['--import', 'tsx', ...args], {
    cwd,
    env: { ...process.env, NODE_OPTIONS: '--conditions=production --no-deprecation', ...env },
  })
  child.stdout!.on('data', (d: Buffer) => (output += d))
  child.stderr!.on('data', (d: Buffer) => (output += d))
  running.add(child)
  child.once('exit', () => running.delete(child))
  const started = Date.now()
  while (!output.includes(readyText)) {
    if (child.exitCode !== null)
      throw new Error(`${args.join(' ')} exited with ${child.exitCode}:\n${output}`)
    if (Date.now() - started > 180_000) throw new Error(`${args.join(' ')} not ready:\n${output}`)
    await sleep(100)
  }
  return { child, output: () => output, stop: () => stopChild(child) }
}

/**
 * A server and its child processes (the workers of `WEB_CONCURRENCY`): memory and CPU are given for
 * all of them together.
 */
export const processTree = (pid: number): number[] => {
  let children: number[] = []
  try {
    children = fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(' ')
      .filter(Boolean)
      .map(Number)
  } catch {
    // gone meanwhile
  }
  return [pid, ...children.flatMap(processTree)]
}
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)

export const rssMB = (pid: number) =>
  sum(
    processTree(pid).map((p) => {
      const status = fs.readFileSync(`/proc/${p}/status`, 'utf8')
      return Math.round(Number(status.match(/VmRSS:\s+(\d+)/)![1]) / 1024)
    }),
  )

/** RSS split into anonymous memory (heaps, malloc) and file-backed pages (code, mapped files). */
export const memoryMB = (pid: number) => {
  const rollups = processTree(pid).map((p) => fs.readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'))
  const kb = (key: string) =>
    sum(rollups.map((r) => Number(r.match(new RegExp(`^${key}:\\s+(\\d+)`, 'm'))?.[1] ?? 0)))
  const mb = (v: number) => Math.round(v / 1024)
  return { rss: mb(kb('Rss')), anon: mb(kb('Anonymous')), file: mb(kb('Rss') - kb('Anonymous')) }
}

/**
 * RSS swings by hundreds of MB with each garbage collection under load, so one reading says little:
 * one reading per second over the last 30 s of a load, its peak (the high-water mark a container
 * must hold) and its floor (which climbs towards the peak while V8 and malloc keep freed memory).
 */
export const RSS_WINDOW = 30
export const rssWindow = (readings: number[]) => {
  const last = readings.slice(-RSS_WINDOW)
  return { peak: Math.max(...last), floor: Math.min(...last) }
}

/** CPU time a process has used: utime + stime, in clock ticks (1/100 s). */
export const cpuTicks = (pid: number) =>
  sum(
    processTree(pid).map((p) => {
      try {
        const fields = fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ')
        return Number(fields[11]) + Number(fields[12])
      } catch {
        return 0
      }
    }),
  )

/** Waits until the server has worked off what the last run left queued (its CPU use is low). */
export async function settle(pid: number, maxMs = 60_000) {
  const cpu = () => cpuTicks(pid)
  const started = Date.now()
  let before = cpu()
  while (Date.now() - started < maxMs) {
    await sleep(500)
    const now = cpu()
    if (now - before <= 5) return // under 10% of one core
    before = now
  }
}

/** Runs a bench's main: on failure the error is printed and every server it started is killed. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error) => {
    console.error(error)
    for (const child of running) child.kill('SIGKILL')
    process.exit(1)
  })
}
