import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { de } from '@payloadcms/translations/languages/de'
import { en } from '@payloadcms/translations/languages/en'
import { buildConfig, getPayload } from 'payload'
import type { Payload, SanitizedConfig } from 'payload'
import sharp from 'sharp'

import {
  aiDisclosurePlugin,
  createProvenanceReader,
  digitalSourceTypeURI,
  parseXmp,
} from 'payload-plugin-ai-disclosure'
import type { AIDisclosurePluginOptions } from 'payload-plugin-ai-disclosure'

import {
  hugeXmpPng,
  insertPngChunks,
  pixelBombPng,
  plainImage,
  tEXt,
  unknownAlgorithm,
  withXmp,
} from '../scripts/fixtureImages'
import { api } from './api'
import { quietPush, testLogger } from '../../../tests/helpers/quiet'

// Provenance read from uploaded files, through Payload's REST and GraphQL handlers, on a small app
// of its own: an upload collection with three image sizes, and users.

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/provenance')
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name))
const AI = digitalSourceTypeURI('trainedAlgorithmicMedia')
const COMPOSITE_AI = digitalSourceTypeURI('compositeWithTrainedAlgorithmicMedia')
const PHOTO = digitalSourceTypeURI('digitalCapture')
const ENHANCED = digitalSourceTypeURI('algorithmicallyEnhanced')
const SIZES = [
  { name: 'thumbnail', width: 160, height: 90 },
  { name: 'card', width: 320, height: 180 },
  { name: 'hero', width: 400, height: 225 },
]
const MIME: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' }

type App = {
  config: SanitizedConfig
  payload: Payload
  staticDir: string
  token: string
  client: ReturnType<typeof api>
}

async function bootApp(options: AIDisclosurePluginOptions, key?: string): Promise<App> {
  const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'provenance-media-'))
  const config = buildConfig({
    admin: { user: 'users' },
    collections: [
      { slug: 'users', auth: true, fields: [] },
      {
        slug: 'photos',
        access: { read: () => true },
        fields: [{ name: 'alt', type: 'text' }],
        upload: { imageSizes: SIZES, staticDir },
      },
    ],
    db: quietPush(sqliteAdapter({ client: { url: ':memory:' }, idType: 'uuid' })),
    logger: testLogger(), // server logs shown only for a failing test
    i18n: { supportedLanguages: { de, en } },
    plugins: [aiDisclosurePlugin({ consent: false, imageCollections: ['photos'], ...options })],
    secret: 'provenance-test-secret',
    sharp,
    telemetry: false,
  })
  const payload = await getPayload({ config, key })
  const any = payload as any
  await any.create({ collection: 'users', data: { email: 'e@x.test', password: 'pw-123456' } })
  const { token } = await any.login({
    collection: 'users',
    data: { email: 'e@x.test', password: 'pw-123456' },
  })
  return { client: api(payload.config), config: payload.config, payload, staticDir, token }
}

const form = (name: string, bytes: Uint8Array, data: Record<string, unknown> = {}) => {
  const body = new FormData()
  const ext = name.split('.').pop()!
  body.append(
    'file',
    new Blob([new Uint8Array(bytes)], { type: MIME[ext] ?? 'application/octet-stream' }),
    name,
  )
  body.append('_payload', JSON.stringify({ alt: name, ...data }))
  return body
}

let app: App
let trusted: App
beforeAll(async () => {
  // two apps with the same schema in one process: Payload skips the second push unless forced
  process.env.PAYLOAD_FORCE_DRIZZLE_PUSH = 'true'
  // the REST/GraphQL handlers use the default instance; the second one is used via the Local API
  app = await bootApp({})
  process.env.C2PA_TRUST_ANCHORS = path.join(FIXTURES, 'test-ca.pem')
  trusted = await bootApp({}, 'provenance-trusted')
  delete process.env.C2PA_TRUST_ANCHORS
})
afterAll(async () => {
  for (const a of [app, trusted]) {
    await a?.payload.destroy()
    if (a) fs.rmSync(a.staticDir, { force: true, recursive: true })
  }
})

const upload = async (
  a: App,
  name: string,
  data?: Record<string, unknown>,
  bytes: Uint8Array = fixture(name),
) => a.client.post('/photos', { form: form(name, bytes, data), token: a.token })

