import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'

import {
  boot,
  http,
  local,
  shutdown,
  testOptions,
  userWithToken,
  type TestContext,
} from './helpers'

// `enabled: false`: the status fields stay (same database schema), everything else is off.

let ctx: TestContext
let api: ReturnType<typeof http>

beforeAll(async () => {
  ctx = await boot({ ...testOptions, enabled: false }, 'disabled')
  api = http(ctx.config)
})
afterAll(() => shutdown(ctx))

describe('the plugin disabled', () => {
  test('keeps the status fields but adds no hooks, endpoint, source text or dashboard', () => {
    const posts = ctx.config.collections.find((c) => (c.slug as string) === 'posts')!
    const status = posts.fields.find((f) => 'name' in f && f.name === 'translationStatus')!
    expect(status).toMatchObject({ type: 'select', localized: true })
    expect(posts.fields.some((f) => 'name' in f && f.name === 'translationSourceHash')).toBe(true)
    expect((status.admin as { components?: unknown }).components).toBeUndefined()
    expect(posts.hooks.beforeOperation).toHaveLength(1) // the collection's own
    expect(posts.endpoints && posts.endpoints.some((e) => e.path === '/translation-status')).toBe(
      false,
    )
    const title = posts.fields.find((f) => 'name' in f && f.name === 'title')!
    expect(
      (title.admin as { components?: { afterInput?: unknown[] } }).components?.afterInput,
    ).toBeUndefined()
    expect(ctx.config.admin.components.beforeDashboard ?? []).toHaveLength(0)
  })

  test('translators are not limited and no status is computed', async () => {
    const { token } = await userWithToken(ctx.payload, 'translator@example.com', {
      role: 'translator',
      locales: ['de'],
    })
    const created = await api.post('/posts?locale=en', {
      token,
      body: { title: 'Free', _status: 'published' },
    })
    expect(created.status).toBe(201)
    const stored = await local(ctx.payload).findByID({
      collection: 'posts',
      id: created.body.doc.id,
      locale: 'en',
      depth: 0,
    })
    expect(stored.title).toBe('Free')
    expect(stored.translationStatus ?? null).toBeNull()
    expect((await api.get('/posts/translation-status?locale=de', { token })).status).toBe(404)
  })
})
