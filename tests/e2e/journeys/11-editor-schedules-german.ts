/**
 * Journey 11: an editor schedules the German publication of a translated article (German draft
 * saved, English live) in the admin's schedule drawer, for the first minute it offers (the time
 * zone Europe/Berlin offered first and preselected). The German reader page shows the English
 * fallback until then and the German text after, with the same server process throughout (its
 * job runner ticks every second in the e2e server, see run.ts).
 */
import {
  adminToken,
  api,
  assert,
  Checks,
  createArticle,
  editorUser,
  gotoAdmin,
  type Journey,
  loginUI,
  newPage,
  richText,
  screenshot,
} from '../helpers'
import { articlePath, openDocumentTakingOver } from '../reader'

const TITLE = 'Night trains return to the northern line'
const SLUG = 'night-trains-return-to-the-northern-line'
const GERMAN = {
  title: 'Nachtzüge kehren auf die Nordstrecke zurück',
  summary: 'Ab Dezember fahren wieder Schlafwagen nach Hamburg.',
  body: 'Die Bahn setzt drei Nachtzugpaare pro Woche ein.',
}

/** The h1 of the German reader page, as an anonymous reader gets it. */
async function germanHeadline(base: string): Promise<string> {
  const html = await (await fetch(`${base}${articlePath('de', SLUG)}`)).text()
  return html.match(/<h1[^>]*>([^<]*)/)?.[1]?.trim() ?? ''
}

const berlinTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Berlin',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** The next moment (within three minutes) whose Berlin wall-clock time is `hhmm` ("15:07"). */
function minuteAt(hhmm: string): Date | undefined {
  const next = Math.ceil(Date.now() / 60_000) * 60_000
  for (let m = 0; m < 3; m++) {
    const t = new Date(next + m * 60_000)
    if (berlinTime.format(t) === hhmm) return t
  }
  return undefined
}

export const editorSchedulesGerman: Journey = {
  id: 11,
  name: 'editor: schedules the German publication one minute ahead; the German reader page changes at that time, no restart',
  async run(ctx) {
    const id = await createArticle(ctx, {
      title: TITLE,
      summary: 'Sleeper cars run to Hamburg again from December.',
      body: 'The railway runs three night train pairs a week.',
    })
    // The translation, saved as a German draft (not published).
    const draft = await api(ctx, `/api/articles/${id}?locale=de&draft=true`, {
      token: await adminToken(ctx),
      method: 'PATCH',
      body: { ...GERMAN, body: richText(GERMAN.body) },
    })
    assert(draft.status === 200, `German draft: ${draft.status} ${JSON.stringify(draft.body)}`)
    const checks = new Checks()

    // Before: the German page shows the English text (German is not live).
    const before = await germanHeadline(ctx.base)
    assert(before === TITLE, `German reader page before the schedule: h1 "${before}"`)

    const page = await newPage(ctx)
    await loginUI(page, ctx, await editorUser(ctx))
    await openDocumentTakingOver(page, ctx, `/collections/articles/${id}?locale=de`)
    await page.locator('#field-title').waitFor()
    await page.locator('#action-save-popup button').first().click()
    await page.locator('#schedule-publish').click()
    const drawer = page.locator('.schedule-publish')
    await drawer.locator('#scheduled-publish-save').waitFor()

    // A publication (for a locale that was never published Payload preselects "Unpublish").
    await drawer.locator('.schedule-publish__type li').first().locator('.radio-input').click()

    // Time zone: Berlin preselected and first in the list.
    const picker = drawer.locator('.timezone-picker')
    await checks.check('time zone Europe/Berlin preselected', async () => {
      const shown = await picker.innerText()
      assert(/Berlin/.test(shown), `the picker shows "${shown}"`)
    })
    await picker.locator('.rs__control').click()
    await checks.check('time zone Europe/Berlin offered first', async () => {
      const first = await page.locator('.rs__option').first().innerText()
      assert(/Berlin/.test(first), `the first option is "${first}"`)
    })
    // (Escape would close the drawer.)
    await page.locator('.rs__option').first().click()

    // Today, the first time the picker allows at least 10 s ahead (the next whole minute or the
    // one after), in Berlin time.
    await drawer.locator('#time input, .date-time-picker input').first().click()
    await page.locator('.react-datepicker__day--today').first().click()
    const slots = page.locator(
      '.react-datepicker__time-list-item:not(.react-datepicker__time-list-item--disabled)',
    )
    await slots.first().waitFor()
    let at: Date | undefined
    for (let i = 0; i < 3 && !at; i++) {
      const slot = slots.nth(i)
      const candidate = minuteAt((await slot.innerText()).trim())
      if (candidate && candidate.getTime() - Date.now() >= 10_000) {
        await slot.click()
        at = candidate
      }
    }
    assert(at, 'the time list offers no minute within the next two')

    // Only German.
    const localeSelect = drawer.locator('.schedule-publish__scheduler .react-select').last()
    await localeSelect.locator('.rs__control').click()
    await page.locator('.rs__option', { hasText: 'Deutsch' }).click()
    await drawer.locator('#scheduled-publish-save').click()
    await checks.check('the schedule is listed under upcoming events', async () => {
      await drawer
        .locator('.schedule-publish__upcoming table tbody tr')
        .first()
        .waitFor({ timeout: 10_000 })
    })
    const listed = await api(ctx, `/api/articles/${id}/schedule`, { token: await adminToken(ctx) })
    await checks.check('the schedule: publish, German, at the chosen minute', () => {
      const job = listed.body.docs?.[0]
      assert(job, `no schedule: ${JSON.stringify(listed.body)}`)
      assert(job.type === 'publish' && job.locale === 'de', `schedule ${JSON.stringify(job)}`)
      assert(
        new Date(job.at).getTime() === at!.getTime(),
        `at ${job.at}, expected ${at!.toISOString()}`,
      )
      assert(job.timezone === 'Europe/Berlin', `time zone ${job.timezone}`)
    })
    if (checks.ok) await screenshot(page, '11-editor-schedules-german')
    await gotoAdmin(page, ctx, '') // leaving releases the document lock

    // Until the time the German page stays as it was; after it, the German text, same server.
    let after = ''
    const deadline = at.getTime() + 30_000
    while (Date.now() < deadline) {
      const now = Date.now()
      const headline = await germanHeadline(ctx.base)
      if (now < at.getTime() - 1_000)
        assert(headline === TITLE, `the German page changed before the time: h1 "${headline}"`)
      if (headline === GERMAN.title) {
        after = headline
        break
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000))
    }
    assert(
      after === GERMAN.title,
      `30 s after ${at.toISOString()} the German page still shows "${await germanHeadline(ctx.base)}"`,
    )
    assert(Date.now() >= at.getTime() - 1_000, 'published before its time')

    // A reader's browser: the German title and body, and English unchanged.
    const reader = await newPage(ctx, { language: 'de' })
    await reader.goto(`${ctx.base}${articlePath('de', SLUG)}`)
    await checks.check('the German reader page shows the German text', async () => {
      const h1 = (await reader.locator('h1').innerText()).trim()
      assert(h1 === GERMAN.title, `h1 "${h1}"`)
      await reader.locator('.body', { hasText: GERMAN.body }).first().waitFor({ timeout: 5_000 })
    })
    await reader.goto(`${ctx.base}${articlePath('en', SLUG)}`)
    await checks.check('the English reader page is unchanged', async () => {
      const h1 = (await reader.locator('h1').innerText()).trim()
      assert(h1 === TITLE, `h1 "${h1}"`)
    })
    checks.done()
  },
}