const SIGNED = {
  aiGenerated: true,
  aiSystem: 'Example Image Model 3.1',
  digitalSourceType: AI,
  provenance: {
    aiSystem: 'Example Image Model',
    aiSystemVersion: '3.1',
    claimGenerator: 'Example Image Generator 2.1',
    digitalSourceType: AI,
    signer: 'Example Image Generator Signer',
    signerOrganization: 'Example AI Lab',
    source: 'c2pa',
    status: 'untrusted',
    codes: ['signingCredential.untrusted'],
  },
}

// what each committed fixture must give (the oracle: written by hand from how they were made)
const EXPECTED: Record<string, Record<string, unknown>> = {
  'c2pa-ai.jpg': { ...SIGNED, provenance: { ...SIGNED.provenance, ingredients: 1 } },
  'c2pa-ai.png': { ...SIGNED, provenance: { ...SIGNED.provenance, ingredients: 0 } },
  'c2pa-ai.webp': { ...SIGNED, provenance: { ...SIGNED.provenance, ingredients: 0 } },
  'c2pa-tampered.jpg': {
    aiGenerated: true,
    digitalSourceType: AI,
    provenance: { source: 'c2pa', status: 'invalid', ingredients: 1 },
  },
  'c2pa-corrupt.jpg': {
    aiGenerated: false,
    digitalSourceType: null,
    provenance: { source: 'c2pa', status: 'invalid', codes: ['c2pa.ProvenanceMissing'] },
  },
  'xmp-attribute.jpg': {
    aiGenerated: true,
    aiSystem: 'Example Diffusion 6.1',
    digitalSourceType: AI,
    provenance: {
      aiSystem: 'Example Diffusion',
      aiSystemVersion: '6.1',
      creator: 'Jane Prompter',
      credit: 'Example Studio',
      promptPresent: true,
      prompt: null,
      source: 'xmp',
      status: 'unsigned',
    },
  },
  'xmp-element.webp': {
    aiGenerated: true,
    aiSystem: 'Example Image Model',
    digitalSourceType: COMPOSITE_AI,
    provenance: { creator: 'Newsroom Graphics', source: 'xmp', status: 'unsigned' },
  },
  'xmp-photo.jpg': {
    aiGenerated: false,
    digitalSourceType: PHOTO,
    provenance: { creator: 'Max Fotograf', credit: 'dpa', source: 'xmp', status: 'unsigned' },
  },
  'png-parameters.png': {
    aiGenerated: true,
    aiSystem: 'Stable Diffusion WebUI (sd_xl_base_1.0)',
    digitalSourceType: AI,
    provenance: { promptPresent: true, prompt: null, source: 'png-text', status: 'unsigned' },
  },
  'png-comfyui.png': {
    aiGenerated: true,
    aiSystem: 'ComfyUI (flux1-dev.safetensors)',
    provenance: { promptPresent: true, source: 'png-text', status: 'unsigned' },
  },
  'camera-gps.jpg': {
    aiGenerated: false,
    aiSystem: null,
    digitalSourceType: null,
    badges: [],
    provenance: { source: 'none', status: 'none', signer: null },
  },
  'plain.png': { aiGenerated: false, provenance: { source: 'none', status: 'none' } },
}

const sizeFiles = (a: App, doc: any) =>
  SIZES.map((size) => fs.readFileSync(path.join(a.staticDir, doc.sizes[size.name].filename)))

