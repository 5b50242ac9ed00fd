import { afterAll, describe, expect, test } from '@jest/globals'

import {
  commitTransaction,
  createLocalReq,
  initTransaction,
  killTransaction,
  type PayloadRequest,
} from 'payload'

import path from 'node:path'

import { importDocuments } from '../seed/import'
import { dialectOf, execute, sql } from '../src/database/dialect'
import type { IndexEntry, TokenQuery } from '../src/features/search/engine'
import { indexTokens } from '../src/features/search/linguistics'
import { searchPageGET } from '../src/features/search/page'
import { queryWords } from '../src/features/search/query'
import { searchEngine } from '../src/features/search/service'
import { pgCount, pgRanked, pgSearchSession, RANKED } from '../src/features/search/sql'
import { paragraphsToLexical } from '../src/utilities/richtext'
import { api } from './helpers/api'
import { bootPayload, loginAs, shutdown } from './helpers/payload'

// Search (docs/search.md) on real Payload and SQLite or PostgreSQL: what each reader finds per locale, the index
// following every change path in the same transaction, and hostile input.
// SQLite and PostgreSQL have a search engine (docs/search.md); on MongoDB writes work and search is a 501.
const engine = !process.env.MONGO_TEST_URI
const onEngine = engine ? describe : describe.skip
const onPostgres = process.env.POSTGRES_TEST_URI ? describe : describe.skip
// SQLite ranks the newest matches and caps `total` there; PostgreSQL counts exactly (its own tests)
const onSqlite = engine && !process.env.POSTGRES_TEST_URI ? describe : describe.skip

const ctx = await bootPayload()
afterAll(() => shutdown(ctx))
const { payload } = ctx
const client = api(ctx.config)

const editor = await loginAs(payload, 'editor-search@example.com', ['editor'])
const translator = await loginAs(payload, 'translator-search@example.com', ['translator'], {
  translatorLocales: ['de'],
})
const developer = await loginAs(payload, 'developer-search@example.com', ['developer'])

type Hit = {
  id: string
  collection: string
  title: { text: string; highlights: number[][] }
  snippet: { text: string; highlights: number[][] }
  origin: string
  labels: { kind: string; text: string }[]
}
const search = async (q: string, locale: string, token?: string) => {
  const res = await client.get(`/search?q=${encodeURIComponent(q)}&locale=${locale}`, { token })
  expect(res.status).toBe(200)
  return res.body as { total: number; index: string; docs: Hit[] }
}
const ids = async (q: string, locale: string, token?: string) =>
  (await search(q, locale, token)).docs.map((d) => d.id)

let n = 0
/** An article with English and German text; `publish` names the locales published. */
async function article(words: { en: string; de: string }, publish: ('en' | 'de')[]) {
  const tag = `w${++n}x`
  const doc = await payload.create({
    collection: 'articles',
    locale: 'en',
    draft: !publish.includes('en'),
    data: {
      title: `${words.en} ${tag}`,
      summary: `Lead ${tag}`,
      body: paragraphsToLexical([`The body tells of ${words.en} at length.`]) as never,
      _status: publish.includes('en') ? 'published' : 'draft',
    },
  })
  await payload.update({
    collection: 'articles',
    id: doc.id,
    locale: 'de',
    draft: !publish.includes('de'),
    data: {
      title: `${words.de} ${tag}`,
      summary: `Vorspann ${tag}`,
      body: paragraphsToLexical([`Der Text erzählt vom ${words.de} ausführlich.`]) as never,
      _status: publish.includes('de') ? 'published' : 'draft',
    },
  })
  return { id: doc.id, tag }
}

