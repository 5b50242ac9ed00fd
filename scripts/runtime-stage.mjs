/**
 * The Docker image's runtime stage, defined once:
 *   node scripts/runtime-stage.mjs assemble DIR   the runtime file set into DIR (the Dockerfile's
 *                                                 build stage runs this; the runtime stage copies DIR)
 *   node scripts/runtime-stage.mjs test           assembles it into a temp dir and runs it there, as
 *                                                 the container would (CI: no Docker engine here)
 * The file set: production dependencies (`npm ci --omit=dev`), the compiled server (dist/), the Next
 * build (.next/ without its build cache), next.config.ts (Next reads it at start), public/ and the
 * first-start documents. No sources, tests, benchmarks or dev tools. Needs `npm run build` first.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { SERVER_ARGS } from './server-args.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Paths copied from the built project; .next/ without what only the build itself uses. */
const FILES = ['package.json', 'package-lock.json', 'next.config.ts', 'dist', '.next', 'public']
const NEXT_BUILD_ONLY = new Set(['cache', 'trace', 'trace-build', 'types', 'diagnostics'])
const FIRST_START_DOCUMENTS = 'seed/documents'

const workspaces = () =>
  JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).workspaces.flatMap((glob) =>
    fs
      .readdirSync(path.join(root, path.dirname(glob)))
      .map((dir) => path.join(path.dirname(glob), dir, 'package.json'))
      .filter((file) => fs.existsSync(path.join(root, file))),
  )

function assemble(dir) {
  const built = workspaces().map((pkg) => path.join(path.dirname(pkg), 'dist'))
  for (const required of ['dist/server.js', '.next/BUILD_ID', ...built])
    if (!fs.existsSync(path.join(root, required)))
      throw new Error(`${required} is missing: run \`npm run build\` first`)
  fs.mkdirSync(dir, { recursive: true })
  // Workspace packages (the plugins): what `npm pack` ships, their package.json and built dist/.
  const packages = workspaces().flatMap((pkg) => [pkg, path.join(path.dirname(pkg), 'dist')])
  for (const file of [...FILES, FIRST_START_DOCUMENTS, ...packages]) {
    fs.cpSync(path.join(root, file), path.join(dir, file), {
      recursive: true,
      verbatimSymlinks: true, // .next/node_modules links to packages in node_modules/
      filter: (src) =>
        !(
          path.dirname(src) === path.join(root, '.next') && NEXT_BUILD_ONLY.has(path.basename(src))
        ),
    })
  }
  execFileSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    stdio: 'inherit',
  })
  for (const empty of ['data', 'media']) fs.mkdirSync(path.join(dir, empty), { recursive: true })
}