describe('provenance read on upload (REST)', () => {
  test('every committed fixture has an expectation', () => {
    const images = fs.readdirSync(FIXTURES).filter((f) => /\.(jpg|png|webp)$/.test(f))
    expect(images.filter((f) => !EXPECTED[f] && f !== 'plain-replacement.jpg')).toEqual([])
  })

  test.each(Object.entries(EXPECTED))('%s', async (name, expected) => {
    const res = await upload(app, name)
    expect(res.status).toBe(201)
    expect(res.body.doc).toMatchObject(expected)
    expect(typeof res.body.doc.provenance.readAt).toBe('string')
    if (res.body.doc.aiGenerated) {
      expect(res.body.doc.badges.map((b: any) => b.type)).toEqual(['ai-image'])
    }
  })

  test('the tampered file is invalid with the data-hash code and the reason', async () => {
    const { body } = await upload(app, 'c2pa-tampered.jpg')
    expect(body.doc.provenance.codes).toContain('assertion.dataHash.mismatch')
    expect(body.doc.provenance.reason).toMatch(/assertion\.dataHash\.mismatch/)
  })

  test('a trust list (C2PA_TRUST_ANCHORS) makes the test signer trusted; a tampered file stays invalid', async () => {
    const create = async (name: string) => {
      const data = fixture(name)
      return (trusted.payload as any).create({
        collection: 'photos',
        data: { alt: name },
        file: { data, mimetype: MIME[name.split('.').pop()!], name, size: data.length },
      })
    }
    for (const name of ['c2pa-ai.jpg', 'c2pa-ai.png', 'c2pa-ai.webp']) {
      expect((await create(name)).provenance).toMatchObject({ codes: null, status: 'trusted' })
    }
    const tampered = await create('c2pa-tampered.jpg')
    expect(tampered.provenance.status).toBe('invalid')
    expect(tampered.provenance.codes).toEqual(['assertion.dataHash.mismatch'])
  })

  test('the original is stored byte for byte, and its manifest still validates', async () => {
    const read = createProvenanceReader({ trustAnchors: fixture('test-ca.pem').toString() })
    // Payload passes WebP (and GIF) originals through sharp: the plugin keeps the uploaded bytes
    for (const name of ['c2pa-ai.jpg', 'c2pa-ai.png', 'c2pa-ai.webp']) {
      const bytes = fixture(name)
      const { body } = await upload(app, name)
      const stored = fs.readFileSync(path.join(app.staticDir, body.doc.filename))
      expect([name, stored.equals(bytes)]).toEqual([name, true])
      expect(body.doc.filesize).toBe(bytes.length)
      expect(body.doc).toMatchObject({ height: 320, width: 480 })
      expect((await read(stored)).status).toBe('trusted')
    }
  })

  test('resized copies carry XMP with the source type and AI system, and no EXIF/GPS', async () => {
    for (const name of ['c2pa-ai.jpg', 'png-parameters.png', 'xmp-element.webp']) {
      const { body } = await upload(app, name)
      for (const copy of sizeFiles(app, body.doc)) {
        const meta = await sharp(copy).metadata()
        expect(meta.exif).toBeUndefined()
        expect(parseXmp(meta.xmp!.toString())).toMatchObject({
          aiSystem: body.doc.aiSystem,
          digitalSourceType: body.doc.digitalSourceType,
        })
      }
    }
    const { body } = await upload(app, 'camera-gps.jpg')
    expect((await sharp(fixture('camera-gps.jpg')).metadata()).exif).toBeDefined()
    for (const copy of sizeFiles(app, body.doc)) {
      const meta = await sharp(copy).metadata()
      expect(meta.exif).toBeUndefined()
      expect(meta.xmp).toBeUndefined()
    }
  })

  test('a file without metadata that the editor labels: its copies say so', async () => {
    const { body } = await upload(app, 'plain.png', {
      aiGenerated: true,
      aiSystem: 'Studio Model 2',
    })
    expect(body.doc).toMatchObject({ aiGenerated: true, digitalSourceType: AI })
    for (const copy of sizeFiles(app, body.doc)) {
      expect(parseXmp((await sharp(copy).metadata()).xmp!.toString())).toMatchObject({
        aiSystem: 'Studio Model 2',
        digitalSourceType: AI,
      })
    }
    // labelled later, without a new file: the stored copies are rewritten
    const later = await upload(app, 'plain.png')
    const patched = await app.client.patch(`/photos/${later.body.doc.id}`, {
      body: { digitalSourceType: COMPOSITE_AI, aiSystem: 'Retouch AI' },
      token: app.token,
    })
    expect(patched.status).toBe(200)
    for (const copy of sizeFiles(app, patched.body.doc)) {
      expect(parseXmp((await sharp(copy).metadata()).xmp!.toString())).toMatchObject({
        aiSystem: 'Retouch AI',
        digitalSourceType: COMPOSITE_AI,
      })
    }
  })

  test('a replaced file is read again', async () => {
    const { body } = await upload(app, 'plain.png')
    expect(body.doc.aiGenerated).toBe(false)
    const replaced = await app.client.patch(`/photos/${body.doc.id}`, {
      form: form('c2pa-ai.webp', fixture('c2pa-ai.webp'), {}),
      token: app.token,
    })
    expect(replaced.status).toBe(200)
    expect(replaced.body.doc).toMatchObject({ aiGenerated: true, provenance: { source: 'c2pa' } })
    const again = await app.client.patch(`/photos/${body.doc.id}`, {
      form: form('plain-replacement.jpg', fixture('plain-replacement.jpg'), {
        aiGenerated: false,
      }),
      token: app.token,
    })
    expect(again.status).toBe(200)
    // the new file says nothing: the editor's choice stands, the old evidence is gone
    expect(again.body.doc).toMatchObject({ aiGenerated: false, provenance: { source: 'none' } })
  })

  test('unticking an AI-marked file needs a reason; with one, the override sticks', async () => {
    const { body } = await upload(app, 'c2pa-ai.png')
    const id = body.doc.id
    const refused = await app.client.patch(`/photos/${id}`, {
      body: { aiGenerated: false },
      token: app.token,
    })
    expect(refused.status).toBe(400)
    expect(refused.body.errors[0].data.errors[0]).toMatchObject({ path: 'aiOverrideReason' })
    expect(refused.body.errors[0].data.errors[0].message).toMatch(/needs a reason/)
    expect((await app.client.get(`/photos/${id}`)).body.aiGenerated).toBe(true)

    const override = await app.client.patch(`/photos/${id}`, {
      body: {
        aiGenerated: false,
        aiOverrideReason: 'Our photographer took it; the label is wrong.',
      },
      token: app.token,
    })
    expect(override.status).toBe(200)
    expect(override.body.doc).toMatchObject({
      aiGenerated: false,
      badges: [],
      digitalSourceType: null,
    })
    await app.client.patch(`/photos/${id}`, { body: { alt: 'Renamed' }, token: app.token })
    const read = await app.client.get(`/photos/${id}`)
    expect(read.body).toMatchObject({
      aiGenerated: false,
      alt: 'Renamed',
      provenance: { source: 'c2pa' },
    })

    // an upload with the reason keeps the editor's choice from the start
    const withReason = await upload(app, 'xmp-attribute.jpg', {
      aiOverrideReason: 'Illustration by our staff; the XMP came from a template.',
      digitalSourceType: 'digitalArt',
    })
    expect(withReason.status).toBe(201)
    expect(withReason.body.doc).toMatchObject({
      aiGenerated: false,
      digitalSourceType: digitalSourceTypeURI('digitalArt'),
    })
    // and without it, a type that contradicts the file is refused, nothing stored
    const before = (await app.client.get('/photos?limit=0')).body.totalDocs
    const contradicted = await upload(app, 'xmp-attribute.jpg', { digitalSourceType: PHOTO })
    expect(contradicted.status).toBe(400)
    expect((await app.client.get('/photos?limit=0')).body.totalDocs).toBe(before)
  })

  test('clients cannot write the provenance group', async () => {
    const { body } = await upload(app, 'camera-gps.jpg')
    const patched = await app.client.patch(`/photos/${body.doc.id}`, {
      body: { provenance: { source: 'c2pa', status: 'trusted', signer: 'Me' } },
      token: app.token,
    })
    expect(patched.status).toBe(200)
    expect(patched.body.doc.provenance).toMatchObject({
      signer: null,
      source: 'none',
      status: 'none',
    })
    await (app.payload as any).update({
      collection: 'photos',
      id: body.doc.id,
      data: { provenance: { status: 'trusted' } },
    })
    const read = await app.client.get(`/photos/${body.doc.id}`)
    expect(read.body.provenance.status).toBe('none')
  })
})

