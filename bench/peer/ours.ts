/**
 * Loads bench:peer's content into a fresh database of ours through Payload's Local API (in a
 * child process: `tsx bench/peer/ours.ts <out.json>` with DATABASE_URI set) and writes the ids.
 */
import fs from 'node:fs'

import { articles, type Seeded } from './data'

async function main() {
  const out = process.argv[2]!
  const { default: config } = await import('../../src/payload.config')
  const { getPayload } = await import('payload')
  const { paragraphsToLexical } = await import('../../src/utilities/richtext')
  const payload = await getPayload({ config })
  await payload.create({
    collection: 'users',
    data: {
      email: 'peer-editor@example.com',
      password: 'peer-editor-password',
      roles: ['editor'],
    } as never,
  })
  const seeded: Seeded = []
  for (const article of articles()) {
    const teaserIds: string[] = []
    for (const teaser of article.teasers) {
      const created = await payload.create({
        collection: 'related-articles',
        locale: 'en',
        data: teaser.en as never,
      })
      await payload.update({
        collection: 'related-articles',
        id: created.id,
        locale: 'de',
        data: teaser.de as never,
      })
      teaserIds.push(String(created.id))
    }
    const created = await payload.create({
      collection: 'articles',
      locale: 'en',
      data: {
        _status: 'published',
        title: article.en.title,
        summary: article.en.summary,
        body: paragraphsToLexical(article.en.body),
        relatedArticles: teaserIds,
        publishedAt: article.publishedAt,
      } as never,
    })
    await payload.update({
      collection: 'articles',
      id: created.id,
      locale: 'de',
      data: {
        _status: 'published',
        title: article.de.title,
        summary: article.de.summary,
        body: paragraphsToLexical(article.de.body),
      } as never,
    })
    seeded.push({ id: String(created.id), teaserIds })
  }
  fs.writeFileSync(out, JSON.stringify(seeded))
  await payload.destroy()
  process.exit(0)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
