/**
 * The production entry point: Express in front of Next.js, which serves Payload's admin (/admin),
 * REST API (/api) and GraphQL (/api/graphql). `npm start` runs this file; `npm run dev` runs it in
 * development mode.
 *
 * Start-up order: settle the environment (secret, NODE_ENV) → build the Next app when its sources
 * changed → open the database and apply migrations → create the first admin → serve.
 */
import crypto from 'node:crypto'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import type { Server } from 'node:http'
import path from 'node:path'

import compression from 'compression'
import express from 'express'
import helmet from 'helmet'
import type { Payload } from 'payload'

import { bodySizeLimit } from './http/bodySizeLimit'
import { responseCache } from './cache/middleware'
import { clientIp } from './http/clientIp'
import { devPushedDatabaseReason, prepareEnvironment, projectRoot } from './start/environment'
import { weakSecretReason } from './start/secret'

const root = projectRoot

const fail = (message: string): never => {
  console.error(message)
  process.exit(1)
}

// Everything that ends up in the Next build; a change to any of it means `next build` again.
const BUILD_INPUTS = [
  'src',
  'collections',
  'plugins',
  'seed',
  'next.config.ts',
  'package-lock.json',
  'tsconfig.json',
]
const CODE = /\.(tsx?|m?js|json|s?css)$/
const BUILD_STAMP = path.join(root, '.next', 'newsroom-build-inputs')

function buildFingerprint(): string {
  const hash = crypto.createHash('sha256')
  const walk = (p: string) => {
    if (!fs.existsSync(p)) return
    const stat = fs.statSync(p)
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p).sort()) {
        if (entry !== 'node_modules' && !entry.startsWith('.')) walk(path.join(p, entry))
      }
    } else if (CODE.test(p)) {
      hash.update(path.relative(root, p)).update(fs.readFileSync(p))
    }
  }
  BUILD_INPUTS.forEach((input) => walk(path.join(root, input)))
  return hash.digest('hex')
}

function buildIfNeeded(): void {
  const fingerprint = buildFingerprint()
  const built = fs.existsSync(path.join(root, '.next', 'BUILD_ID'))
  if (built && fs.existsSync(BUILD_STAMP) && fs.readFileSync(BUILD_STAMP, 'utf8') === fingerprint)
    return
  console.log(
    built
      ? 'Sources changed since the last build: building…'
      : 'No build yet: building the admin (about a minute)…',
  )
  const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next')
  const result = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --no-deprecation`.trim(),
    },
  })
  if (result.status !== 0) fail('next build failed; see the output above.')
  // Taken again: `next build` may rewrite tsconfig.json.
  fs.writeFileSync(BUILD_STAMP, buildFingerprint())
}

async function checkDatabase(payload: Payload): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('database did not answer within 3 s')), 3000)
  })
  try {
    await Promise.race([payload.count({ collection: 'locales' }), timeout])
  } finally {
    clearTimeout(timer)
  }
}

async function main(): Promise<void> {
  // `npm run build`: only the Next build (and its stamp, so the next start does not build again).
  if (process.argv.includes('--build')) {
    Object.assign(process.env, { NODE_ENV: 'production' })
    buildIfNeeded()
    return
  }
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
    buildIfNeeded()
  }
  const pushed = await devPushedDatabaseReason()
  if (pushed) fail(pushed)

  // Loaded only now: the config reads NODE_ENV, PAYLOAD_SECRET and DATABASE_URI when imported.
  const { default: config } = await import('./payload.config')
  const { getPayload } = await import('payload')
  const { default: next } = await import('next')
  const { ensureFirstAdmin, seedOnFirstStart } = await import('./start/firstStart')
  // Its own cache key keeps this instance apart from the one Next's route handlers create.
  const payload = await getPayload({ config, key: 'newsroom-server' })
  await ensureFirstAdmin(payload)
  await seedOnFirstStart(payload, path.join(root, 'seed', 'documents'))
  await (await import('./start/jobs')).startJobs(payload) // scheduled publication runs from start
  // The newest published article, so the start message can link a reader page.
  const { docs: newest } = await payload.find({
    collection: 'articles',
    where: { _status: { equals: 'published' } },
    sort: '-publishedAt',
    limit: 1,
    depth: 0,
    select: { slug: true },
  })

  const nextApp = next({ dev, dir: root })
  await nextApp.prepare()
  const handle = nextApp.getRequestHandler()

  let shuttingDown = false
  const app = express()
  app.disable('x-powered-by')
  clientIp(app) // first: everything after sees only the address Express decided on (TRUST_PROXY)
  // Anonymous reads of published content from memory (src/cache/): a hit is answered here, with the
  // headers and gzip bytes stored on the miss; misses go on to Next through `cache.fill` below.
  app.use((_req, res, next) => {
    if (shuttingDown) res.setHeader('Connection', 'close')
    next()
  })
  const cache = responseCache()
  app.use(cache.serve)
  // Payload's admin relies on inline scripts and styles, so CSP stays with the front end that embeds content.
  // The public site on another origin embeds our images, hence the cross-origin resource policy.
  app.use(
    helmet({
      contentSecurityPolicy: false,
      crossOriginEmbedderPolicy: false,
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    }),
  )
  app.use(compression())
  app.use(bodySizeLimit())

  app.get('/healthz', async (_req, res) => {
    if (shuttingDown) {
      res.status(503).json({ status: 'error', reason: 'shutting down' })
      return
    }
    try {
      await checkDatabase(payload)
      res.json({ status: 'ok', database: payload.db.name })
    } catch (error) {
      res.status(503).json({ status: 'error', reason: `database: ${(error as Error).message}` })
    }
  })

  // Everything the cache did not answer goes to Next; cacheable answers are stored on the way out.
  app.use(cache.fill((req, res) => handle(req, res)))

  const port = Number(process.env.PORT || 3000)
  const server: Server = app.listen(port, () => {
    console.log(
      `Newsroom CMS ready (${dev ? 'development' : 'production'}, ${payload.db.name}): http://localhost:${port}/admin`,
    )
    if (newest[0]?.slug)
      console.log(
        `Reader page of the newest article: http://localhost:${port}/de/articles/${newest[0].slug}`,
      )
  })
  server.on('error', (error) => fail(`Cannot listen on port ${port}: ${error.message}`))

  const shutdown = (signal: string) => {
    if (shuttingDown) return
    shuttingDown = true
    console.log(`${signal}: finishing in-flight requests, then closing the database…`)
    // Force-close connections that are still busy after 10 s so a stuck client cannot hold the exit.
    setTimeout(() => server.closeAllConnections(), 10_000).unref()
    server.close(async () => {
      const nextInstance = (
        globalThis as { _payload?: Map<string, { payload?: Payload }> }
      )._payload?.get('default')
      await Promise.allSettled([payload.destroy(), nextInstance?.payload?.destroy()])
      process.exit(0)
    })
    server.closeIdleConnections()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

main().catch((error: Error) => fail(`Start-up failed: ${error.message}`))