describe('the tick and the source type never overwrite each other silently', () => {
  test('ticking "Generated by AI", then choosing "algorithmically enhanced" is refused with the reason', async () => {
    const res = await upload(app, 'plain.png', { aiGenerated: true, digitalSourceType: ENHANCED })
    expect(res.status).toBe(400)
    const error = res.body.errors[0].data.errors[0]
    expect(error.path).toBe('digitalSourceType')
    expect(error.message).toMatch(/trainedAlgorithmicMedia, compositeWithTrainedAlgorithmicMedia/)

    const { body } = await upload(app, 'plain.png', { aiGenerated: true })
    // the admin sends both; the box stays ticked while the type changes to one that is not AI
    const admin = await app.client.patch(`/photos/${body.doc.id}`, {
      body: { aiGenerated: true, digitalSourceType: ENHANCED },
      token: app.token,
    })
    expect(admin.status).toBe(400)
    expect((await app.client.get(`/photos/${body.doc.id}`)).body).toMatchObject({
      aiGenerated: true,
      digitalSourceType: AI,
    })
    // unticking together with the new type is a consistent choice
    const both = await app.client.patch(`/photos/${body.doc.id}`, {
      body: { aiGenerated: false, digitalSourceType: ENHANCED },
      token: app.token,
    })
    expect(both.body.doc).toMatchObject({ aiGenerated: false, digitalSourceType: ENHANCED })
  })

  test('the German admin message', async () => {
    const res = await app.client.post('/photos?locale=de', {
      form: form('plain.png', fixture('plain.png'), {
        aiGenerated: true,
        digitalSourceType: ENHANCED,
      }),
      headers: { 'accept-language': 'de' },
      token: app.token,
    })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].data.errors[0].message).toMatch(/gelten als KI-generiert/)
  })
})

