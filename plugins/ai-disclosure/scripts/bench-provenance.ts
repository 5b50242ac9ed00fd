/**
 * Provenance benchmark (prints figures; not a timed test): the reader per image over the committed
 * fixtures (median and p95 of ROUNDS reads each), and Payload uploads (Local API, three image
 * sizes, in-memory SQLite) with reading on and off.
 *
 *   npm run bench:provenance        (ROUNDS=20 UPLOADS=30 by default)
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { buildConfig, getPayload } from 'payload'
import sharp from 'sharp'

import { aiDisclosurePlugin, createProvenanceReader } from '../src/index'

const ROUNDS = Number(process.env.ROUNDS ?? 20)
const UPLOADS = Number(process.env.UPLOADS ?? 30)
const dir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../tests/fixtures/provenance',
)
const fixtures = fs
  .readdirSync(dir)
  .filter((f) => /\.(jpg|png|webp)$/.test(f))
  .map((name) => ({ bytes: fs.readFileSync(path.join(dir, name)), name }))
const MIME: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' }

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
}
const ms = (n: number) => `${n.toFixed(1)} ms`

const read = createProvenanceReader({
  trustAnchors: fs.readFileSync(path.join(dir, 'test-ca.pem'), 'utf8'),
})
let started = performance.now()
await read(fixtures[0]!.bytes)
console.log(`first read (compiles the C2PA wasm module): ${ms(performance.now() - started)}`)

const all: number[] = []
console.log('\nprovenance read per image')
console.log(`${'fixture'.padEnd(24)}${'source'.padEnd(10)}${'status'.padEnd(11)}median     p95`)
for (const { bytes, name } of fixtures) {
  const times: number[] = []
  let last
  for (let i = 0; i < ROUNDS; i++) {
    started = performance.now()
    last = await read(bytes)
    times.push(performance.now() - started)
  }
  all.push(...times)
  console.log(
    `${name.padEnd(24)}${last!.source.padEnd(10)}${last!.status.padEnd(11)}${ms(quantile(times, 0.5)).padEnd(11)}${ms(quantile(times, 0.95))}`,
  )
}
console.log(
  `${'all fixtures'.padEnd(45)}${ms(quantile(all, 0.5)).padEnd(11)}${ms(quantile(all, 0.95))}`,
)

const uploadTimes = async (provenance: boolean) => {
  const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-provenance-'))
  process.env.PAYLOAD_FORCE_DRIZZLE_PUSH = 'true'
  const payload = await getPayload({
    config: buildConfig({
      collections: [
        {
          slug: 'images',
          fields: [{ name: 'alt', type: 'text' }],
          upload: {
            imageSizes: [
              { name: 'thumbnail', width: 160, height: 90 },
              { name: 'card', width: 320, height: 180 },
              { name: 'hero', width: 400, height: 225 },
            ],
            staticDir,
          },
        },
      ],
      db: sqliteAdapter({ client: { url: ':memory:' } }),
      logger: { options: { level: 'warn' } },
      plugins: [
        aiDisclosurePlugin({
          consent: false,
          imageCollections: ['images'],
          provenance: provenance ? {} : false,
        }),
      ],
      secret: 'bench-provenance',
      sharp,
      telemetry: false,
    }),
    key: `bench-${provenance}`,
  })
  const times: number[] = []
  for (let i = 0; i < UPLOADS; i++) {
    const { bytes, name } = fixtures[i % fixtures.length]!
    const start = performance.now()
    await (payload as any).create({
      collection: 'images',
      data: { alt: name },
      file: { data: bytes, mimetype: MIME[name.split('.').pop()!], name, size: bytes.length },
    })
    times.push(performance.now() - start)
  }
  await payload.destroy()
  fs.rmSync(staticDir, { force: true, recursive: true })
  return times.slice(1)
}

console.log(
  `\nupload (Local API create, 3 sizes, ${UPLOADS} uploads over the fixtures, first left out)`,
)
for (const on of [false, true]) {
  const times = await uploadTimes(on)
  console.log(
    `${(on ? 'with provenance' : 'without provenance').padEnd(24)}median ${ms(quantile(times, 0.5)).padEnd(11)}p95 ${ms(quantile(times, 0.95))}`,
  )
}
process.exit(0)