const du = (dir) => Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0])
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`

const freePort = () =>
  new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })

async function test() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-runtime-'))
  const app = path.join(tmp, 'app')
  let failed = 0
  const check = async (name, fn) => {
    try {
      await fn()
      console.log(`  ✓ ${name}`)
    } catch (error) {
      failed++
      console.log(`  ✕ ${name}: ${error.message}`)
    }
  }
  const assert = (ok, message) => {
    if (!ok) throw new Error(message)
  }
  try {
    console.log('Runtime stage: assembling the image file set (npm ci --omit=dev)…')
    assemble(app)
    const installed = fs.readdirSync(path.join(app, 'node_modules'))
    console.log(
      `Runtime file set: ${mib(du(app))} (node_modules ${mib(du(path.join(app, 'node_modules')))}, .next ${mib(du(path.join(app, '.next')))})`,
    )

    await check('no sources or tests, no development dependency in the file set', () => {
      const present = ['src', 'tests', 'bench', 'collections', 'tsconfig.json'].filter((p) =>
        fs.existsSync(path.join(app, p)),
      )
      assert(!present.length, `present: ${present}`)
      // What npm installed, and why: a package of devDependencies is there only when a production
      // dependency needs it too (e.g. typescript for Payload's type generation).
      const lock = JSON.parse(
        fs.readFileSync(path.join(app, 'node_modules/.package-lock.json'), 'utf8'),
      )
      const devOnly = Object.entries(lock.packages).filter(([, meta]) => meta.dev)
      assert(!devOnly.length, `dev-only packages: ${devOnly.map(([name]) => name).slice(0, 10)}`)
      const { devDependencies } = JSON.parse(
        fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
      )
      const transitive = Object.keys(devDependencies).filter((name) => installed.includes(name))
      console.log(
        `    (development tools a production dependency brings along: ${transitive.join(', ') || 'none'})`,
      )
    })

    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    const dbFile = path.join(tmp, 'runtime.db')
    const env = {
      PATH: process.env.PATH,
      HOME: tmp,
      NODE_ENV: 'production',
      PORT: String(port),
      PAYLOAD_SECRET: crypto.randomBytes(32).toString('hex'),
      DATABASE_URI: `file:${dbFile}`,
      MEDIA_DIR: path.join(app, 'media'),
    }
    // The image's CMD, from the assembled directory.
    const command = [process.execPath, SERVER_ARGS]

    await check("npm start and the Dockerfile's CMD run the server with SERVER_ARGS", () => {
      const { scripts } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
      const cmd = fs
        .readFileSync(path.join(root, 'Dockerfile'), 'utf8')
        .match(/^CMD (\[.+\])$/m)?.[1]
      assert(
        scripts.start.endsWith(`&& exec node ${SERVER_ARGS.join(' ')}`),
        `npm start: ${scripts.start}`,
      )
      const argv = cmd ? JSON.parse(cmd) : []
      assert(argv.join(' ') === ['node', ...SERVER_ARGS].join(' '), `CMD ${cmd}`)
    })

    await check(
      'without a build it refuses to start with a clear message (no build at start)',
      () => {
        fs.renameSync(path.join(app, '.next'), path.join(app, '.next-away'))
        try {
          const run = spawnSync(...command, { cwd: app, env, encoding: 'utf8', timeout: 60_000 })
          assert(
            run.status === 1 && /No build found/.test(run.stderr),
            `exit ${run.status}: ${run.stderr}`,
          )
        } finally {
          fs.renameSync(path.join(app, '.next-away'), path.join(app, '.next'))
        }
      },
    )

    let out = ''
    const started = Date.now()
    const child = spawn(...command, { cwd: app, env })
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    try {
      await check('starts (fresh SQLite, migrations, first-start import)', async () => {
        while (!out.includes('Newsroom CMS ready')) {
          assert(child.exitCode === null, `exited ${child.exitCode}:\n${out}`)
          assert(Date.now() - started < 120_000, `not ready after 120 s:\n${out}`)
          await new Promise((r) => setTimeout(r, 100))
        }
        console.log(`    (ready after ${Date.now() - started} ms)`)
      })
      const get = async (pathname, init) => {
        const res = await fetch(`${base}${pathname}`, init)
        return { status: res.status, text: await res.text() }
      }
      await check('GET /healthz', async () => {
        const { status, text } = await get('/healthz')
        const body = JSON.parse(text)
        assert(
          status === 200 && body.status === 'ok' && body.payload?.inits === 1,
          `${status} ${text}`,
        )
      })
      await check('REST read', async () => {
        const { status, text } = await get('/api/articles?limit=1&depth=1&locale=de')
        assert(
          status === 200 && JSON.parse(text).docs.length === 1,
          `${status} ${text.slice(0, 300)}`,
        )
      })
      await check('GraphQL query', async () => {
        const { status, text } = await get('/api/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ Articles(limit: 1) { docs { slug } } }' }),
        })
        assert(
          status === 200 && JSON.parse(text).data?.Articles?.docs?.length === 1,
          `${status} ${text}`,
        )
      })
      await check('GET /admin/login', async () => {
        const { status, text } = await get('/admin/login')
        assert(status === 200 && text.includes('<html'), `${status}`)
      })
      await check('a reader page', async () => {
        const reader = out.match(
          /Reader page of the newest article: \S+?(\/(?:en|de)\/articles\/\S+)/,
        )
        assert(reader, 'no reader page in the start message')
        const { status, text } = await get(reader[1])
        assert(status === 200 && text.includes('<article'), `${reader[1]}: ${status}`)
      })
      await check('SIGTERM: exit 0 within 10 s, database closed (WAL written back)', async () => {
        const stopped = Date.now()
        child.kill('SIGTERM')
        const code = await new Promise((resolve) => {
          if (child.exitCode !== null) return resolve(child.exitCode)
          child.once('exit', resolve)
          setTimeout(() => resolve('still running after 10 s'), 10_000)
        })
        assert(code === 0, `exit ${code}\n${out.slice(-1500)}`)
        assert(out.includes('Database closed.'), `log:\n${out.slice(-1500)}`)
        const wal = `${dbFile}-wal`
        assert(!fs.existsSync(wal) || fs.statSync(wal).size === 0, 'the WAL still holds pages')
        console.log(`    (exit after ${Date.now() - stopped} ms)`)
      })
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
  }
  console.log(failed ? `${failed} failed` : 'all passed')
  process.exit(failed ? 1 : 0)
}

const [command, dir] = process.argv.slice(2)
if (command === 'assemble' && dir) assemble(path.resolve(dir))
else if (command === 'test') await test()
else {
  console.error('usage: node scripts/runtime-stage.mjs assemble DIR | test')
  process.exit(2)
}