type Row = { scope: string; locale: string; title: string }
const byKey = (a: Row, b: Row) => `${a.scope}:${a.locale}`.localeCompare(`${b.scope}:${b.locale}`)
/** An article's entries in the index, as stored. */
async function indexed(id: string | number): Promise<Row[]> {
  const { rows } = await execute(
    payload,
    sql`SELECT scope, locale, title FROM search_entries WHERE collection = 'articles' AND doc_id = ${String(id)}`,
  )
  return (rows as Row[]).map(({ scope, locale, title }) => ({ scope, locale, title })).sort(byKey)
}
/** What they must be: a public entry per published locale (its live title), a staff entry per locale (its latest draft). */
async function expected(id: string | number): Promise<Row[]> {
  const rows: Row[] = []
  for (const locale of ['en', 'de'] as const) {
    const read = (draft: boolean) =>
      payload.findByID({ collection: 'articles', id, locale, fallbackLocale: false, draft })
    const live = await read(false)
    if (live.publication?.[locale]?.live)
      rows.push({ scope: 'public', locale, title: String(live.title) })
    rows.push({ scope: 'staff', locale, title: String((await read(true)).title) })
  }
  return rows.sort(byKey)
}
const publicLocales = async (id: string | number) =>
  (await indexed(id)).filter((r) => r.scope === 'public').map((r) => r.locale)

onEngine('visibility', () => {
  test('a locale that is not published never matches anonymously, by content or count', async () => {
    const { id, tag } = await article({ en: 'Summit meeting', de: 'Gipfeltreffen' }, ['en'])
    expect(await ids('summit', 'en')).toContain(id)
    const hidden = await search(`Gipfeltreffen ${tag}`, 'de')
    expect(hidden.total).toBe(0)
    expect(hidden.docs).toEqual([])
    // a developer without draft access reads the public index too
    expect((await search(tag, 'de', developer)).total).toBe(0)
    // staff and translators read the latest drafts
    for (const token of [editor, translator]) {
      const staff = await search(`Gipfel ${tag}`, 'de', token)
      expect(staff.index).toBe('staff')
      expect(staff.docs.map((d) => d.id)).toEqual([id])
    }
  })

  test('drafts saved after publishing stay out of the public index', async () => {
    const { id, tag } = await article({ en: 'Harbour opening', de: 'Hafeneröffnung' }, ['en', 'de'])
    await payload.update({
      collection: 'articles',
      id,
      locale: 'en',
      draft: true,
      data: { title: `Zyxsecret draft words ${tag}` },
    })
    expect(await ids('zyxsecret', 'en')).toEqual([])
    expect(await ids(`harbour ${tag}`, 'en')).toEqual([id])
    expect(await ids('zyxsecret', 'en', editor)).toEqual([id])
  })
})

