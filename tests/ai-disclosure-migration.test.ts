import { afterAll, describe, expect, test } from '@jest/globals'
import { sql } from '@payloadcms/db-sqlite'

import { migrations } from '../src/migrations'
import { paragraphsToLexical } from '../src/utilities/richtext'
import { api as client } from './helpers/api'
import { bootPayload, loginAs, shutdown } from './helpers/payload'

// The move to per-locale AI disclosure on a database in the previous schema: the migration's own
// `down` gives it (one `aiDisclosure` group per document); `up` must turn `reportedByAI` into a
// migrated `ai-generated` origin in each locale with text, and `humanReviewed` into a migrated review
// of the current text in the document's original language only.
const ctx = await bootPayload()
afterAll(() => shutdown(ctx))
const { payload } = ctx
const migration = migrations.find((m) => m.name.endsWith('ai_text_disclosure'))!
const db = (payload.db as unknown as { drizzle: Parameters<typeof migration.up>[0]['db'] }).drizzle
const args = { db, payload, req: {} } as never

const group = async (
  collection: 'articles' | 'related-articles',
  id: string,
  locale: 'en' | 'de',
) =>
  (
    (await payload.findByID({
      collection,
      id,
      locale,
      fallbackLocale: false,
      depth: 0,
      draft: collection === 'articles',
    })) as unknown as { aiDisclosure: Record<string, any> }
  ).aiDisclosure

describe('migration to per-locale AI disclosure', () => {
  test('reportedByAI → ai-generated per locale with text; humanReviewed → a review in the original language', async () => {
    const editor = await loginAs(payload, 'migration-editor@example.com', ['editor'], {
      name: 'Rita Reviewer',
    })
    const reviewer = (
      await payload.find({
        collection: 'users',
        where: { email: { equals: 'migration-editor@example.com' } },
      })
    ).docs[0]!
    const de = (await payload.find({ collection: 'locales', where: { code: { equals: 'de' } } }))
      .docs[0]!
    const article = await payload.create({
      collection: 'articles',
      locale: 'en',
      data: {
        title: 'Old AI story',
        body: paragraphsToLexical(['Text.']) as never,
        _status: 'published',
      },
    })
    await payload.update({
      collection: 'articles',
      id: article.id,
      locale: 'de',
      data: { title: 'Alte KI-Geschichte', language: de.id, _status: 'published' },
    })
    const human = await payload.create({
      collection: 'articles',
      locale: 'en',
      data: { title: 'Old human story', _status: 'published' },
    })
    const teaser = await payload.create({
      collection: 'related-articles',
      locale: 'de',
      data: { summary: 'Ein alter KI-Anriss.' },
    })

    await migration.down(args)
    const reviewedAt = '2026-05-01T10:00:00.000Z'
    await db.run(sql`UPDATE articles SET ai_disclosure_reported_by_a_i = 1, ai_disclosure_ai_system = 'GPT',
      ai_disclosure_human_reviewed = 1, ai_disclosure_reviewed_by_id = ${reviewer.id},
      ai_disclosure_reviewed_at = ${reviewedAt} WHERE id = ${article.id}`)
    await db.run(
      // each version carried the group as it was then: the same values
      sql`UPDATE _articles_v SET version_ai_disclosure_reported_by_a_i = 1,
        version_ai_disclosure_human_reviewed = 1, version_ai_disclosure_reviewed_by_id = ${reviewer.id},
        version_ai_disclosure_reviewed_at = ${reviewedAt} WHERE parent_id = ${article.id}`,
    )
    await db.run(
      sql`UPDATE related_articles SET ai_disclosure_reported_by_a_i = 1 WHERE id = ${teaser.id}`,
    )
    await migration.up(args)

    const en = await group('articles', String(article.id), 'en')
    const deGroup = await group('articles', String(article.id), 'de')
    expect(en).toMatchObject({ origin: 'ai-generated', migrated: true, reviewStatus: 'none' })
    expect(deGroup).toMatchObject({
      origin: 'ai-generated',
      migrated: true,
      reviewStatus: 'current',
      review: { reviewerName: 'Rita Reviewer', reviewedAt, migrated: true },
    })
    expect(await group('articles', String(human.id), 'en')).toMatchObject({
      origin: 'human',
      migrated: false,
    })
    expect(await group('related-articles', String(teaser.id), 'de')).toMatchObject({
      origin: 'ai-generated',
      migrated: true,
    })
    // a locale without text has no origin
    expect((await group('related-articles', String(teaser.id), 'en'))?.origin ?? null).toBeNull()

    // the compliance view lists the migrated origins for a person to confirm
    const api = client(ctx.config)
    const report = (await api.get('/ai-disclosure/compliance', { token: editor })).body.report
    const migratedDe = report.find(
      (r: any) => r.collection === 'articles' && r.locale === 'de',
    ).migrated
    expect(migratedDe.map((r: any) => r.id)).toContain(String(article.id))
    // the stored fingerprint is the one a save computes: an unchanged save keeps the review current
    await api.patch(`/articles/${article.id}?locale=de`, {
      token: editor,
      body: { _status: 'published' },
    })
    expect((await group('articles', String(article.id), 'de')).reviewStatus).toBe('current')
  })
})
