import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import type { Payload } from 'payload'

import {
  boot,
  collectionOf,
  createMedia,
  http,
  IMAGE_FIELDS,
  local,
  shutdown,
  type TestContext,
} from './helpers'

// `enabled: false` keeps every field, the global and the collection (the database schema stays the
// same, so migrations do not change), but runs no hook, serves no endpoint and adds no admin component.

let ctx: TestContext
let api: ReturnType<typeof http>
let enabled: TestContext | undefined

beforeAll(async () => {
  ctx = await boot({ collections: ['posts'], enabled: false, imageCollections: ['media'] })
  api = http(ctx.config)
})

afterAll(async () => {
  await shutdown(enabled)
  await shutdown(ctx)
})

type Table = { columns: Record<string, { name: string; type: string }> }
const schemaOf = (payload: Payload) =>
  Object.fromEntries(
    Object.entries((payload.db as unknown as { rawTables: Record<string, Table> }).rawTables).map(
      ([name, table]) => [
        name,
        Object.values(table.columns)
          .map((c) => `${c.name}:${c.type}`)
          .sort(),
      ],
    ),
  )

describe('a disabled plugin', () => {
  test('keeps its fields, global and collection', () => {
    const posts = collectionOf(ctx.config, 'posts')
    const postFields = posts.flattenedFields.map((f) => f.name)
    expect(postFields).toEqual(expect.arrayContaining(['aiDisclosure', 'badges']))
    const media = collectionOf(ctx.config, 'media')
    expect(media.flattenedFields.map((f) => f.name)).toEqual(expect.arrayContaining(IMAGE_FIELDS))
    expect(ctx.config.globals.map((g) => g.slug)).toContain('consent')
    expect(ctx.config.collections.map((c) => c.slug)).toContain('consent-records')
  })

  test('has exactly the database schema of the enabled plugin', async () => {
    enabled = await boot(
      { collections: ['posts'], consent: { seed: false }, imageCollections: ['media'] },
      {},
      'ai-disclosure-enabled',
    )
    const tables = schemaOf(ctx.payload)
    expect(Object.keys(tables)).toEqual(
      expect.arrayContaining(['posts', 'media', 'consent', 'consent_records']),
    )
    expect(tables).toEqual(schemaOf(enabled.payload))
  })

  test('adds no admin components, hooks or endpoints', () => {
    const posts = collectionOf(ctx.config, 'posts')
    const badges = posts.fields.find((f) => 'name' in f && f.name === 'badges') as any
    expect(badges.admin.components).toBeUndefined()
    expect(badges.admin.disabled).toBe(true)
    expect(badges.hooks.afterRead ?? []).toEqual([])
    expect(posts.admin.components?.edit?.beforeDocumentControls ?? []).toEqual([])
    const uiFields = JSON.stringify(posts.fields).includes('ReviewWarning')
    expect(uiFields).toBe(false)
    expect(ctx.config.endpoints.map((e) => e.path)).not.toContain(
      '/ai-disclosure/json-ld/:collection/:id',
    )
  })

  test('computes no badges, keeps no provenance in sync and serves no JSON-LD', async () => {
    const image = await createMedia(ctx.payload, { aiGenerated: true })
    expect(image.digitalSourceType ?? null).toBeNull()
    const post = await local(ctx.payload).create({
      collection: 'posts',
      data: { aiDisclosure: { origin: 'ai-generated' }, heroImage: image.id, title: 'AI' },
    })
    const res = await api.get(`/posts/${post.id}?locale=de`)
    expect(res.status).toBe(200)
    expect(res.body.aiDisclosure.origin).toBe('ai-generated')
    expect(res.body.badges).toEqual([])
    expect((await api.get(`/ai-disclosure/json-ld/posts/${post.id}`)).status).toBe(404)
  })

  test('accepts no anonymous consent records (nothing would validate them) and seeds nothing', async () => {
    const res = await api.post('/consent-records', { body: { acceptType: 'all', revision: 1 } })
    expect(res.status).toBe(403)
    const consent = await api.get('/globals/consent?locale=de')
    expect(consent.status).toBe(200)
    expect(consent.body.updatedAt).toBeUndefined()
    // the defaults still answer until an editor saves the setting
    expect(consent.body.title).toBe('Diese Website verwendet Cookies')
  })
})