onEngine('every change path keeps the index exact', () => {
  test('publish, unpublish one locale, unpublish all, restore, delete', async () => {
    const { id, tag } = await article({ en: 'Budget dispute', de: 'Haushaltsstreit' }, [])
    expect(await ids(tag, 'en')).toEqual([])
    await client.patch(`/articles/${id}?locale=de`, {
      token: editor,
      body: { _status: 'published' },
    })
    expect(await ids(`Haushalt ${tag}`, 'de')).toEqual([id])
    expect(await ids(tag, 'en')).toEqual([])
    await client.patch(`/articles/${id}?locale=en`, {
      token: editor,
      body: { _status: 'published' },
    })
    expect(await ids(`budgets ${tag}`, 'en')).toEqual([id])
    await client.patch(`/articles/${id}?locale=de`, { token: editor, body: { _status: 'draft' } })
    expect(await ids(tag, 'de')).toEqual([])
    expect(await ids(tag, 'en')).toEqual([id])
    await client.patch(`/articles/${id}?locale=en&unpublishAllLocales=true`, {
      token: editor,
      body: {},
    })
    expect(await ids(tag, 'en')).toEqual([])
    const { docs: versions } = await payload.findVersions({
      collection: 'articles',
      where: { and: [{ parent: { equals: id } }, { 'version._status': { equals: 'published' } }] },
      sort: '-updatedAt',
      limit: 1,
    })
    await payload.restoreVersion({ collection: 'articles', id: versions[0].id })
    expect((await ids(tag, 'en')).length + (await ids(tag, 'de')).length).toBeGreaterThan(0)
    await payload.delete({ collection: 'articles', id })
    expect(await ids(tag, 'en')).toEqual([])
    expect(await ids(tag, 'en', editor)).toEqual([])
  })

  test("teasers link to their article's page where it is live; a write keeps unchanged entries", async () => {
    const { id, tag } = await article({ en: 'Harbour strike', de: 'Hafenstreik' }, ['en'])
    const { slug } = await payload.findByID({ collection: 'articles', id, locale: 'en' })
    const teaser = await payload.create({
      collection: 'related-articles',
      locale: 'de',
      data: { summary: `Streik im Hafen ${tag}`, article: id, url: 'https://example.com/hafen' },
    })
    await payload.update({
      collection: 'related-articles',
      id: teaser.id,
      locale: 'en',
      data: { summary: `Strike at the harbour ${tag}` },
    })
    const hrefs = async () => {
      const out: Record<string, string | null | undefined> = {}
      for (const locale of ['en', 'de']) {
        const hit = (await search(`${tag}`, locale)).docs.find((d) => d.id === teaser.id) as
          (Hit & { href: string | null }) | undefined
        out[locale] = hit?.href
      }
      return out
    }
    // Every entry a write deletes, logged by a trigger (an entry written again may get its old id).
    await execute(
      payload,
      sql.raw(
        'CREATE TABLE IF NOT EXISTS search_test_deletes (doc_id TEXT, scope TEXT, locale TEXT)',
      ),
    )
    if (dialectOf(payload) === 'postgres') {
      await execute(
        payload,
        sql.raw(`CREATE OR REPLACE FUNCTION search_test_log() RETURNS trigger AS $$ BEGIN
          INSERT INTO search_test_deletes VALUES (OLD.doc_id, OLD.scope, OLD.locale); RETURN OLD; END $$ LANGUAGE plpgsql`),
      )
      await execute(payload, sql.raw('DROP TRIGGER IF EXISTS search_test_log ON search_entries'))
      await execute(
        payload,
        sql.raw(
          'CREATE TRIGGER search_test_log AFTER DELETE ON search_entries FOR EACH ROW EXECUTE FUNCTION search_test_log()',
        ),
      )
    } else
      await execute(
        payload,
        sql.raw(`CREATE TRIGGER IF NOT EXISTS search_test_log AFTER DELETE ON search_entries BEGIN
          INSERT INTO search_test_deletes VALUES (old.doc_id, old.scope, old.locale); END`),
      )
    /** The entries deleted by `write`, as "article|teaser scope locale". */
    const deletedBy = async (write: () => Promise<unknown>) => {
      await execute(payload, sql`DELETE FROM search_test_deletes`)
      await write()
      const { rows } = await execute(
        payload,
        sql`SELECT doc_id, scope, locale FROM search_test_deletes`,
      )
      return rows
        .map(
          (r) =>
            `${r.doc_id === String(id) ? 'article' : r.doc_id === String(teaser.id) ? 'teaser' : 'other'} ${r.scope} ${r.locale}`,
        )
        .sort()
    }
    expect(await hrefs()).toEqual({
      en: `/en/articles/${slug}`,
      de: 'https://example.com/hafen',
    })

    // German goes live: the teaser's German link follows; the live English entry stays as stored
    // (the staff entries carry the document's `updatedAt`, so every save rewrites them).
    const published = await deletedBy(() =>
      client.patch(`/articles/${id}?locale=de`, { token: editor, body: { _status: 'published' } }),
    )
    expect(await hrefs()).toEqual({ en: `/en/articles/${slug}`, de: `/de/articles/${slug}` })
    expect(published).not.toContain('article public en')
    expect(published).toContain('teaser public de')

    // A correction of the live German title: the article's German entries change, the teaser's
    // (its links did not move) stay as stored.
    const corrected = await deletedBy(async () => {
      const res = await client.patch(`/articles/${id}?locale=de`, {
        token: editor,
        body: { title: `Hafenstreik beendet ${tag}`, _status: 'published' },
      })
      expect(res.status).toBe(200)
    })
    expect(await ids(`beendet ${tag}`, 'de')).toEqual([id])
    expect(corrected).toContain('article public de')
    expect(corrected.filter((r) => !r.startsWith('article'))).toEqual([])
    await execute(
      payload,
      sql.raw(
        'DROP TRIGGER IF EXISTS search_test_log' +
          (dialectOf(payload) === 'postgres' ? ' ON search_entries' : ''),
      ),
    )
    await execute(payload, sql.raw('DROP TABLE search_test_deletes'))

    // German unpublished, then the article deleted: the links go back to the teaser's own URL.
    await client.patch(`/articles/${id}?locale=de`, { token: editor, body: { _status: 'draft' } })
    expect(await hrefs()).toEqual({ en: `/en/articles/${slug}`, de: 'https://example.com/hafen' })
    await payload.delete({ collection: 'articles', id })
    expect(await hrefs()).toEqual({
      en: 'https://example.com/hafen',
      de: 'https://example.com/hafen',
    })
    await payload.delete({ collection: 'related-articles', id: teaser.id })
  })

  test('restoring older versions, as draft and as published, per locale (Local API and REST)', async () => {
    const { id, tag } = await article({ en: 'Amber harbour', de: 'Bernsteinhafen' }, ['en'])
    const latestVersion = async () =>
      (
        await payload.findVersions({
          collection: 'articles',
          where: { parent: { equals: id } },
          sort: '-updatedAt',
          limit: 1,
        })
      ).docs[0].id
    const enOnly = await latestVersion() // en "Amber" published, de "Bernstein" a draft
    await client.patch(`/articles/${id}?locale=de`, {
      token: editor,
      body: { _status: 'published' },
    })
    const both = await latestVersion() // both published
    await client.patch(`/articles/${id}?locale=en`, {
      token: editor,
      body: {
        title: `Cobalt quay ${tag}`,
        body: paragraphsToLexical(['A new text.']),
        _status: 'published',
      },
    })
    const cobalt = await latestVersion()
    await client.patch(`/articles/${id}?locale=de`, { token: editor, body: { _status: 'draft' } })
    expect(await indexed(id)).toEqual(await expected(id))
    expect(await ids('amber', 'en')).not.toContain(id)
    expect(await ids(tag, 'de')).toEqual([])

    // REST, as published: both locales live again with the old text
    let res = await client.post(`/articles/versions/${both}`, { token: editor })
    expect(res.status).toBe(200)
    expect(await indexed(id)).toEqual(await expected(id))
    expect(await publicLocales(id)).toEqual(['de', 'en'])
    expect(await ids('amber', 'en')).toEqual([id])
    expect(await ids(tag, 'de')).toEqual([id])
    expect(await ids('cobalt', 'en')).not.toContain(id)

    // REST, as draft: readers keep the live text, staff search the restored draft
    res = await client.post(`/articles/versions/${cobalt}?draft=true`, { token: editor })
    expect(res.status).toBe(200)
    expect(await indexed(id)).toEqual(await expected(id))
    expect(await ids('cobalt', 'en')).not.toContain(id)
    expect(await ids('amber', 'en')).toEqual([id])
    expect(await ids('cobalt', 'en', editor)).toEqual([id])
    expect(await ids('amber', 'en', editor)).not.toContain(id)

    // Local API, as published: the version whose German was a draft unpublishes German
    await payload.restoreVersion({ collection: 'articles', id: enOnly })
    expect(await indexed(id)).toEqual(await expected(id))
    expect(await publicLocales(id)).toEqual(['en'])
    expect(await ids(tag, 'de')).toEqual([])
    expect(await ids('amber', 'en')).toEqual([id])
    expect(await ids(tag, 'de', editor)).toEqual([id])

    // Local API (its restoreVersion has no draft option: as published): the newest text live again
    await payload.restoreVersion({ collection: 'articles', id: cobalt })
    expect(await indexed(id)).toEqual(await expected(id))
    expect(await ids('cobalt', 'en')).toEqual([id])
    expect(await ids('amber', 'en')).not.toContain(id)
  })

  test('a scheduled publication, run by the job runner', async () => {
    const { id, tag } = await article({ en: 'Night train', de: 'Nachtzug' }, ['en'])
    process.env.SCHEDULE_MIN_LEAD_SECONDS = '1'
    const at = new Date(Date.now() + 2000).toISOString()
    const res = await client.post(`/articles/${id}/schedule`, {
      token: editor,
      body: { type: 'publish', locale: 'de', at },
    })
    expect(res.status).toBeLessThan(300)
    expect(await ids(`Nachtzug ${tag}`, 'de')).toEqual([])
    await new Promise((resolve) => setTimeout(resolve, 2500))
    await payload.jobs.run({ queue: 'default' })
    expect(await ids(`Nachtzug ${tag}`, 'de')).toEqual([id])
  })

  test('a failed write leaves the index as it was (same transaction)', async () => {
    const { id, tag } = await article({ en: 'Ferry strike', de: 'Fährstreik' }, ['en'])
    const req = await createLocalReq({}, payload)
    await initTransaction(req)
    await payload.update({
      collection: 'articles',
      id,
      locale: 'en',
      data: { title: `Zyxrenamed ${tag}` },
      req,
    })
    await killTransaction(req)
    expect(await ids(`ferry ${tag}`, 'en')).toEqual([id])
    expect(await ids('zyxrenamed', 'en')).toEqual([])
    expect(await ids('zyxrenamed', 'en', editor)).toEqual([])
  })

  test('teasers are public per locale with their own text', async () => {
    const teaser = await payload.create({
      collection: 'related-articles',
      locale: 'de',
      data: { summary: 'Parteikongress in Vientiane bestätigt Thongloun Sisoulith' },
    })
    expect(await ids('Kongress Thongloun', 'de')).toContain(teaser.id)
    expect(await ids('Thongloun', 'en')).not.toContain(teaser.id)
    await payload.delete({ collection: 'related-articles', id: teaser.id })
    expect(await ids('Thongloun', 'de')).not.toContain(teaser.id)
  })
})

