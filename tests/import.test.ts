import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, beforeEach, describe, expect, jest, test } from '@jest/globals'
import type { Payload } from 'payload'
import { lexicalToBlocks } from 'payload-plugin-translation-workflow'

import { dropMissingOnRestore } from '../src/features/publishing/dropMissingOnRestore'
import { importDocuments, slugCandidates } from '../seed/import'
import { MAX_SLUG_LENGTH, slugify } from '../src/utilities/slug'
import { api } from './helpers/api'
import { pngFile } from './helpers/fixtures'
import { bootPayload, shutdown, type TestContext } from './helpers/payload'
import { SEED_TEASERS } from './helpers/seedDocument'

const SEED = path.resolve(
  import.meta.dirname,
  '..',
  'seed',
  'documents',
  '000_6366b2a89e533134.txt',
)
const FIXTURES = path.resolve(import.meta.dirname, 'fixtures', 'documents')

let ctx: TestContext
let payload: Payload
let client: ReturnType<typeof api>
let dir: string

const counts = async () => ({
  articles: (await payload.count({ collection: 'articles' })).totalDocs,
  teasers: (await payload.count({ collection: 'related-articles' })).totalDocs,
  images: (await payload.count({ collection: 'images' })).totalDocs,
})
const mediaFiles = () => (fs.existsSync(ctx.mediaDir) ? fs.readdirSync(ctx.mediaDir).length : 0)
const write = (name: string, text: string | Buffer) => {
  fs.writeFileSync(path.join(dir, name), text)
  return path.join(dir, name)
}
/** The importer's summary of a run over the seed document alone. */
const seedSummary = (counts: { created?: number; unchanged?: number }) => ({
  files: 1,
  folders: 1,
  created: 0,
  updated: 0,
  unchanged: 0,
  failed: [],
  ...counts,
})
const bySource = async (file: string, locale = 'en') => {
  const res = await client.get(
    `/articles?where[source.file][equals]=${file}&depth=2&locale=${locale}`,
  )
  expect(res.status).toBe(200)
  return res.body.docs[0]
}

beforeAll(async () => {
  ctx = await bootPayload()
  payload = ctx.payload
  client = api(ctx.config)
})
afterAll(() => shutdown(ctx))
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-import-'))
})

