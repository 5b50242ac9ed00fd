/**
 * One server process (./index.ts starts it, or several: ./cluster.ts): Express serves Payload's REST API (/api) and GraphQL (/api/graphql)
 * itself (./payloadApi.ts) and hands the rest to Next.js: Payload's admin (/admin), the GraphQL
 * playground and the reader pages. `npm run build` compiles this file into
 * dist/server.js, which `npm start` and the Docker image run; `npm run dev` runs it with tsx in
 * development mode.
 *
 * Start-up order: settle the environment (secret, NODE_ENV) → check the Next build exists → open the
 * database and apply migrations (one Payload for the whole process) → create the first admin → serve;
 * Next is loaded by the first request for it.
 */
import cluster from 'node:cluster'
import fs from 'node:fs'
import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import path from 'node:path'

import compression from 'compression'
import express, { type NextFunction, type Request, type Response } from 'express'
import helmet from 'helmet'

import { withStartupLock } from '../database/startupLock'
import { bodySizeLimit } from '../features/limits/bodySizeLimit'
import { purgeBus } from '../features/cache/bus'
import { credentialCheck } from '../features/cache/credentials'
import { cacheOptionsFromEnv, responseCache } from '../features/cache/middleware'
import { publicMarkValue } from '../features/cache/publicMark'
import { admission, admissionOptionsFromEnv } from './admission'
import { clientGone, payloadApi } from './payloadApi'
import { clientIp } from './clientIp'
import { trustedOrigins, wrongOrigin } from '../features/limits/csrf'
import { malformedUrl } from '../features/limits/malformedUrl'
import { fewerPageCookies } from '../features/limits/pageCookies'
import { CONSENT_COOKIE } from '../features/site/consentCookie'
import { originForm } from '../features/limits/requestTarget'
import { knownActionIds, serverFunctionGuard } from './serverFunctions'
import { mountTestMetrics } from './testMetrics'
import { devPushedDatabaseReason, fail, prepareEnvironment, projectRoot } from './environment'
import { healthz } from './health'
import { startPayload } from './payload'
import { weakSecretReason } from './secret'
import { closeOnSignals, surviveUnhandledRejections } from './shutdown'
import { serveFromPrimary, workerIndex } from './cluster'
import { newestReaderPath, startMessage } from './startMessage'

const root = projectRoot