onSqlite('a bounded top set', () => {
  const DAY = 86_400_000
  const word = 'zyxbounded'
  const entry = (docId: string, time: number, title: string, body = ''): IndexEntry => ({
    scope: 'public',
    collection: 'bounded-test',
    docId,
    locale: 'en',
    title,
    lead: '',
    body,
    href: null,
    origin: 'human',
    labels: [],
    firstPublishedAt: null,
    time,
    tokens: { title: indexTokens(title, 'en'), lead: '', body: indexTokens(body, 'en') },
  })
  const write = async (work: (req: PayloadRequest) => Promise<void>) => {
    const req = await createLocalReq({}, payload)
    await initTransaction(req)
    await work(req)
    await commitTransaction(req)
  }
  const query = {
    scope: 'public',
    locale: 'en',
    words: queryWords(word, 'en'),
    mode: 'all',
    limit: 10,
    offset: 0,
  } as const

  test('the newest matches are ranked, by time not by write order; total exact up to the cap', async () => {
    const engine = searchEngine(payload)
    const now = Date.now()
    // The best match (the word in the title, the others have it in the body) is the oldest, and
    // written last.
    await write(async (req) => {
      for (let i = 0; i < RANKED; i++)
        await engine.replace(req, 'bounded-test', `new${i}`, [
          entry(`new${i}`, now - i * 60_000, 'A filler', `Only the body says ${word}.`),
        ])
      await engine.replace(req, 'bounded-test', 'old', [
        entry('old', now - 30 * DAY, `The ${word} title`),
      ])
    })
    const capped = await engine.search(undefined, query)
    expect(capped).toMatchObject({ total: RANKED, capped: true })
    expect(capped.hits.map((h) => h.docId)).not.toContain('old')
    const api = await client.get(`/search?q=${word}&locale=en`)
    expect(api.body).toMatchObject({ total: RANKED, totalCapped: true, totalPages: RANKED / 10 })
    const page = await searchPageGET(ctx.config)(
      new Request(`http://localhost/en/search?q=${word}`),
      { params: Promise.resolve({ locale: 'en' }) },
    )
    expect(await page.text()).toContain(`${RANKED}+ results`)

    // One match fewer: every match is ranked and the count is exact; the old best match leads.
    await write(async (req) => void (await engine.replace(req, 'bounded-test', 'new0', [])))
    const all = await engine.search(undefined, query)
    expect(all).toMatchObject({ total: RANKED, capped: false })
    expect(all.hits[0].docId).toBe('old')
    // a page past the last hit still counts
    const past = await engine.search(undefined, { ...query, offset: RANKED + 10 })
    expect(past).toMatchObject({ total: RANKED, capped: false, hits: [] })

    await write(async (req) => {
      for (let i = 1; i < RANKED; i++) await engine.replace(req, 'bounded-test', `new${i}`, [])
      await engine.replace(req, 'bounded-test', 'old', [])
    })
    expect((await engine.search(undefined, query)).total).toBe(0)
  })
})