describe('importing the seed document', () => {
  test('creates the article with hero image and teasers, readable over REST at depth 2', async () => {
    const summary = await importDocuments(payload, [SEED])
    expect(summary).toEqual(seedSummary({ created: 1 }))

    const article = await bySource('000_6366b2a89e533134.txt')
    expect(article.title).toBe("North Korea's Kim congratulates Lao president on reelection")
    expect(article.summary).toMatch(
      /^North Korean leader Kim Jong-un has sent a congratulatory message/,
    )
    expect(lexicalToBlocks(article.body)).toHaveLength(7)
    expect(article._status).toBe('published')
    expect(article.language.code).toBe('en')
    expect(article.aiDisclosure.origin).toBe('human')
    expect(article.source.contentHash).toMatch(/^[0-9a-f]{64}$/)
    expect(article.heroImage).toMatchObject({ aiGenerated: true, placeholder: true })
    expect(article.heroImage.alt).toMatch(/^Kim Jong-un sends congratulatory message/)
    expect(article.heroImage.sizes.hero.width).toBe(1600)
    expect(article.badges.map((b: any) => b.type)).toEqual(['ai-image'])

    const teasers = article.relatedArticles
    expect(teasers).toHaveLength(7)
    expect(teasers.map((t: any) => t.aiDisclosure.origin === 'ai-generated')).toEqual(
      SEED_TEASERS.reportedByAI,
    )
    expect(teasers.map((t: any) => t.language.code)).toEqual(SEED_TEASERS.locales)
    expect(teasers[0].title).toBe('Außenminister von Laos besucht Nordkorea nach Oktober-Gipfel')
    expect(teasers[0].summary).toMatch(/^Der Außenminister von Laos ist in Pjöngjang eingetroffen/)
    expect(teasers[0].image).toMatchObject({ aiGenerated: true, placeholder: true })
    expect(teasers[0].image.alt).toMatch(/^Diplomatic visit/)
    expect(teasers[0].badges.map((b: any) => b.type).sort()).toEqual(['ai-image', 'reported-by-ai'])
    expect(teasers[1].summary).toMatch(/^This week, North Korea reported/)
    expect(teasers[1].image).toBeNull()
    expect(teasers[1].badges).toEqual([])

    // German teaser text is stored in `de`, where German readers find it.
    const teaser = await client.get(`/related-articles/${teasers[0].id}?locale=all`)
    expect(teaser.body.summary.de).toMatch(/^Der Außenminister/)
    expect(teaser.body.summary.en ?? null).toBeNull()
  })

  test('importing it again changes nothing', async () => {
    const before = await counts()
    const article = await bySource('000_6366b2a89e533134.txt')
    const summary = await importDocuments(payload, [SEED])
    expect(summary).toEqual(seedSummary({ unchanged: 1 }))
    expect(await counts()).toEqual(before)
    expect((await bySource('000_6366b2a89e533134.txt')).updatedAt).toBe(article.updatedAt)
  })

  test('a changed file updates its article in place, without duplicates', async () => {
    const before = await counts()
    const original = await bySource('000_6366b2a89e533134.txt')
    const text = fs
      .readFileSync(SEED, 'utf8')
      .replace('These exchanges signal', 'These exchanges clearly signal')
    const file = write('000_6366b2a89e533134.txt', text)

    const summary = await importDocuments(payload, [file])
    expect(summary).toMatchObject({ created: 0, updated: 1, unchanged: 0 })
    expect(await counts()).toEqual(before)
    const updated = await bySource('000_6366b2a89e533134.txt')
    expect(updated.id).toBe(original.id)
    expect(lexicalToBlocks(updated.body).at(-1)).toMatch(/^These exchanges clearly signal/)
    expect(updated.heroImage.id).toBe(original.heroImage.id)
    expect(updated.relatedArticles.map((t: any) => t.id)).toEqual(
      original.relatedArticles.map((t: any) => t.id),
    )
  })
})

describe('across documents', () => {
  test('a teaser shared by two documents is one RelatedArticle', async () => {
    const seedArticle = await bySource('000_6366b2a89e533134.txt')
    const before = await counts()
    const file = write(
      'shared-teaser.txt',
      [
        'Laos and North Korea sign a new trade agreement',
        'Officials from both countries signed an agreement on trade and tourism on Friday in Vientiane.',
        'The deal follows several high-level visits this year.',
        'Related articles',
        'Reported by AI',
        seedArticle.relatedArticles[2].summary,
        'A brand-new teaser about regional cooperation that appears only in this document, for testing.',
      ].join('\n\n'),
    )
    expect(await importDocuments(payload, [file])).toMatchObject({ created: 1, failed: [] })
    const article = await bySource('shared-teaser.txt')
    expect(article.relatedArticles[0].id).toBe(seedArticle.relatedArticles[2].id)
    expect(await counts()).toEqual({
      ...before,
      articles: before.articles + 1,
      teasers: before.teasers + 1,
    })
  })

  test('a teaser is linked to the full article with the same title', async () => {
    const file = write(
      'laos-minister.txt',
      [
        'Außenminister von Laos besucht Nordkorea nach Oktober-Gipfel',
        'Der Außenminister von Laos ist zu einem offiziellen Besuch in Pjöngjang eingetroffen, berichteten die Staatsmedien.',
        'Bei dem Besuch sollen die Ergebnisse des Gipfeltreffens im Oktober umgesetzt werden.',
      ].join('\n\n'),
    )
    expect(await importDocuments(payload, [file])).toMatchObject({ created: 1, failed: [] })
    const article = await bySource('laos-minister.txt', 'de')
    expect(article.language.code).toBe('de')
    const seedArticle = await bySource('000_6366b2a89e533134.txt')
    expect(
      seedArticle.relatedArticles[0].article.id ?? seedArticle.relatedArticles[0].article,
    ).toBe(article.id)
  })

  test('a German document fills the German fields and the German consent texts', async () => {
    const file = path.join(FIXTURES, 'german-article.txt')
    expect(await importDocuments(payload, [file])).toMatchObject({ created: 1, failed: [] })
    const res = await client.get(
      `/articles?where[source.file][equals]=german-article.txt&locale=all&depth=0`,
    )
    const article = res.body.docs[0]
    expect(article.title.de).toBe('Neue Straßenbahnlinie zum Flughafen eröffnet')
    expect(article.title.en ?? null).toBeNull()

    const consent = await client.get('/globals/consent?locale=de')
    expect(consent.status).toBe(200)
    expect(consent.body).toMatchObject({
      title: 'Diese Website verwendet Cookies',
      rejectLabel: 'Ablehnen',
    })
    expect(consent.body.text).toMatch(/^Wir verwenden Cookies für Analysen/)
  })

  test('--draft imports drafts that anonymous readers cannot see', async () => {
    const file = write(
      'draft-story.txt',
      'A quiet draft headline\n\nThe lead of a story that is not published yet.\n\nMore text.',
    )
    expect(await importDocuments(payload, [file], { draft: true })).toMatchObject({ created: 1 })
    expect(
      (await client.get('/articles?where[source.file][equals]=draft-story.txt')).body.docs,
    ).toEqual([])
    const found = await payload.find({
      collection: 'articles',
      where: { 'source.file': { equals: 'draft-story.txt' } },
      draft: true,
    })
    expect(found.docs[0]._status).toBe('draft')
  })

  test('a picture beside the document replaces the placeholder', async () => {
    const file = write(
      'with-picture.txt',
      'A harbour at dawn with fishing boats.\n\nFishing fleet returns early\n\nThe fleet came back two days early because of a storm warning.',
    )
    fs.writeFileSync(
      path.join(dir, 'with-picture-hero.png'),
      (await pngFile('x.png', '#336699')).data,
    )
    expect(await importDocuments(payload, [file])).toMatchObject({ created: 1, failed: [] })
    const article = await bySource('with-picture.txt')
    expect(article.heroImage).toMatchObject({
      placeholder: false,
      aiGenerated: false,
      alt: 'A harbour at dawn with fishing boats.',
    })
    expect(article.heroImage.filename).toMatch(/^with-picture-hero/)
  })
})