describe('GraphQL', () => {
  test('the provenance group and the AI fields', async () => {
    const { body } = await upload(app, 'c2pa-ai.jpg')
    const res = await app.client.graphql(
      `query ($id: String!) { Photo(id: $id) { aiGenerated digitalSourceType aiSystem
        provenance { source status codes signer signerOrganization claimGenerator ingredients actions readAt manifest }
        badges { type } } }`,
      { id: body.doc.id },
      { token: app.token },
    )
    expect(res.body.errors).toBeUndefined()
    const photo = res.body.data.Photo
    expect(photo).toMatchObject({
      aiGenerated: true,
      badges: [{ type: 'ai-image' }],
      provenance: {
        codes: ['signingCredential.untrusted'],
        ingredients: 1,
        signer: 'Example Image Generator Signer',
        source: 'c2pa',
        status: 'untrusted',
      },
    })
    expect(photo.provenance.actions[0]).toMatchObject({
      action: 'c2pa.created',
      digitalSourceType: AI,
    })
    expect(JSON.stringify(photo.provenance.manifest).length).toBeLessThanOrEqual(64 * 1024)
  })

  test('the group cannot be set through a mutation', async () => {
    const { body } = await upload(app, 'plain.png')
    const res = await app.client.graphql(
      `mutation ($id: String!) { updatePhoto(id: $id, data: { provenance: { status: "trusted" } }) { provenance { status } } }`,
      { id: body.doc.id },
      { token: app.token },
    )
    const status = res.body.data?.updatePhoto?.provenance?.status
    expect(status === undefined || status === 'none').toBe(true)
    expect((await app.client.get(`/photos/${body.doc.id}`)).body.provenance.status).toBe('none')
  })
})

describe('bad input never gives a 500', () => {
  const truncated = fixture('c2pa-ai.jpg').subarray(0, 4000)
  const cases: Array<[string, () => Promise<Buffer> | Buffer]> = [
    ['truncated.jpg', () => truncated],
    ['garbage.png', () => Buffer.from('definitely not a PNG file, only text '.repeat(50))],
    ['huge-xmp.png', () => hugeXmpPng(6)],
    ['bomb.png', () => pixelBombPng(20_000)],
    [
      'doctype-xmp.jpg',
      async () =>
        withXmp(
          'jpeg',
          '<?xpacket begin=""?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><x:xmpmeta xmlns:x="adobe:ns:meta/">&b;</x:xmpmeta>',
        ),
    ],
    [
      'broken-xmp.webp',
      async () => withXmp('webp', '<x:xmpmeta xmlns:x="adobe:ns:meta/"><unclosed>'),
    ],
    [
      'huge-text.png',
      async () =>
        insertPngChunks(await plainImage('png'), [tEXt('parameters', 'p'.repeat(2_000_000))]),
    ],
    ['corrupt.jpg', () => fixture('c2pa-corrupt.jpg')],
    ['unknown-alg.jpg', () => unknownAlgorithm(fixture('c2pa-ai.jpg'))],
  ]
  test.each(cases)('%s', async (name, make) => {
    const bytes = await make()
    const started = Date.now()
    const res = await upload(app, name, {}, bytes)
    expect(Date.now() - started).toBeLessThan(30_000)
    expect(res.status).toBeLessThan(500)
    if (res.status === 201) {
      expect(['invalid', 'none', 'unsigned']).toContain(res.body.doc.provenance.status)
      if (res.body.doc.provenance.status === 'invalid') {
        expect(res.body.doc.provenance.reason).toEqual(expect.any(String))
      }
    } else {
      expect([400, 413, 415, 422]).toContain(res.status)
      expect(res.body.errors[0].message).toEqual(expect.any(String))
    }
  })

  test('a signature with an unknown algorithm is stored as invalid, with the reason', async () => {
    const res = await upload(app, 'unknown-alg.jpg', {}, unknownAlgorithm(fixture('c2pa-ai.jpg')))
    expect(res.status).toBe(201)
    expect(res.body.doc.provenance).toMatchObject({ source: 'c2pa', status: 'invalid' })
    expect(res.body.doc.provenance.reason).toMatch(/could not be read/)
  })

  test('an oversized XMP packet is reported, not read', async () => {
    const res = await upload(app, 'huge-xmp.png', {}, await hugeXmpPng(6))
    expect(res.status).toBe(201)
    expect(res.body.doc.provenance).toMatchObject({ status: 'invalid' })
    expect(res.body.doc.provenance.reason).toMatch(/larger than the limit/)
  })
})

