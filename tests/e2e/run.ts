/**
 * Browser end-to-end tests (`npm run test:e2e`): starts the real server (`dist/server.js`, production
 * mode, a fresh SQLite database and media folder in a temp dir, a free port), drives Debian's
 * Chromium with playwright-core through the editor, translator and developer journeys in
 * tests/e2e/journeys/, and saves a screenshot of each journey's key screen in docs/screenshots/.
 *
 *   CHROMIUM_PATH=/path/to/chromium   the browser (default /usr/bin/chromium; `apt-get install -y chromium`)
 *   E2E_ONLY=1,2,4                     run only these journeys (the first admin is then made through REST)
 *   E2E_VERBOSE=1                      show the server's output
 *
 * Prints ✓/✕ per journey and "N passed, N failed"; exits 1 on any failure. The server builds the Next
 * app first when its sources changed (about a minute).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { type Browser, chromium } from 'playwright-core'

import { serverArgs } from '../helpers/server'
import { type Journey, type JourneyContext, root } from './helpers'
import { firstAdmin } from './journeys/1-first-admin'
import { editorPublishes } from './journeys/2-editor-publishes'
import { translatorGerman } from './journeys/3-translator'
import { consentTexts } from './journeys/4-consent'
import { developerGraphQL } from './journeys/5-developer-graphql'
import { readerGerman } from './journeys/6-reader-german'
import { readerEnglish } from './journeys/7-reader-english'
import { editorLivePreview } from './journeys/8-editor-live-preview'
import { translatorPreview } from './journeys/9-translator-preview'
import { editorPublishesGerman } from './journeys/10-editor-publishes-german'
import { editorSchedulesGerman } from './journeys/11-editor-schedules-german'
import { germanListBooleans } from './journeys/12-german-list-booleans'
import { translatorCreateDenied } from './journeys/13-translator-create-denied'
import { printedAdminUrl } from './journeys/14-printed-admin-url'
import { heroStatusUnusedImages } from './journeys/15-hero-status-unused-images'
import { editorApprovesGerman } from './journeys/16-editor-approves-german'
import { searchJourney } from './journeys/17-search'

const journeys: Journey[] = [
  firstAdmin,
  editorPublishes,
  translatorGerman,
  consentTexts,
  developerGraphQL,
  readerGerman,
  readerEnglish,
  editorLivePreview,
  translatorPreview,
  editorPublishesGerman,
  editorSchedulesGerman,
  germanListBooleans,
  translatorCreateDenied,
  printedAdminUrl,
  heroStatusUnusedImages,
  editorApprovesGerman,
  searchJourney,
]

const READY_LINE = 'Newsroom CMS ready'
const START_TIMEOUT_MS = 5 * 60_000 // includes a `next build` when the build is stale
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
]

const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const verbose = Boolean(process.env.E2E_VERBOSE)

function chromiumMissing(): boolean {
  try {
    fs.accessSync(executablePath, fs.constants.X_OK)
    return !fs.statSync(executablePath).isFile()
  } catch {
    return true
  }
}

function selectedJourneys(): Journey[] {
  const only = process.env.E2E_ONLY?.trim()
  if (!only) return journeys
  const ids = only.split(',').map((id) => Number(id.trim()))
  const unknown = ids.filter((id) => !journeys.some((journey) => journey.id === id))
  if (unknown.length) {
    console.error(
      `test:e2e: E2E_ONLY names unknown journeys: ${unknown.join(', ')} (known: ${journeys.map((j) => j.id).join(', ')})`,
    )
    process.exit(1)
  }
  return journeys.filter((journey) => ids.includes(journey.id))
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = net.createServer()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })

/** Starts the compiled server in its own process group (anything it spawns is stopped with it). */
function startServer(tmp: string, port: number): { child: ChildProcess; output: () => string } {
  let output = ''
  const child = spawn(process.execPath, serverArgs, {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      // The origin the browser uses: live preview URLs and Payload's csrf list come from it.
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      PAYLOAD_SECRET: crypto.randomBytes(32).toString('hex'),
      DATABASE_URI: `file:${path.join(tmp, 'e2e.db')}`,
      MEDIA_DIR: path.join(tmp, 'media'),
      // Empty, not absent, so a developer's .env cannot create the admin: journey 1 does that in the UI.
      ADMIN_EMAIL: '',
      ADMIN_PASSWORD: '',
      // The server's own job runner, looking for due jobs every second: journey 11's scheduled
      // publication is live within a second or two of its time.
      JOBS: 'on',
      JOBS_CRON: '* * * * * *',
      // Journey 11 schedules 20 s ahead rather than the minute editors must keep (src/features/publishing/validateSchedule.ts).
      SCHEDULE_MIN_LEAD_SECONDS: '20',
    },
  })
  const collect = (chunk: Buffer) => {
    const text = chunk.toString()
    output += text
    if (verbose) process.stdout.write(text.replace(/^/gm, '  server| '))
    else if (/building/i.test(text) && !/ready/i.test(text))
      process.stdout.write(`  server: ${text.trim().split('\n')[0]}\n`)
  }
  child.stdout!.on('data', collect)
  child.stderr!.on('data', collect)
  return { child, output: () => output }
}