onEngine('linguistics through the API', () => {
  test('stems, compounds, umlaut and ß spellings, highlights from the original text', async () => {
    const { id } = await article(
      { en: 'President reelected in Vientiane', de: 'Präsidentenwahl an der Straße' },
      ['en', 'de'],
    )
    for (const q of ['Strasse', 'STRASSE', 'Straße', 'praesidentenwahl', 'Wahl'])
      expect(await ids(q, 'de')).toContain(id)
    const found = await search('reelection', 'en')
    const hit = found.docs.find((d) => d.id === id)!
    const [start, end] = hit.title.highlights[0]
    expect(hit.title.text.slice(start, end)).toBe('reelected')
    expect(hit.origin).toBe('human')
  })
})

onEngine('bad input: results or 400, never 500', () => {
  const hostile = [
    '"',
    '""',
    '"unbalanced',
    'NEAR(a b)',
    'a NEAR b',
    '*',
    'gip*',
    'title:secret',
    'k:publicde',
    '{title}: x',
    '(',
    ')',
    '((a)',
    '-',
    '-a',
    '^a',
    'a OR',
    'AND',
    'NOT x',
    ':',
    "'",
    '\\',
    '\u0000x',
    '\u202e',
    'x'.repeat(200),
    '💥',
    '   ',
    '',
  ]
  test.each(hostile)('%j', async (q) => {
    const res = await client.get(`/search?q=${encodeURIComponent(q)}&locale=en`)
    expect(res.status).toBe(200)
    expect(Array.isArray(res.body.docs)).toBe(true)
  })
  test.each([
    `/search?q=${'x'.repeat(10_000)}&locale=en`,
    '/search?q=a&locale=fr',
    '/search?q=a',
    '/search?q=a&locale=en&limit=0',
    '/search?q=a&locale=en&limit=51',
    '/search?q=a&locale=en&page=-1',
    '/search?q=a&q=b&locale=en',
  ])('%s → 400 with a message', async (path) => {
    const res = await client.get(path)
    expect(res.status).toBe(400)
    expect(typeof res.body.errors[0].message).toBe('string')
  })
})