describe('shared teasers and the import key', () => {
  const story = (
    title: string,
    teasers: string[],
    lead = 'The lead of this story, long enough to be prose.',
  ) =>
    [
      title,
      lead,
      'A body paragraph.',
      ...(teasers.length ? ['Related articles', ...teasers] : []),
    ].join('\n\n')
  const shared =
    'A teaser that two stories share: the council reviews the harbour plans again next spring.'
  const own = (n: number) =>
    `A teaser only story ${n} lists: the ferry timetable changes in the autumn.`
  const teaserIds = async (file: string, draft: boolean) => {
    const { docs } = await payload.find({
      collection: 'articles',
      where: { 'source.file': { equals: file } },
      draft,
      depth: 0,
    })
    return (docs[0]?.relatedArticles ?? []).map((t: any) => (typeof t === 'string' ? t : t.id))
  }
  const teaserExists = async (id: string) =>
    Boolean(
      await payload.findByID({ collection: 'related-articles', id, depth: 0, disableErrors: true }),
    )

  test('a teaser another article still lists survives when one article drops it', async () => {
    const one = write(
      'shares-one.txt',
      story('Harbour plans go back to the council', [shared, own(1)]),
    )
    const two = write(
      'shares-two.txt',
      story('Ferry timetable to change in autumn', [shared, own(2)]),
    )
    expect(await importDocuments(payload, [one, two])).toMatchObject({ created: 2, failed: [] })
    const [sharedId] = await teaserIds('shares-two.txt', false)

    write('shares-one.txt', story('Harbour plans go back to the council', [own(1)]))
    expect(await importDocuments(payload, [one])).toMatchObject({ updated: 1, failed: [] })
    expect(await teaserExists(sharedId)).toBe(true)
    expect(await teaserIds('shares-two.txt', false)).toContain(sharedId)
    const res = await client.get(`/articles?where[source.file][equals]=shares-two.txt&depth=1`)
    expect(res.body.docs[0].relatedArticles.map((t: any) => t.summary)).toEqual([shared, own(2)])
  })

  test('a draft import keeps what the published version shows; publishing removes the orphan', async () => {
    const file = write(
      'draft-drops.txt',
      story('Night trains return to the coast', [own(3), own(4)]),
    )
    expect(await importDocuments(payload, [file])).toMatchObject({ created: 1, failed: [] })
    const [first, second] = await teaserIds('draft-drops.txt', false)

    write('draft-drops.txt', story('Night trains return to the coast', [own(4)]))
    expect(await importDocuments(payload, [file], { draft: true })).toMatchObject({
      updated: 1,
      failed: [],
    })
    expect(await teaserIds('draft-drops.txt', false)).toEqual([first, second]) // published version
    expect(await teaserIds('draft-drops.txt', true)).toEqual([second]) // latest draft
    expect(await teaserExists(first)).toBe(true)
    const published = await client.get(
      `/articles?where[source.file][equals]=draft-drops.txt&depth=1`,
    )
    expect(published.body.docs[0].relatedArticles.map((t: any) => t.summary)).toEqual([
      own(3),
      own(4),
    ])

    // The same file imported without --draft publishes it, though the draft already has this content.
    expect(await importDocuments(payload, [file])).toMatchObject({
      updated: 1,
      unchanged: 0,
      failed: [],
    })
    expect(await teaserIds('draft-drops.txt', false)).toEqual([second])
    expect(await teaserExists(first)).toBe(false)
    expect(await importDocuments(payload, [file])).toMatchObject({ unchanged: 1 })
  })

  test('restoring a version whose teaser was removed drops the missing teaser with a warning', async () => {
    const file = write('restore-me.txt', story('Library opens on Sundays', [own(5), own(6)]))
    expect(await importDocuments(payload, [file])).toMatchObject({ created: 1, failed: [] })
    const [gone, kept] = await teaserIds('restore-me.txt', false)
    write(
      'restore-me.txt',
      story('Library opens on Sundays', [own(6)], 'A new lead for the library story, also prose.'),
    )
    expect(await importDocuments(payload, [file])).toMatchObject({ updated: 1, failed: [] })
    expect(await teaserExists(gone)).toBe(false)

    const articleId = (await bySource('restore-me.txt')).id
    const { docs: versions } = await payload.findVersions({
      collection: 'articles',
      where: { parent: { equals: articleId } },
      sort: 'createdAt',
      depth: 0,
    })
    const restored = await payload.restoreVersion({
      collection: 'articles',
      id: versions[0].id,
      depth: 0,
    })
    expect(restored.relatedArticles).toEqual([kept])
    expect(restored.summary).toBe('The lead of this story, long enough to be prose.')
  })

  test('the restore hook drops ids of deleted teasers and images, with a warning, only when restoring', async () => {
    const teaser = await payload.create({
      collection: 'related-articles',
      data: { summary: 'An editor-made teaser.' },
    })
    const missing = '00000000-0000-4000-8000-000000000000'
    const warn = jest.spyOn(payload.logger, 'warn')
    const req = { payload, context: {} } as any
    const data = () => ({ id: 'a1', heroImage: missing, relatedArticles: [teaser.id, missing] })
    const hook = (context: Record<string, unknown>) =>
      dropMissingOnRestore({
        context,
        data: data(),
        req,
        operation: 'update',
        collection: undefined as never,
      })
    expect(await hook({})).toEqual(data())
    expect(warn).not.toHaveBeenCalled()
    expect(await hook({ isRestoringVersion: true })).toEqual({
      id: 'a1',
      heroImage: null,
      relatedArticles: [teaser.id],
    })
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]?.[0])).toContain(missing)
    warn.mockRestore()
  })

  test('two files with the same name in one run: an error naming both paths, neither imported', async () => {
    fs.mkdirSync(path.join(dir, 'a'))
    fs.mkdirSync(path.join(dir, 'b'))
    const a = path.join(dir, 'a', 'same-name.txt')
    const b = path.join(dir, 'b', 'same-name.txt')
    fs.writeFileSync(a, story('Story A about the museum', []))
    fs.writeFileSync(b, story('Story B about the zoo', []))
    const other = write('other-name.txt', story('A story with its own name', []))
    const summary = await importDocuments(payload, [
      path.join(dir, 'a'),
      path.join(dir, 'b'),
      other,
    ])
    expect(summary).toMatchObject({ files: 3, folders: 3, created: 1 })
    expect(summary.failed.map((f) => f.file).sort()).toEqual([a, b])
    for (const failure of summary.failed) {
      expect(failure.reason).toContain(a === failure.file ? b : a)
      expect(failure.reason).toMatch(/same file name/)
    }
    expect(await bySource('same-name.txt')).toBeUndefined()

    // Across runs the name is the key: the same name from another folder updates that article.
    expect(await importDocuments(payload, [a])).toMatchObject({ created: 1 })
    expect(await importDocuments(payload, [b])).toMatchObject({ updated: 1 })
    expect((await bySource('same-name.txt')).title).toBe('Story B about the zoo')
  })
})

