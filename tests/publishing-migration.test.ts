import { afterAll, describe, expect, test } from '@jest/globals'
import { sql } from '@payloadcms/db-sqlite'

import { migrations } from '../src/migrations'
import { bootPayload, shutdown } from './helpers/payload'

// The per-locale status migration on a database in today's main schema: the migration's own
// `down` gives the schema main has (one `_status` per article and version); `up` must bring every
// article and version through with its state intact in both languages.
const ctx = await bootPayload()
afterAll(() => shutdown(ctx))
const { payload } = ctx
const migration = migrations.find((m) => m.name.endsWith('localize_status_and_jobs'))!
const db = (payload.db as unknown as { drizzle: Parameters<typeof migration.up>[0]['db'] }).drizzle
const args = { db, payload, req: {} } as never

const states = async (id: string) => {
  const out: Record<string, unknown> = {}
  for (const locale of ['en', 'de'] as const) {
    const live = await payload.findByID({
      collection: 'articles',
      id,
      locale,
      fallbackLocale: false,
      depth: 0,
      disableErrors: true,
    })
    const latest = await payload.findByID({
      collection: 'articles',
      id,
      locale,
      fallbackLocale: false,
      depth: 0,
      draft: true,
    })
    out[locale] = {
      live: live?._status,
      liveTitle: live?.title ?? null,
      latest: latest._status,
      latestTitle: latest.title ?? null,
    }
  }
  return out
}

describe('migration to per-locale publication state', () => {
  test('published, pending draft and never published articles keep their state; teasers untouched', async () => {
    // An English article published as `title`, then saved in `locale` with `data`.
    const publishedThen = async (
      title: string,
      locale: 'en' | 'de',
      data: object,
      draft = false,
    ) => {
      const doc = await payload.create({
        collection: 'articles',
        locale: 'en',
        data: { title, _status: 'published' },
      })
      await payload.update({ collection: 'articles', id: doc.id, locale, draft, data })
      return doc
    }
    const published = await publishedThen('Seed EN', 'de', {
      title: 'Seed DE',
      _status: 'published',
    })
    const pending = await publishedThen('Live EN', 'en', { title: 'Draft EN' }, true)
    const draft = await payload.create({
      collection: 'articles',
      locale: 'en',
      data: { title: 'Only a draft' },
    })
    const teaser = await payload.create({
      collection: 'related-articles',
      locale: 'de',
      data: { title: 'Nur Deutsch', summary: 'Nur auf Deutsch.' },
    })

    const before = {
      published: await states(published.id),
      pending: await states(pending.id),
      draft: await states(draft.id),
    }
    // Main's schema, with main's one status per row.
    await migration.down(args)
    const mainRows = (await db.all(sql`SELECT id, _status FROM articles ORDER BY created_at`)) as {
      _status: string
    }[]
    expect(mainRows.map((r) => r._status)).toEqual(['published', 'published', 'draft'])
    const latest = (await db.all(
      sql`SELECT version__status AS s FROM _articles_v WHERE parent_id = ${pending.id} AND latest = 1`,
    )) as { s: string }[]
    expect(latest.map((r) => r.s)).toEqual(['draft'])

    await migration.up(args)
    expect(await states(published.id)).toEqual(before.published)
    expect(before.published).toEqual({
      en: { live: 'published', liveTitle: 'Seed EN', latest: 'published', latestTitle: 'Seed EN' },
      de: { live: 'published', liveTitle: 'Seed DE', latest: 'published', latestTitle: 'Seed DE' },
    })
    // The pending draft is pending in every language: an English-only article's German stays
    // as it read before (published, empty), the draft is still the latest version.
    const after = await states(pending.id)
    expect(after).toEqual({
      en: { live: 'published', liveTitle: 'Live EN', latest: 'draft', latestTitle: 'Draft EN' },
      de: { live: 'published', liveTitle: null, latest: 'draft', latestTitle: null },
    })
    expect(await states(draft.id)).toEqual({
      en: {
        live: 'draft',
        liveTitle: 'Only a draft',
        latest: 'draft',
        latestTitle: 'Only a draft',
      },
      de: { live: 'draft', liveTitle: null, latest: 'draft', latestTitle: null },
    })
    const t = await payload.findByID({
      collection: 'related-articles',
      id: teaser.id,
      locale: 'de',
      depth: 0,
    })
    expect(t.title).toBe('Nur Deutsch')
    // What anonymous readers see: the published article in both languages, nothing of the drafts.
    const anon = await payload.find({
      collection: 'articles',
      locale: 'de',
      overrideAccess: false,
      depth: 0,
    })
    expect(anon.docs.map((d) => d.title).sort()).toEqual(['Live EN', 'Seed DE'])
  })
})