onEngine('GraphQL', () => {
  test('search query, typed, same visibility', async () => {
    const { id, tag } = await article({ en: 'Rail tunnel', de: 'Eisenbahntunnel' }, ['en'])
    const query = `query($q: String!, $l: String!) { search(q: $q, locale: $l) { total index docs { id collection title { text highlights } snippet { text } origin } } }`
    const en = await client.graphql(query, { q: `tunnels ${tag}`, l: 'en' })
    expect(en.body.data.search.docs.map((d: Hit) => d.id)).toEqual([id])
    expect(en.headers.get('surrogate-key')).toMatch(/\bsearch\b/)
    const de = await client.graphql(query, { q: `Tunnel ${tag}`, l: 'de' })
    expect(de.body.data.search.total).toBe(0)
    const bad = await client.graphql(query, { q: 'x', l: 'xx' })
    expect(bad.body.errors[0].message).toMatch(/locale/)
  })
})

onEngine('the seed content and the reader pages', () => {
  test('import makes the German teasers searchable; the page highlights, labels and pairs languages', async () => {
    await importDocuments(payload, [path.resolve('seed/documents')])
    const found = await search('Gipfel Außenminister', 'de')
    expect(found.total).toBeGreaterThan(0)
    expect(found.docs[0].title.text).toMatch(/Außenminister von Laos/)
    expect(found.docs[0].labels.map((l) => l.text)).toContain('Von KI berichtet')
    expect((await search('Aussenminister Nordkorea', 'de')).docs[0].id).toBe(found.docs[0].id)
    expect((await search('Thongloun Sisoulith reelected', 'en')).docs[0].collection).toBe(
      'articles',
    )

    const page = async (url: string) => {
      const res = await searchPageGET(ctx.config)(new Request(url), {
        params: Promise.resolve({ locale: new URL(url).pathname.split('/')[1] }),
      })
      return { status: res.status, html: await res.text(), headers: res.headers }
    }
    const de = await page('http://localhost/de/suche?q=Gipfel')
    expect(de.status).toBe(200)
    expect(de.html).toMatch(/<mark>Gipfel<\/mark>/)
    expect(de.html).toMatch(/hrefLang="en" href="[^"]*\/en\/search"/)
    expect(de.html).toMatch(/hrefLang="de" href="[^"]*\/de\/suche"/)
    expect(de.html).toContain('role="search"')
    expect(de.headers.get('cache-control')).toMatch(/public/)
    expect(de.headers.get('surrogate-key')).toMatch(/\bsearch\b/)
    expect((await page('http://localhost/en/suche?q=x')).status).toBe(404)
    expect((await page(`http://localhost/en/search?q=${'x'.repeat(10_000)}`)).status).toBe(400)
    expect((await page('http://localhost/en/search?q=%22NEAR(')).status).toBe(200)
  })
})