async function waitForReady(child: ChildProcess, output: () => string): Promise<void> {
  const started = Date.now()
  while (Date.now() - started < START_TIMEOUT_MS) {
    if (output().includes(READY_LINE)) return
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `the server exited (${child.exitCode ?? child.signalCode}) before "${READY_LINE}":\n${tail(output())}`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(
    `the server did not print "${READY_LINE}" within ${START_TIMEOUT_MS / 60_000} minutes:\n${tail(output())}`,
  )
}

/** Stops the server's process group: SIGTERM (graceful), SIGKILL after 15 s. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal)
    } catch {
      // already gone
    }
  }
  signalGroup('SIGTERM')
  const timer = setTimeout(() => signalGroup('SIGKILL'), 15_000)
  await exited
  clearTimeout(timer)
  signalGroup('SIGKILL') // anything left in the group (a `next build` child)
}

const tail = (text: string, lines = 40) => text.trimEnd().split('\n').slice(-lines).join('\n')

async function main(): Promise<number> {
  if (chromiumMissing()) {
    console.error(
      `test:e2e: Chromium not found at ${executablePath} — install it with: apt-get install -y chromium`,
    )
    return 1
  }
  const selected = selectedJourneys()
  const started = Date.now()
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-e2e-'))
  const failuresDir = path.join(os.tmpdir(), 'newsroom-e2e-failures')
  let server: ReturnType<typeof startServer> | undefined
  let browser: Browser | undefined
  let passed = 0
  let failed = 0

  const cleanUp = async () => {
    await browser?.close().catch(() => {})
    if (server) await stopServer(server.child)
    fs.rmSync(tmp, { recursive: true, force: true })
  }
  const onSignal = (signal: NodeJS.Signals) => {
    void cleanUp().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143))
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)

  try {
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    console.log(`Browser journeys against dist/server.js on ${base} (fresh SQLite in ${tmp})`)
    server = startServer(tmp, port)
    try {
      await waitForReady(server.child, server.output)
    } catch (error) {
      console.log(`  ✕ server start: ${(error as Error).message}`)
      console.log(`0 passed, ${selected.length} failed`)
      return 1
    }
    console.log(`  server ready after ${((Date.now() - started) / 1000).toFixed(1)} s`)

    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS })
    const ctx: JourneyContext = {
      base,
      browser,
      tmp,
      contexts: [],
      state: new Map(),
      serverOutput: server.output,
    }

    for (const journey of selected) {
      const t0 = Date.now()
      const seconds = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`
      try {
        await journey.run(ctx)
        passed++
        console.log(`  ✓ ${journey.id}. ${journey.name} (${seconds()})`)
      } catch (error) {
        failed++
        console.log(`  ✕ ${journey.id}. ${journey.name} (${seconds()})`)
        console.log(`      ${(error as Error).message.split('\n').join('\n      ')}`)
        const page = ctx.contexts.at(-1)?.pages().at(-1)
        if (page) {
          fs.mkdirSync(failuresDir, { recursive: true })
          const file = path.join(failuresDir, `journey-${journey.id}.png`)
          const shot = await page
            .screenshot({ path: file, type: 'png', fullPage: true, timeout: 10_000 })
            .catch(() => null)
          if (shot) console.log(`      page at the failure (${page.url()}): ${file}`)
        }
        if (server.child.exitCode !== null)
          console.log(`      the server has exited:\n${tail(server.output(), 20)}`)
      } finally {
        await Promise.all(ctx.contexts.splice(0).map((context) => context.close().catch(() => {})))
      }
    }
  } finally {
    await cleanUp()
  }
  console.log(`  total ${((Date.now() - started) / 1000).toFixed(1)} s`)
  console.log(`${passed} passed, ${failed} failed`)
  return failed ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`test:e2e: ${error.stack ?? error.message}`)
    process.exit(1)
  },
)
