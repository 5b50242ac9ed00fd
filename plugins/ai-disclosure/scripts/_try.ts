import fs from 'node:fs'
import { createProvenanceReader } from '../src/provenance/read'
import { hugeXmpPng, pixelBombPng } from './fixtureImages'
const d = new URL('../tests/fixtures/provenance/', import.meta.url).pathname
const read = createProvenanceReader({})
const readT = createProvenanceReader({ trustAnchors: fs.readFileSync(d + 'test-ca.pem', 'utf8') })
for (const f of fs.readdirSync(d).filter((f) => /\.(jpg|png|webp)$/.test(f))) {
  const b = fs.readFileSync(d + f)
  const t = performance.now()
  const p = await read(b)
  const { manifest, readAt, ...rest } = p
  console.log(f, (performance.now() - t).toFixed(1), JSON.stringify(rest))
}
console.log('trusted', (await readT(fs.readFileSync(d + 'c2pa-ai.png'))).status)
let t = performance.now()
const h = await hugeXmpPng()
console.log('huge', h.length, JSON.stringify(await read(h)).slice(0, 400), performance.now() - t)
t = performance.now()
const bomb = pixelBombPng()
console.log(
  'bomb',
  bomb.length,
  JSON.stringify(await read(bomb)).slice(0, 300),
  performance.now() - t,
)
console.log(JSON.stringify(await read(Buffer.from('not an image at all'))))
console.log(JSON.stringify(await read(fs.readFileSync(d + 'c2pa-ai.jpg').subarray(0, 3000))))