onPostgres('PostgreSQL: tsvector and GIN', () => {
  // engine-level entries in a locale no reader asks for, removed afterwards
  const locale = 'zz'
  const tokenQuery = (words: string[][][]): TokenQuery => ({
    scope: 'public',
    locale,
    words,
    mode: 'all',
    limit: 10,
    offset: 0,
  })
  const cleanUp = () => execute(payload, sql`DELETE FROM search_entries WHERE locale = ${locale}`)

  test('tokens stay tokens: tsquery syntax inside a token is only text', async () => {
    const engine = searchEngine(payload)
    const entry = (docId: string, title: string) => ({
      scope: 'public' as const,
      collection: 'bench',
      docId,
      locale,
      title,
      lead: '',
      body: '',
      href: null,
      origin: 'human',
      labels: [],
      firstPublishedAt: null,
      time: Date.now(),
      tokens: { title, lead: '', body: '' },
    })
    const req = await createLocalReq({}, payload)
    await engine.replace(req, 'bench', 'a', [entry('a', 'zzalpha')])
    await engine.replace(req, 'bench', 'b', [entry('b', 'zzbeta')])
    expect((await engine.search(req, tokenQuery([[['zzalpha']]]))).total).toBe(1)
    // an injected `|` would find both, an injected `:*` would find zzalpha
    expect((await engine.search(req, tokenQuery([[["zzalpha' | 'zzbeta"]]]))).total).toBe(0)
    expect((await engine.search(req, tokenQuery([[['zzal:*']]]))).total).toBe(0)
    for (const token of [
      "'",
      "''",
      '\\',
      "\\'",
      '!',
      '&',
      '|',
      '(',
      ':*',
      '<->',
      'a:A',
      '"',
      '\u0000',
    ])
      await expect(engine.search(req, tokenQuery([[[token]], [['zzalpha']]]))).resolves.toBeTruthy()
    await cleanUp()
  })

  test('the GIN index serves the count and the ranking (EXPLAIN, 3,000 entries)', async () => {
    await execute(
      payload,
      sql`WITH e AS (INSERT INTO search_entries (time, scope, collection, doc_id, locale, origin, labels, title, lead, body)
          SELECT i, 'public', 'bench', 'g' || i, ${locale}, 'human', '[]', 'x', '', '' FROM generate_series(1, 3000) i
          RETURNING id, time)
        INSERT INTO search_public (id, locale, time, head, tokens)
        SELECT id, ${locale}, time, to_tsvector('simple', 'zzcommon'),
          to_tsvector('simple', 'zzcommon zzw' || (time % 300)) || array_to_tsvector(ARRAY['~zz'])
        FROM e`,
    )
    await execute(payload, sql`ANALYZE search_public`)
    const query = tokenQuery([[['zzw7']], [['zzcommon']]])
    for (const statement of [pgCount(query), pgRanked(query, 0)]) {
      const rows = await pgSearchSession(payload, (read) => read(sql`EXPLAIN ${statement}`))
      expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(
        /Bitmap Index Scan on search_public_tokens/,
      )
    }
    const engine = searchEngine(payload)
    expect((await engine.search(undefined, query)).total).toBe(10)
    // exact beyond the ranked candidates, and on a page past the last
    const common = tokenQuery([[['zzcommon']]])
    expect((await engine.search(undefined, common)).total).toBe(3000)
    expect(await engine.search(undefined, { ...query, offset: 20 })).toEqual({
      total: 10,
      hits: [],
    })
    await cleanUp()
  })

  test("Payload's schema push leaves the search tables alone", async () => {
    type Kit = {
      pushSchema: (...args: unknown[]) => Promise<{ statementsToExecute: string[] }>
    }
    const db = payload.db as unknown as {
      requireDrizzleKit: () => Kit
      schema: unknown
      drizzle: unknown
      tablesFilter?: string[]
    }
    const plan = async (filter?: string[]) =>
      (await db.requireDrizzleKit().pushSchema(db.schema, db.drizzle, undefined, filter))
        .statementsToExecute
    expect((await plan(db.tablesFilter)).join('\n')).not.toMatch(/search_/)
    // without the filter drizzle-kit would drop them
    expect((await plan()).join('\n')).toMatch(/DROP TABLE "search_entries"/)
  })
})