describe('back-fill of images stored before provenance was read', () => {
  test('reads the stored original, fills the labels, rewrites the copies', async () => {
    const { body } = await upload(app, 'xmp-element.webp')
    const id = body.doc.id
    // as an image uploaded before this feature: no provenance, no labels, copies without XMP
    const empty = Object.fromEntries(Object.keys(body.doc.provenance).map((key) => [key, null]))
    await app.payload.db.updateOne({
      collection: 'photos' as never,
      data: { aiGenerated: false, aiSystem: null, digitalSourceType: null, provenance: empty },
      id,
      req: {} as never,
    })
    for (const size of SIZES) {
      const file = path.join(app.staticDir, body.doc.sizes[size.name].filename)
      fs.writeFileSync(file, await sharp(fs.readFileSync(file)).toBuffer())
      expect((await sharp(file).metadata()).xmp).toBeUndefined()
    }
    expect((await app.client.get(`/photos/${id}`)).body.provenance.readAt).toBeNull()

    const anonymous = await app.client.post('/ai-disclosure/provenance/backfill?collection=photos')
    expect(anonymous.status).toBe(403)
    const bad = await app.client.post('/ai-disclosure/provenance/backfill?collection=users', {
      token: app.token,
    })
    expect(bad.status).toBe(400)

    let remaining = 1
    const seen: unknown[] = []
    while (remaining > 0) {
      const res = await app.client.post(
        '/ai-disclosure/provenance/backfill?collection=photos&limit=5',
        {
          token: app.token,
        },
      )
      expect(res.status).toBe(200)
      seen.push(...res.body.results.map((r: any) => r.id))
      remaining = res.body.remaining - res.body.errors.length
      if (!res.body.results.length) break
    }
    expect(seen).toContain(id)
    const read = (await app.client.get(`/photos/${id}`)).body
    expect(read).toMatchObject({
      aiGenerated: true,
      digitalSourceType: COMPOSITE_AI,
      provenance: { source: 'xmp', status: 'unsigned' },
    })
    const thumb = fs.readFileSync(path.join(app.staticDir, read.sizes.thumbnail.filename))
    expect(parseXmp((await sharp(thumb).metadata()).xmp!.toString())).toMatchObject({
      digitalSourceType: COMPOSITE_AI,
    })
  })
})

describe('XMP is matched by namespace, not by prefix', () => {
  const wrap = (body: string) =>
    `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">${body}</rdf:RDF></x:xmpmeta>`
  const EXT = 'http://iptc.org/std/Iptc4xmpExt/2008-02-29/'

  test('any prefix, attribute, element text and rdf:resource', () => {
    expect(
      parseXmp(
        wrap(`<rdf:Description xmlns:a="${EXT}" a:DigitalSourceType="${AI}" a:AISystemUsed="X"/>`),
      ),
    ).toMatchObject({ aiSystem: 'X', digitalSourceType: AI })
    expect(
      parseXmp(
        wrap(
          `<rdf:Description><q:DigitalSourceType xmlns:q="${EXT}" rdf:resource="${COMPOSITE_AI}"/></rdf:Description>`,
        ),
      ),
    ).toMatchObject({ digitalSourceType: COMPOSITE_AI })
    // the default namespace on the element itself
    expect(
      parseXmp(
        wrap(
          `<rdf:Description><DigitalSourceType xmlns="${EXT}">${PHOTO}</DigitalSourceType></rdf:Description>`,
        ),
      ),
    ).toMatchObject({ digitalSourceType: PHOTO })
    // dc:creator as an rdf:Seq of several names
    expect(
      parseXmp(
        wrap(
          `<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>A</rdf:li><rdf:li>B</rdf:li></rdf:Seq></dc:creator></rdf:Description>`,
        ),
      ),
    ).toMatchObject({ creator: 'A, B' })
  })

  test('the usual prefix bound to another namespace is not IPTC', () => {
    expect(
      parseXmp(
        wrap(
          `<rdf:Description xmlns:Iptc4xmpExt="http://example.com/not-iptc/" Iptc4xmpExt:DigitalSourceType="${AI}"/>`,
        ),
      ),
    ).toEqual({})
  })
})
