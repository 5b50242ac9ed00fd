import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { afterAll, describe, expect, test } from '@jest/globals'

import { api } from './helpers/api'
import { bootPayload, loginAs, shutdown } from './helpers/payload'

// Scheduled publish and unpublish (README "Saving and publishing"): the API, the embargo, one run
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
    const body = { type: 'publish', locale: 'de', at: inSeconds(60) }
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

describe('runners', () => {
  test('German publish at T: hidden at T−1 s, live within a tick after T, run once by two runners, cache purged', async () => {
    const id = await translatedArticle('embargo')
    // Written before the runners start: SQLite has one writer at a time.
    const reference = await translatedArticle('reference')
    const journal = `${process.env.DATABASE_URI!.slice('file:'.length)}.cache-purges`
    await Promise.all([startRunner(), startRunner()])
    const T = Date.now() + 4000
    const res = await client.post(`/articles/${id}/schedule`, {
      token: editor,
      body: { type: 'publish', locale: 'de', at: new Date(T).toISOString() },
    })
    expect(res.status).toBe(201)
    const before = await versionCount(id)
    const journalBefore = fs.existsSync(journal) ? fs.readFileSync(journal, 'utf8').length : 0
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
    const written = fs.readFileSync(journal, 'utf8').slice(journalBefore)
    expect(written).toContain(`articles:${id}`)
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