export async function serve(): Promise<void> {
  surviveUnhandledRejections()
  const { dev, generatedSecret } = prepareEnvironment()
  if (generatedSecret) console.log('Generated a random PAYLOAD_SECRET in .env for this machine.')
  if (!dev) {
    // A deployment (NODE_ENV=production) must bring a strong secret; the local quick start made one.
    const weak = weakSecretReason(process.env.PAYLOAD_SECRET)
    if (weak) {
      fail(
        `Refusing to start in production: ${weak}. Set it to a long random value, e.g. \`openssl rand -hex 32\`.`,
      )
    }
    if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID')))
      fail('No build found: run `npm run build` first (production never builds at start).')
  }
  const pushed = await devPushedDatabaseReason()
  if (pushed) fail(pushed)

  // Loaded only now: the config reads NODE_ENV, PAYLOAD_SECRET and DATABASE_URI when imported.
  const { default: config } = await import('../payload.config')
  const { ensureFirstAdmin, seedOnFirstStart } = await import('./firstStart')
  // Migrations, the first admin and the seed import: one instance at a time (several start together).
  const payload = await withStartupLock(async () => {
    const started = await startPayload(config)
    await ensureFirstAdmin(started)
    await seedOnFirstStart(started, path.join(root, 'seed', 'documents'))
    return started
  })
  await (await import('../features/publishing/jobs')).startJobs(payload) // scheduled publication runs from start
  // The newest published article, so the start message can link a reader page.
  const readerPath = await newestReaderPath(payload)

  // Next (admin, reader pages) is loaded by the first request it answers, not at start: an API read
  // never waits for it and a process only read through /api never holds it (~80 MB, ~1.5 s of
  // start-up; docs/performance.md#memory-and-cold-start).
  let nextHandler: Promise<(req: IncomingMessage, res: ServerResponse) => Promise<void>> | undefined
  const loadNext = async () => {
    const { default: next } = await import('next')
    const nextApp = next({ dev, dir: root })
    await withoutConfigTiming(() => nextApp.prepare())
    return nextApp.getRequestHandler()
  }
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    // A build Next cannot load is as fatal as it was at start.
    nextHandler ??= loadNext().catch((error: Error) => fail(`Next failed to load: ${error.stack}`))
    return (await nextHandler)(req, res)
  }

  let shuttingDown = false
  const app = express()
  app.disable('x-powered-by')
  mountTestMetrics(app) // only with NEWSROOM_TEST_METRICS=1 (tests/hostile/)
  clientIp(app) // first: everything after sees only the address Express decided on (TRUST_PROXY)
  app.use(malformedUrl) // a path Next could not decode: 400, not Next's 500
  // Anonymous reads of published content from memory (src/features/cache/): a hit is answered before
  // Express (`cache.front` below), with the headers and gzip bytes stored on the miss; misses go on
  // to Payload (`cache.api`) or Next (`cache.fill`).
  const cache = responseCache({
    ...cacheOptionsFromEnv(),
    config: payload.config,
    bus: purgeBus(payload),
    publicMark: publicMarkValue(payload),
  })
  // Payload's admin relies on inline scripts and styles, so CSP stays with the front end that embeds content.
  // The public site on another origin embeds our images, hence the cross-origin resource policy.
  app.use(
    helmet({
      contentSecurityPolicy: false,
      crossOriginEmbedderPolicy: false,
      crossOriginResourcePolicy: { policy: 'cross-origin' },
      // No referrer leaves the site, but the site's own requests name their origin: under
      // helmet's default `no-referrer` browsers send `Origin: null` with same-origin posts, which
      // Payload's csrf list (src/features/limits/csrf.ts) refuses.
      referrerPolicy: { policy: 'same-origin' },
    }),
  )
  app.use(compression())
  app.use(bodySizeLimit({}, payload.config.routes.api, credentialCheck(payload.config)))
  // A logged-in write from our own pages opened under another address: a 403 that says where the site is.
  app.use(
    wrongOrigin({
      origins: payload.config.csrf,
      cookieName: `${payload.config.cookiePrefix}-token`,
      apiRoute: payload.config.routes.api,
    }),
  )

  app.get(
    '/healthz',
    healthz(payload, () => shuttingDown),
  )

  // Uncached work in arrival order, a few at a time (./admission.ts); cache hits never get here.
  app.use(admission(admissionOptionsFromEnv()))
  // /api/** straight to Payload's own handlers (src/server/payloadApi.ts), stored at the fetch level.
  app.use(cache.api(payloadApi(config)))
  // Server functions: unknown ids and anonymous callers refused before Next; bad input 4xx, not 500.
  app.use(
    serverFunctionGuard({
      payload,
      // in development the manifest grows as pages compile: Next answers unknown ids itself
      actionIds: dev
        ? new Set()
        : knownActionIds(path.join(root, '.next', 'server', 'server-reference-manifest.json')),
    }),
  )
  // Hundreds of cookies cost Next's renderer seconds: past a bound, only the ones we read go on.
  const prefix = `${payload.config.cookiePrefix}-`
  app.use(
    fewerPageCookies(
      (name) => name.startsWith(prefix) || name.startsWith(CONSENT_COOKIE) || name.startsWith('__'),
    ),
  )
  // The admin, its server functions and the reader pages: Next; public pages are stored on the way out.
  app.use(cache.fill((req, res) => handle(req, res)))
  // Express's own handler would print a bare stack; say which request failed.
  app.use((error: Error, req: Request, res: Response, _next: NextFunction) => {
    if (clientGone(req, res, error)) return
    console.error(`${req.method} ${req.path} failed: ${error.stack ?? error.message}`)
    if (res.headersSent) return void res.destroy()
    res.status(500).json({ errors: [{ message: 'Something went wrong.' }] })
  })

  const port = Number(process.env.PORT || 3000)
  const answer = cache.front(app)
  const origins = trustedOrigins()
  const server: Server = http.createServer((req, res) => {
    // HEAD is a GET without its body (RFC 9110 9.3.2): the same headers, cache and 304s. Node's
    // response knows the request was a HEAD and never sends the body.
    if (req.method === 'HEAD') req.method = 'GET'
    if (shuttingDown) res.setHeader('Connection', 'close')
    if (originForm(req, res, origins)) return // a target naming another host: 421
    answer(req, res)
  })
  const ready = () => {
    if (workerIndex()) return // one start message from several processes (WEB_CONCURRENCY)
    for (const line of startMessage({ dev, database: payload.db.name, readerPath }))
      console.log(line)
  }
  if (cluster.isWorker) {
    serveFromPrimary(server) // the primary listens and hands over connections (./cluster.ts)
    ready()
  } else {
    server.listen(port, ready)
    server.on('error', (error) => fail(`Cannot listen on port ${port}: ${error.message}`))
  }

  closeOnSignals(server, payload, () => (shuttingDown = true))
}

/**
 * Next's server announces how long loading next.config.ts took ("✓ Running next.config.ts took
 * 217ms"), which a user starting the CMS has no use for; every other line passes.
 */
async function withoutConfigTiming<T>(work: () => Promise<T>): Promise<T> {
  const log = console.log
  console.log = (...args: unknown[]) => {
    if (!/Running next\.config\.\w+ took /.test(args.map(String).join(' '))) log(...args)
  }
  try {
    return await work()
  } finally {
    console.log = log
  }
}