describe('repeated headlines', () => {
  const slugs = async (names: string[]) => {
    const res = await client.get(
      `/articles?where[source.file][in]=${names.join(',')}&depth=0&limit=100`,
    )
    expect(res.status).toBe(200)
    return Object.fromEntries(res.body.docs.map((doc: any) => [doc.source.file, doc.slug]))
  }
  const wire = (title: string, lead: string) =>
    [title, lead, 'More details will follow as the story develops.'].join('\n\n')

  test('five files with one title: five articles, five unique slugs that re-imports keep', async () => {
    const title = 'Live: Storm over the North Sea'
    const base = slugify(title)
    // Three byte-identical files and two that differ: neither content nor order picks the suffix.
    const names = ['live-1.txt', 'live-2.txt', 'live-3.txt', 'live-4.txt', 'live-5.txt']
    const leads = [1, 1, 1, 2, 3].map((n) => `Update ${n}: the storm reached the coast on Monday.`)
    names.forEach((name, i) => write(name, wire(title, leads[i]!)))
    expect(await importDocuments(payload, [dir])).toMatchObject({ created: 5, failed: [] })
    const first = await slugs(names)
    expect(Object.keys(first).sort()).toEqual(names)
    expect(new Set(Object.values(first)).size).toBe(5)
    expect(first['live-1.txt']).toBe(base)
    for (const slug of Object.values(first)) expect(slug.startsWith(base)).toBe(true)

    // Unchanged, then every file changed, then a new headline: the slugs stay (links must not break).
    expect(await importDocuments(payload, [dir])).toMatchObject({ unchanged: 5 })
    expect(await slugs(names)).toEqual(first)
    names.forEach((name, i) => write(name, wire(title, `${leads[i]} Roads are closed.`)))
    expect(await importDocuments(payload, [dir])).toMatchObject({ updated: 5, failed: [] })
    expect(await slugs(names)).toEqual(first)
    write('live-4.txt', wire('The storm has passed', leads[3]!))
    expect(await importDocuments(payload, [dir])).toMatchObject({ updated: 1, failed: [] })
    expect(await slugs(names)).toEqual(first)

    // A deleted article imported again gets its slug back: the suffix comes from the file name.
    await payload.delete({
      collection: 'articles',
      where: { 'source.file': { equals: 'live-3.txt' } },
    })
    expect(await importDocuments(payload, [path.join(dir, 'live-3.txt')])).toMatchObject({
      created: 1,
      failed: [],
    })
    expect(await slugs(names)).toEqual(first)
  })

  test('a slug someone else took is skipped, and long headlines keep their suffix', async () => {
    const title = 'Daily column: the view from the town hall'
    write('column-a.txt', wire(title, 'Monday: the town hall discussed the new bus lanes.'))
    write('column-b.txt', wire(title, 'Tuesday: the town hall discussed the harbour.'))
    const files = ['column-a.txt', 'column-b.txt'].map((name) => path.join(dir, name))
    expect(await importDocuments(payload, files)).toMatchObject({ created: 2, failed: [] })
    const taken = (await slugs(['column-b.txt']))['column-b.txt']
    await payload.delete({
      collection: 'articles',
      where: { 'source.file': { equals: 'column-b.txt' } },
    })
    // An editor's article now holds the slug column-b.txt had.
    await payload.create({
      collection: 'articles',
      data: { title: 'An editor took this slug', summary: 'Lead.', slug: taken, _status: 'draft' },
      draft: true,
    })
    expect(await importDocuments(payload, [files[1]!])).toMatchObject({ created: 1, failed: [] })
    const again = (await slugs(['column-b.txt']))['column-b.txt']
    expect(again).not.toBe(taken)
    expect(again.startsWith(slugify(title))).toBe(true)

    const long = `${'A very long headline about the regional transport budget '.repeat(3)}again`
    expect(slugify(long).length).toBe(MAX_SLUG_LENGTH)
    const longNames = ['long-1.txt', 'long-2.txt', 'long-3.txt']
    longNames.forEach((name, i) => write(name, wire(long, `Part ${i + 1} of the series.`)))
    const longFiles = longNames.map((name) => path.join(dir, name))
    expect(await importDocuments(payload, longFiles)).toMatchObject({ created: 3, failed: [] })
    const longSlugs = Object.values(await slugs(longNames))
    expect(new Set(longSlugs).size).toBe(3)
    for (const slug of longSlugs) expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH)
  })

  test('every slug candidate fits, is its own slugify() result and differs from the others', () => {
    for (const base of [slugify('Report'), slugify('x'.repeat(200)), slugify('ab-'.repeat(60))]) {
      const generator = slugCandidates(base, 'f'.repeat(64))
      const candidates = Array.from({ length: 50 }, () => generator.next().value as string)
      expect(new Set(candidates).size).toBe(candidates.length)
      for (const slug of candidates) {
        expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH)
        expect(slugify(slug)).toBe(slug)
      }
    }
  })
})