onSqlite("Payload's schema push (SQLite)", () => {
  // Every process that starts in development or test mode pushes (a job runner beside the app):
  // a push must not drop the tables another process is writing to.
  test('runs its plan without the search tables, which keep their entries', async () => {
    const { id } = await article({ en: 'Lighthouse keeper', de: 'Leuchtturmwärter' }, ['en', 'de'])
    const before = await indexed(id)
    expect(before.length).toBeGreaterThan(0)
    type Plan = { statementsToExecute: string[]; warnings: string[]; apply: () => Promise<void> }
    const db = payload.db as unknown as {
      requireDrizzleKit: () => { pushSchema: (...args: unknown[]) => Promise<Plan> }
      schema: unknown
      drizzle: unknown
    }
    const plan = await db.requireDrizzleKit().pushSchema(db.schema, db.drizzle)
    expect([...plan.statementsToExecute, ...plan.warnings].join('\n')).not.toMatch(/search_/)
    await plan.apply()
    expect(await indexed(id)).toEqual(before)
    expect((await client.get('/search?q=Leuchtturm&locale=de')).body.total).toBeGreaterThan(0)
  })
})

;(engine ? describe.skip : describe)('without a search engine (MongoDB)', () => {
  test('articles save and publish; search answers 501, never a 500', async () => {
    const { id } = await article({ en: 'Harbour', de: 'Hafen' }, ['en', 'de'])
    expect(id).toBeTruthy()
    const res = await client.get('/search?q=Hafen&locale=de')
    expect(res.status).toBe(501)
    expect(res.body.errors[0].message).toMatch(/not available/)
  })
})
