/**
 * Journey 11: editors schedule the German publication of translated articles (German draft saved,
 * English live) in our schedule drawer, from a browser in UTC and from one in Europe/Berlin. The
 * drawer preselects Publish, the article's language and the newsroom's zone (Europe/Berlin, shown
 * with its UTC offset) whatever zone the browser is in, and states the exact instant; a time in the
 * past is refused with the server's message (never a success). The German reader pages show the
 * English fallback until the chosen minute and the German text after, same server process (its job
 * runner ticks every second, see run.ts). A never-published language is offered Publish only.
 */
import type { Page } from 'playwright-core'

import {
  adminToken,
  api,
  assert,
  Checks,
  createArticle,
  editorPage,
  gotoAdmin,
  type Journey,
  type JourneyContext,
  newPage,
  richText,
  screenshot,
} from '../helpers'
import { articlePath, openDocumentTakingOver } from '../reader'

const STORIES = [
  {
    zone: 'UTC',
    title: 'Night trains return to the northern line',
    slug: 'night-trains-return-to-the-northern-line',
    german: 'Nachtzüge kehren auf die Nordstrecke zurück',
  },
  {
    zone: 'Europe/Berlin',
    title: 'Ferry timetable extended into winter',
    slug: 'ferry-timetable-extended-into-winter',
    german: 'Fährfahrplan bis in den Winter verlängert',
  },
]
const GERMAN_BODY = 'Die Bahn setzt drei Nachtzugpaare pro Woche ein.'

/** The h1 of the German reader page, as an anonymous reader gets it. */
async function germanHeadline(base: string, slug: string): Promise<string> {
  const html = await (await fetch(`${base}${articlePath('de', slug)}`)).text()
  return html.match(/<h1[^>]*>([^<]*)/)?.[1]?.trim() ?? ''
}

const berlin = (at: Date) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Berlin',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  )
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  }
}
const utcTime = (at: Date) => at.toISOString().slice(11, 16)

async function openDrawer(page: Page, ctx: JourneyContext, id: string) {
  await openDocumentTakingOver(page, ctx, `/collections/articles/${id}?locale=de`)
  await page.locator('#field-title').waitFor()
  await page.locator('#action-save-popup button').first().click()
  await page.locator('#schedule-publish').click()
  await page.locator('#schedule-submit').waitFor()
}