describe('bad input', () => {
  test('bad files are reported one line each, and the good ones still import', async () => {
    for (const bad of [
      'bad-empty.txt',
      'bad-binary.txt',
      'bad-invalid-utf8.txt',
      'bad-no-title.txt',
    ]) {
      fs.copyFileSync(path.join(FIXTURES, bad), path.join(dir, bad))
    }
    write(
      'good.txt',
      'Weather service warns of heavy rain\n\nHeavy rain is expected across the north from Friday evening.',
    )
    const summary = await importDocuments(payload, [dir, path.join(dir, 'missing.txt')])
    expect(summary).toMatchObject({ files: 6, created: 1, failed: expect.any(Array) })
    expect(summary.failed.map((f) => path.basename(f.file)).sort()).toEqual(
      [
        'bad-binary.txt',
        'bad-empty.txt',
        'bad-invalid-utf8.txt',
        'bad-no-title.txt',
        'missing.txt',
      ].sort(),
    )
    for (const failure of summary.failed) {
      expect(failure.reason).not.toContain('\n')
      expect(failure.reason).not.toMatch(/\bat .*\.ts:\d+/) // no stack trace
    }
  })

  test('a file that fails half-way leaves no trace: no article, teaser, image or picture file', async () => {
    const before = await counts()
    const files = mediaFiles()
    const file = write(
      'half-way.txt',
      [
        'A wind farm seen from the sea.',
        'Offshore wind farm doubles its output',
        'The offshore wind farm doubled its output after the second stage went online this week.',
        'Related articles',
        'A teaser about the first stage of the project, which opened two years ago with fewer turbines.',
        'Power lines crossing a field at sunset.\nImage generated by AI',
        'A second teaser about grid operators preparing for more wind power in the coming winter months.',
      ].join('\n\n'),
    )
    // The second teaser's picture is not an image: its upload fails after the hero image and the
    // first teaser were written.
    fs.writeFileSync(path.join(dir, 'half-way-2.png'), 'this is not a picture')
    fs.writeFileSync(path.join(dir, 'half-way-hero.png'), (await pngFile('hero.png')).data)
    const summary = await importDocuments(payload, [file])
    expect(summary.failed).toHaveLength(1)
    expect(summary.created).toBe(0)
    expect(await counts()).toEqual(before)
    expect(mediaFiles()).toBe(files)

    // Mended, the same file imports completely.
    fs.rmSync(path.join(dir, 'half-way-2.png'))
    expect(await importDocuments(payload, [file])).toMatchObject({ created: 1, failed: [] })
  })
})
