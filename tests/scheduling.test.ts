import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createLocalReq } from 'payload'

import { api } from './helpers/api'
import { journalPath } from '../src/features/cache/bus'
import { serverFunctions } from '../src/features/publishing/scheduleServerFunctions'
import { isoInZone, zonedToInstant } from '../src/features/publishing/components/zonedTime'
import {
  MAX_PENDING_SCHEDULES,
  parseInstant,
  parseSchedule,
} from '../src/features/publishing/validateSchedule'
import { bootPayload, loginAs, shutdown } from './helpers/payload'

// Scheduled publish and unpublish (docs/publishing.md): the API, the embargo, one run
// with two runner processes on one database, a runner started after the scheduling (a restart)
// publishing with no request arriving, and the purge of the response cache. Runners tick every
// second here (JOBS_CRON); this jest process runs none.
const ctx = await bootPayload()
const { payload } = ctx
const client = api(ctx.config)
const root = path.resolve(import.meta.dirname, '..')
const runners: ChildProcess[] = []
afterAll(async () => {
  await Promise.all(runners.map(stop))
  await shutdown(ctx)
})

/** Starts a runner process on the test database; resolves once it is ready. */
function startRunner(): Promise<ChildProcess> {
  const child = spawn(
    path.join(root, 'node_modules', '.bin', 'tsx'),
    [path.join(root, 'tests', 'helpers', 'jobRunner.ts')],
    {
      cwd: root,
      env: {
        ...process.env,
        NODE_OPTIONS: '--conditions=production --conditions=ai-newsroom-source --no-deprecation',
        JOBS_CRON: '* * * * * *',
        JOBS: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  runners.push(child)
  let output = ''
  return new Promise((resolve, reject) => {
    const onData = (data: Buffer) => {
      output += data.toString()
      if (/^ready$/m.test(output)) resolve(child)
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()))
    child.once('exit', (code) => reject(new Error(`runner exited ${code}: ${output.slice(-2000)}`)))
  })
}
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

const editor = await loginAs(payload, 'editor-schedule@example.com', ['editor'])
const translator = await loginAs(payload, 'translator-schedule@example.com', ['translator'], {
  translatorLocales: ['de'],
})
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString()

/** An English article live, its German translation saved as a draft. */
async function translatedArticle(tag: string) {
  const doc = await payload.create({
    collection: 'articles',
    locale: 'en',
    data: { title: `EN ${tag}`, _status: 'published' },
  })
  await payload.update({
    collection: 'articles',
    id: doc.id,
    locale: 'de',
    draft: true,
    data: { title: `DE ${tag}` },
  })
  return doc.id
}
const anonTitle = async (id: string, locale: string, extra = '') => {
  const res = await client.get(`/articles/${id}?locale=${locale}&depth=0${extra}`)
  return res.status === 200 ? res.body.title : res.status
}
const jobsOf = async (id: string) =>
  (
    await payload.find({
      collection: 'payload-jobs',
      where: { 'input.doc.value': { equals: id } },
      depth: 0,
      limit: 0,
    })
  ).docs
const versionCount = async (id: string) =>
  (await payload.countVersions({ collection: 'articles', where: { parent: { equals: id } } }))
    .totalDocs
const waitFor = async (probe: () => Promise<boolean>, ms: number) => {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (await probe()) return true
    await sleep(200)
  }
  return false
}

describe('schedule API', () => {
  test('anonymous and translators are refused (403); bad input is a 400; nothing is queued', async () => {
    const id = await translatedArticle('refused')
    const body = { type: 'publish', locale: 'de', at: inSeconds(3600) }
    expect((await client.post(`/articles/${id}/schedule`, { body })).status).toBe(403)
    expect(
      (await client.post(`/articles/${id}/schedule`, { token: translator, body })).status,
    ).toBe(403)
    expect((await client.get(`/articles/${id}/schedule`, { token: translator })).status).toBe(403)
    for (const bad of [
      { ...body, type: 'delete' },
      { ...body, locale: 'fr' },
      { ...body, at: 'tomorrow' },
      { ...body, at: inSeconds(-5) },
      { ...body, timezone: 'Mars/Olympus' },
    ]) {
      const res = await client.post(`/articles/${id}/schedule`, { token: editor, body: bad })
      expect({ status: res.status, message: typeof res.body?.errors?.[0]?.message }).toEqual({
        status: 400,
        message: 'string',
      })
    }
    expect(
      (await client.post(`/articles/${id}/schedule`, { token: editor, rawBody: '[' })).status,
    ).toBe(400)
    expect(
      (await client.post(`/articles/not-there/schedule`, { token: editor, body })).status,
    ).toBe(404)
    expect(await jobsOf(id)).toEqual([])
  })

  test('schedule, list and cancel', async () => {
    const id = await translatedArticle('cancel')
    const at = inSeconds(3600)
    const res = await client.post(`/articles/${id}/schedule`, {
      token: editor,
      body: { type: 'publish', locale: 'de', at, timezone: 'Europe/Berlin' },
    })
    expect(res.status).toBe(201)
    expect(res.body.schedule).toMatchObject({ type: 'publish', locale: 'de', at })
    const second = await client.post(`/articles/${id}/schedule`, {
      token: editor,
      body: { type: 'unpublish', at: inSeconds(7200) },
    })
    const list = await client.get(`/articles/${id}/schedule`, { token: editor })
    // The languages live now (English; German is a draft): what the drawer offers to unpublish.
    expect(list.body.live).toEqual(['en'])
    expect(list.body.docs.map((d: { type: string; locale: string }) => [d.type, d.locale])).toEqual(
      [
        ['publish', 'de'],
        ['unpublish', 'all'],
      ],
    )
    const del = await client.delete(`/articles/${id}/schedule/${res.body.schedule.id}`, {
      token: editor,
    })
    expect(del.status).toBe(200)
    const after = await client.get(`/articles/${id}/schedule`, { token: editor })
    expect(after.body.docs.map((d: { id: string }) => d.id)).toEqual([second.body.schedule.id])
    expect(
      (await client.delete(`/articles/${id}/schedule/${res.body.schedule.id}`, { token: editor }))
        .status,
    ).toBe(404)
  })
})

const developer = await loginAs(payload, 'developer-schedule@example.com', ['developer'])
const admin = await loginAs(payload, 'admin-schedule@example.com', ['admin'])
/** A request of the admin's server functions for one of the users above. */
const adminReqAs = async (email: string) => {
  const { docs } = await payload.find({ collection: 'users', where: { email: { equals: email } } })
  return createLocalReq({ user: { ...docs[0], collection: 'users' } as never }, payload)
}
const errorOf = (res: { body?: { errors?: { message?: string }[] } }) =>
  res.body?.errors?.[0]?.message ?? ''

describe('the one validator (src/features/publishing/validateSchedule.ts)', () => {
  const now = Date.parse('2026-12-06T20:00:00Z')
  const parse =
    (at: unknown, extra: object = {}) =>
    () =>
      parseSchedule({ type: 'publish', locale: 'de', at, ...extra }, ['en', 'de'], now)
  test('an explicit offset is the instant it names; Z and milliseconds too', () => {
    expect(parseInstant('2026-12-07T14:30:00+01:00').toISOString()).toBe('2026-12-07T13:30:00.000Z')
    expect(parseInstant('2026-12-07T14:30+05:30').toISOString()).toBe('2026-12-07T09:00:00.000Z')
    expect(parseInstant('2026-12-07T13:30:00.5Z').toISOString()).toBe('2026-12-07T13:30:00.500Z')
    expect(parseInstant('2028-02-29T00:00:00Z').toISOString()).toBe('2028-02-29T00:00:00.000Z')
    expect(parse('2026-12-07T14:30:00+01:00')().at.toISOString()).toBe('2026-12-07T13:30:00.000Z')
  })
  test.each([
    ['+010000-01-01T00:00:00Z', /4-digit year/],
    ['2031-02-30T10:00:00Z', /does not exist: 2031-02-30/],
    ['2027-02-29T10:00:00Z', /does not exist/],
    ['2031-13-01T10:00:00Z', /does not exist/],
    ['2031-02-03T24:00:00Z', /time of day/],
    ['2031-02-03T10:00:00', /explicit offset/],
    ['2031-02-03', /explicit offset/],
    ['2031-02-03T10:00:00+15:00', /offset out of range/],
    ['tomorrow', /ISO 8601/],
    [1_900_000_000_000, /ISO 8601/],
    ['2026-12-06T20:58:00.000+02:00', /in the past/], // 58 minutes ago, the admin's old answer
    ['2026-12-06T20:00:30Z', /at least 60 seconds ahead/],
    ['2029-01-01T00:00:00Z', /more than two years/],
  ])('%#: %s is refused', (at, message) => {
    expect(parse(at)).toThrow(message)
  })
  test('a long string is refused before any parsing', () => {
    expect(parse('2026-12-07T14:30:00+01:00' + ' '.repeat(10_000))).toThrow(/ISO 8601/)
  })
  test('type, locale and time zone are checked', () => {
    const at = '2026-12-07T14:30:00+01:00'
    expect(parse(at, { type: 'delete' })).toThrow(/"type"/)
    expect(parse(at, { locale: 'fr' })).toThrow(/"locale"/)
    expect(parse(at, { timezone: 'Mars/Olympus' })).toThrow(/"timezone"/)
    expect(parse(at, { timezone: 'Europe/Berlin' })().timezone).toBe('Europe/Berlin')
    expect(parse(at, { locale: undefined, type: undefined })()).toMatchObject({
      type: 'publish',
      locale: 'all',
    })
  })
})

describe("the drawer's wall time → instant (src/features/publishing/components/zonedTime.ts)", () => {
  test('a Berlin wall time is the same instant whatever zone this process runs in', () => {
    expect(zonedToInstant('2026-12-07', '14:30', 'Europe/Berlin')?.toISOString()).toBe(
      '2026-12-07T13:30:00.000Z',
    )
    expect(zonedToInstant('2027-07-07', '14:30', 'Europe/Berlin')?.toISOString()).toBe(
      '2027-07-07T12:30:00.000Z',
    )
    expect(zonedToInstant('2026-12-07', '14:30', 'UTC')?.toISOString()).toBe(
      '2026-12-07T14:30:00.000Z',
    )
    expect(zonedToInstant('2026-12-07', '08:00', 'America/New_York')?.toISOString()).toBe(
      '2026-12-07T13:00:00.000Z',
    )
    expect(isoInZone(new Date('2026-12-07T13:30:00Z'), 'Europe/Berlin')).toBe(
      '2026-12-07T14:30:00+01:00',
    )
  })
  test('the hour skipped in spring does not exist; of the hour repeated in autumn, the first', () => {
    expect(zonedToInstant('2027-03-28', '02:30', 'Europe/Berlin')).toBe(null)
    expect(zonedToInstant('2027-10-31', '02:30', 'Europe/Berlin')?.toISOString()).toBe(
      '2027-10-31T00:30:00.000Z',
    )
    expect(zonedToInstant('2027-02-30', '10:00', 'Europe/Berlin')).toBe(null)
  })
})

describe('schedule API: bounds, cap, paging', () => {
  test('REST refuses the past, a 6-digit year, 30 February, no offset and > 2 years, with a message; nothing queued', async () => {
    const id = await translatedArticle('bounds')
    for (const [at, message] of [
      [new Date(Date.now() - 58 * 60_000).toISOString(), /in the past/],
      [inSeconds(20), /at least 60 seconds ahead/],
      ['+010000-01-01T00:00:00Z', /4-digit year/],
      ['2031-02-30T10:00:00Z', /does not exist/],
      ['2031-02-03T10:00:00', /explicit offset/],
      [new Date(Date.now() + 3 * 365 * 86_400_000).toISOString(), /two years/],
    ] as const) {
      const res = await client.post(`/articles/${id}/schedule`, {
        token: editor,
        body: { type: 'publish', locale: 'de', at },
      })
      expect([at, res.status, errorOf(res)]).toEqual([at, 400, expect.stringMatching(message)])
    }
    expect(await jobsOf(id)).toEqual([])
    // The instant named with an offset is the one stored (read back).
    const at = new Date(Date.now() + 86_400_000)
    at.setUTCSeconds(0, 0)
    const berlin = new Date(at.getTime() + 3600_000).toISOString().replace('Z', '+01:00')
    const ok = await client.post(`/articles/${id}/schedule`, {
      token: editor,
      body: { type: 'publish', locale: 'de', at: berlin, timezone: 'Europe/Berlin' },
    })
    expect(ok.status).toBe(201)
    const [job] = await jobsOf(id)
    expect(new Date(job.waitUntil as string).toISOString()).toBe(at.toISOString())
  })

  test(`at most ${MAX_PENDING_SCHEDULES} pending schedules per document; the list is paged`, async () => {
    const id = await translatedArticle('cap')
    for (let i = 0; i < MAX_PENDING_SCHEDULES; i++) {
      const res = await client.post(`/articles/${id}/schedule`, {
        token: editor,
        body: { type: i % 2 ? 'unpublish' : 'publish', at: inSeconds(3600 + i * 60) },
      })
      expect(res.status).toBe(201)
    }
    const over = await client.post(`/articles/${id}/schedule`, {
      token: admin,
      body: { at: inSeconds(9000) },
    })
    expect([over.status, errorOf(over)]).toEqual([409, expect.stringMatching(/cancel one first/)])
    expect((await jobsOf(id)).length).toBe(MAX_PENDING_SCHEDULES)
    const page2 = await client.get(`/articles/${id}/schedule?limit=6&page=2`, { token: editor })
    expect(page2.status).toBe(200)
    expect(page2.body).toMatchObject({
      totalDocs: MAX_PENDING_SCHEDULES,
      page: 2,
      limit: 6,
      totalPages: Math.ceil(MAX_PENDING_SCHEDULES / 6),
      hasNextPage: true,
    })
    expect(page2.body.docs.length).toBe(6)
    const all = await client.get(`/articles/${id}/schedule`, { token: editor })
    const times = all.body.docs.map((d: { at: string }) => d.at)
    expect(times).toEqual([...times].sort())
    expect(page2.body.docs[0].at).toBe(times[6])
    for (const bad of ['limit=0', 'limit=101', 'page=0', 'limit=abc', 'page=1.5'])
      expect((await client.get(`/articles/${id}/schedule?${bad}`, { token: editor })).status).toBe(
        400,
      )
    // Cancelling one makes room again.
    await client.delete(`/articles/${id}/schedule/${all.body.docs[0].id}`, { token: editor })
    expect(
      (
        await client.post(`/articles/${id}/schedule`, {
          token: admin,
          body: { at: inSeconds(9000) },
        })
      ).status,
    ).toBe(201)
  })

  test('REST access per role: editors and admins only', async () => {
    const id = await translatedArticle('roles')
    const body = { type: 'publish', locale: 'de', at: inSeconds(3600) }
    const statusOf = async (token?: string) =>
      (await client.post(`/articles/${id}/schedule`, { token, body })).status
    expect({
      anonymous: await statusOf(),
      translator: await statusOf(translator),
      developer: await statusOf(developer),
      editor: await statusOf(editor),
      admin: await statusOf(admin),
    }).toEqual({ anonymous: 403, translator: 403, developer: 403, editor: 201, admin: 201 })
  })
})

describe("the admin's server functions (schedule-publish, get-upcoming-scheduled-publish)", () => {
  const schedulePublish = serverFunctions['schedule-publish']
  const upcoming = serverFunctions['get-upcoming-scheduled-publish']

  test('layout.tsx hands our server functions to handleServerFunctions', () => {
    const layout = fs.readFileSync(path.join(root, 'src/app/(payload)/layout.tsx'), 'utf8')
    expect(layout).toMatch(
      /import \{ serverFunctions \} from '..\/..\/features\/publishing\/scheduleServerFunctions'/,
    )
    expect(layout).toMatch(/handleServerFunctions\(\{[^}]*\bserverFunctions,/)
  })

  test('the same validator: a past time, 30 February and no offset are refused with a message; a good one is queued', async () => {
    const id = await translatedArticle('server-function')
    const req = await adminReqAs('editor-schedule@example.com')
    const call = (date: unknown) =>
      schedulePublish({
        req,
        type: 'publish',
        date,
        doc: { relationTo: 'articles', value: id },
        localeToPublish: 'de',
        timezone: 'Europe/Berlin',
      } as never)
    // What Payload's stock drawer sent from a UTC browser: 58 minutes in the past.
    const past = await call(new Date(Date.now() - 58 * 60_000).toISOString())
    expect(past).toEqual({ error: expect.stringMatching(/in the past/), status: 400 })
    expect(await call('2031-02-30T10:00:00Z')).toMatchObject({
      error: expect.stringMatching(/does not exist/),
    })
    expect(await call('2031-02-03T10:00:00')).toMatchObject({
      error: expect.stringMatching(/offset/),
    })
    expect(await call('+010000-01-01T00:00:00Z')).toMatchObject({
      error: expect.stringMatching(/4-digit/),
    })
    expect(await jobsOf(id)).toEqual([])
    const ok = await call(new Date(Date.now() + 3600_000))
    expect(ok).toMatchObject({
      message: expect.any(String),
      schedule: { type: 'publish', locale: 'de' },
    })
    const listed = await upcoming({ req, id, collectionSlug: 'articles' } as never)
    expect(listed).toEqual([
      expect.objectContaining({
        input: { type: 'publish', locale: 'de', timezone: 'Europe/Berlin' },
      }),
    ])
  })

  test('translators, developers and anonymous cannot queue, list or delete a job; editors delete only the named job', async () => {
    const id = await translatedArticle('server-function-roles')
    const other = await translatedArticle('server-function-other')
    const editorReq = await adminReqAs('editor-schedule@example.com')
    const queued = (await schedulePublish({
      req: editorReq,
      type: 'publish',
      date: inSeconds(3600),
      doc: { relationTo: 'articles', value: id },
      localeToPublish: 'de',
    } as never)) as { schedule: { id: string } }
    const jobId = queued.schedule.id
    const anonymous = await createLocalReq({}, payload)
    for (const req of [
      await adminReqAs('translator-schedule@example.com'),
      await adminReqAs('developer-schedule@example.com'),
      anonymous,
    ]) {
      const who = req.user?.email ?? 'anonymous'
      const queue = await schedulePublish({
        req,
        type: 'publish',
        date: inSeconds(3600),
        doc: { relationTo: 'articles', value: id },
        localeToPublish: 'de',
      } as never)
      expect([who, queue]).toEqual([
        who,
        { error: expect.stringMatching(/editors and admins/), status: 403 },
      ])
      const del = await schedulePublish({ req, deleteID: jobId } as never)
      expect([who, del]).toEqual([
        who,
        { error: expect.stringMatching(/editors and admins/), status: 403 },
      ])
      await expect(upcoming({ req, id, collectionSlug: 'articles' } as never)).rejects.toThrow(
        /editors and admins/,
      )
    }
    expect((await jobsOf(id)).map((j) => String(j.id))).toEqual([String(jobId)])
    // An editor naming another document cannot delete this document's job through it.
    const wrongDoc = await schedulePublish({
      req: editorReq,
      deleteID: jobId,
      doc: { relationTo: 'articles', value: other },
    } as never)
    expect(wrongDoc).toMatchObject({ status: 404 })
    const del = await schedulePublish({ req: editorReq, deleteID: jobId } as never)
    expect(del).toMatchObject({ schedule: { id: jobId } })
    expect(await jobsOf(id)).toEqual([])
  })
})

describe('runners', () => {
  // Runs a second or two ahead instead of the minute editors must keep (src/features/publishing/validateSchedule.ts).
  beforeAll(() => void (process.env.SCHEDULE_MIN_LEAD_SECONDS = '1'))
  afterAll(() => void delete process.env.SCHEDULE_MIN_LEAD_SECONDS)
  test('German publish at T: hidden at T−1 s, live within a tick after T, run once by two runners, cache purged', async () => {
    const id = await translatedArticle('embargo')
    // Written before the runners start: SQLite has one writer at a time.
    const reference = await translatedArticle('reference')
    // beside a SQLite file only: on PostgreSQL other processes' purges travel through Redis
    const journal = journalPath()
    // One after the other: on PostgreSQL each runner's dev schema push drops and its start
    // re-creates our own indexes, and two at once raced on the same DROP INDEX.
    await startRunner()
    await startRunner()
    const T = Date.now() + 4000
    const res = await client.post(`/articles/${id}/schedule`, {
      token: editor,
      body: { type: 'publish', locale: 'de', at: new Date(T).toISOString() },
    })
    expect(res.status).toBe(201)
    const before = await versionCount(id)
    const journalBefore =
      journal && fs.existsSync(journal) ? fs.readFileSync(journal, 'utf8').length : 0
    await sleep(Math.max(0, T - 1000 - Date.now()))
    // Embargo: one second before T nothing of the German text is readable.
    expect(await anonTitle(id, 'de')).toBe('EN embargo')
    expect(await anonTitle(id, 'de', '&fallback-locale=none')).toBe(null)
    const live = await waitFor(async () => (await anonTitle(id, 'de')) === 'DE embargo', 4000)
    expect(live).toBe(true)
    expect(Date.now()).toBeGreaterThanOrEqual(T)
    expect(await anonTitle(id, 'en')).toBe('EN embargo')
    // Once: the job added as many versions as one German publish does (a reference article).
    await waitFor(async () => (await jobsOf(id)).every((j) => j.completedAt), 3000)
    await sleep(2000) // a second run of the job would have happened by now
    const refBefore = await versionCount(reference)
    await payload.update({
      collection: 'articles',
      id: reference,
      locale: 'de',
      data: { _status: 'published' },
    })
    expect((await versionCount(id)) - before).toBe((await versionCount(reference)) - refBefore)
    // Done: Payload deletes a job once it completed, and the schedule list is empty.
    expect(await jobsOf(id)).toEqual([])
    expect((await client.get(`/articles/${id}/schedule`, { token: editor })).body.docs).toEqual([])
    // The response cache was told: the purge journal names the article.
    if (journal)
      expect(fs.readFileSync(journal, 'utf8').slice(journalBefore)).toContain(`articles:${id}`)
  })

  test('unpublish of all locales at T, scheduled before a restart of the runner, with no request', async () => {
    const id = await translatedArticle('restart')
    await payload.update({
      collection: 'articles',
      id,
      locale: 'de',
      data: { _status: 'published' },
    })
    expect(await anonTitle(id, 'de')).toBe('DE restart')
    await Promise.all(runners.map(stop))
    const T = Date.now() + 3000
    const res = await client.post(`/articles/${id}/schedule`, {
      token: editor,
      body: { type: 'unpublish', at: new Date(T).toISOString() },
    })
    expect(res.status).toBe(201)
    // A runner that was not running when the schedule was made; no request reaches it.
    await startRunner()
    const down = await waitFor(async () => {
      const doc = await payload.findByID({ collection: 'articles', id, locale: 'all', depth: 0 })
      return Object.values(doc._status as unknown as Record<string, string>).every(
        (s) => s === 'draft',
      )
    }, 8000)
    expect(down).toBe(true)
    expect(Date.now()).toBeGreaterThanOrEqual(T)
    expect(await anonTitle(id, 'de')).toBe(404)
    expect(await anonTitle(id, 'en')).toBe(404)
  })
})