export const editorSchedulesGerman: Journey = {
  id: 11,
  name: 'editor: schedules German in the newsroom zone from UTC and Berlin browsers; past refused; live at the time, no restart',
  async run(ctx) {
    const token = await adminToken(ctx)
    const ids: string[] = []
    for (const story of STORIES) {
      const id = await createArticle(ctx, {
        title: story.title,
        summary: 'Sleeper cars run to Hamburg again from December.',
        body: 'The railway runs three night train pairs a week.',
      })
      const draft = await api(ctx, `/api/articles/${id}?locale=de&draft=true`, {
        token,
        method: 'PATCH',
        body: { title: story.german, body: richText(GERMAN_BODY) },
      })
      assert(draft.status === 200, `German draft: ${draft.status} ${JSON.stringify(draft.body)}`)
      ids.push(id)
    }
    const checks = new Checks()
    const times: Date[] = []

    for (const [i, story] of STORIES.entries()) {
      const id = ids[i]
      const page = await editorPage(ctx, { timezoneId: story.zone })
      await openDrawer(page, ctx, id)
      const label = `(${story.zone} browser)`

      await checks.check(
        `defaults: Publish, German, Europe/Berlin with its offset ${label}`,
        async () => {
          assert((await page.locator('#schedule-type').inputValue()) === 'publish', 'type')
          assert((await page.locator('#schedule-locale').inputValue()) === 'de', 'locale')
          assert((await page.locator('#schedule-zone').inputValue()) === 'Europe/Berlin', 'zone')
          const shown = await page.locator('#schedule-zone option:checked').innerText()
          assert(/^\(UTC\+0[12]:00\) Berlin/.test(shown), `the zone reads "${shown}"`)
        },
      )

      // 58 minutes ago in Berlin wall time: what Payload's drawer sent from a UTC browser.
      const past = berlin(new Date(Date.now() - 58 * 60_000))
      await page.locator('#schedule-date').fill(past.date)
      await page.locator('#schedule-time').fill(past.time)
      await page.locator('#schedule-submit').click()
      await checks.check(`a past time is refused with the server's message ${label}`, async () => {
        const error = page.locator('#schedule-error')
        await error.waitFor({ timeout: 10_000 })
        const text = await error.innerText()
        assert(/in the past/.test(text), `the drawer says "${text}"`)
        const list = await api(ctx, `/api/articles/${id}/schedule`, { token })
        assert(list.body.docs?.length === 0, `queued: ${JSON.stringify(list.body)}`)
      })

      // The first whole minute at least 35 s ahead (the e2e server asks for 20 s).
      const at = new Date(Math.ceil((Date.now() + 35_000) / 60_000) * 60_000)
      const wall = berlin(at)
      await page.locator('#schedule-date').fill(wall.date)
      await page.locator('#schedule-time').fill(wall.time)
      await checks.check(
        `the drawer states the instant in Berlin time and UTC ${label}`,
        async () => {
          const text = await page.locator('#schedule-instant').innerText()
          assert(
            text.includes(`${wall.time} Berlin time (${utcTime(at)} UTC)`) && /German/.test(text),
            `the drawer says "${text}"`,
          )
        },
      )
      await page.locator('#schedule-submit').click()
      await checks.check(`the schedule is listed in the drawer ${label}`, async () => {
        await page.locator('#schedule-pending li').first().waitFor({ timeout: 10_000 })
        assert((await page.locator('#schedule-error').count()) === 0, 'an error is shown')
      })
      const listed = await api(ctx, `/api/articles/${id}/schedule`, { token })
      await checks.check(`the schedule: publish, German, at the chosen minute ${label}`, () => {
        const job = listed.body.docs?.[0]
        assert(job, `no schedule: ${JSON.stringify(listed.body)}`)
        assert(job.type === 'publish' && job.locale === 'de', `schedule ${JSON.stringify(job)}`)
        assert(
          new Date(job.at).getTime() === at.getTime(),
          `at ${job.at}, expected ${at.toISOString()}`,
        )
        assert(job.timezone === 'Europe/Berlin', `time zone ${job.timezone}`)
      })
      if (checks.ok && i === 0) await screenshot(page, '11-editor-schedules-german')
      await gotoAdmin(page, ctx, '') // leaving releases the document lock
      times.push(at)
    }

    // A language never published: the drawer offers Publish only, with the language select.
    const fresh = await api(ctx, '/api/articles?locale=de&draft=true', {
      token,
      body: { title: 'Entwurf ohne Veröffentlichung' },
    })
    assert(fresh.status === 201, `draft: ${fresh.status} ${JSON.stringify(fresh.body)}`)
    const page = await editorPage(ctx, { timezoneId: 'UTC' })
    await openDrawer(page, ctx, fresh.body.doc.id)
    await checks.check(
      'a never-published language defaults to Publish, Unpublish not offered',
      async () => {
        await page.waitForFunction(() => document.querySelector('#schedule-pending'))
        const options = await page.locator('#schedule-type option').allTextContents()
        assert(
          options.length === 1 && /Publish/.test(options[0]),
          `options ${JSON.stringify(options)}`,
        )
        assert((await page.locator('#schedule-type').inputValue()) === 'publish', 'type')
        assert(await page.locator('#schedule-locale').isVisible(), 'the language select is hidden')
      },
    )
    await gotoAdmin(page, ctx, '')

    // Until its time each German page stays as it was; after it, the German text, same server.
    for (const [i, story] of STORIES.entries()) {
      const at = times[i]
      let after = ''
      while (Date.now() < at.getTime() + 30_000) {
        const now = Date.now()
        const headline = await germanHeadline(ctx.base, story.slug)
        if (now < at.getTime() - 1_000)
          assert(
            headline === story.title,
            `${story.zone}: German page changed early: "${headline}"`,
          )
        if (headline === story.german) {
          after = headline
          break
        }
        await new Promise((resolve) => setTimeout(resolve, 1_000))
      }
      assert(after === story.german, `${story.zone}: 30 s after ${at.toISOString()} still English`)
      assert(Date.now() >= at.getTime() - 1_000, `${story.zone}: published before its time`)
    }

    // A reader's browser: the German title and body, and English unchanged.
    const reader = await newPage(ctx, { language: 'de' })
    await reader.goto(`${ctx.base}${articlePath('de', STORIES[0].slug)}`)
    await checks.check('the German reader page shows the German text', async () => {
      const h1 = (await reader.locator('h1').innerText()).trim()
      assert(h1 === STORIES[0].german, `h1 "${h1}"`)
      await reader.locator('.body', { hasText: GERMAN_BODY }).first().waitFor({ timeout: 5_000 })
    })
    await reader.goto(`${ctx.base}${articlePath('en', STORIES[0].slug)}`)
    await checks.check('the English reader page is unchanged', async () => {
      const h1 = (await reader.locator('h1').innerText()).trim()
      assert(h1 === STORIES[0].title, `h1 "${h1}"`)
    })
    checks.done()
  },
}
