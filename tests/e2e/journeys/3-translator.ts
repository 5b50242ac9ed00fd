/**
 * Journey 3: a translator logs in with the German admin UI, opens the English seed article in the
 * German locale, sees the English source beside the German fields, fills the German title and lead,
 * and can neither edit the English or non-localized fields nor publish.
 *
 * Contract of the roles work (not all of it in the app yet): users have `roles` incl. `translator` and
 * `translatorLocales` (default ['de']); a translator may update only localized fields in those
 * locales and never publish; a `SourceText` component shows the English source under each German
 * field with the heading "English source" / "Englische Vorlage".
 */
import type { Locator, Page } from 'playwright-core'

import {
  adminToken,
  api,
  assert,
  Checks,
  clickAndWaitForSave,
  createUser,
  gotoAdmin,
  type Journey,
  loggedInPage,
  loginToken,
  screenshot,
  seedArticle,
  sidebarField,
} from '../helpers'

const GERMAN_TITLE = 'Nordkoreas Kim gratuliert laotischem Präsidenten zur Wiederwahl'
const GERMAN_SUMMARY =
  'Kim Jong-un hat dem laotischen Präsidenten Thongloun Sisoulith zur Wiederwahl als Parteichef gratuliert und eine engere Zusammenarbeit angekündigt.'
const SOURCE_HEADING = 'Englische Vorlage'

export const translatorGerman: Journey = {
  id: 3,
  name: 'translator: German UI, English source beside the German fields, German title and lead, no English/non-localized edits, no publish',
  async run(ctx) {
    const seed = await seedArticle(ctx)
    const english = {
      title: seed.title.en as string,
      summary: seed.summary.en as string,
      slug: seed.slug as string,
    }
    const translator = await createUser(ctx, 'translator@newsroom.test', {
      name: 'Tilda Translator',
      roles: ['translator'],
      translatorLocales: ['de'],
    })
    // Every check runs; the journey reports all that fail (some wait on the roles work).
    const checks = new Checks()

    // German admin UI: Payload keeps the admin language in the `payload-lng` cookie.
    const page = await loggedInPage(ctx, translator, { language: 'de' })
    await checks.check('German admin UI', async () => {
      assert(
        (await page.locator('html').getAttribute('lang')) === 'de',
        `<html lang="${await page.locator('html').getAttribute('lang')}">`,
      )
    })

    // The dashboard lists what still needs German, the seed article among it.
    await gotoAdmin(page, ctx, '')
    await checks.check('dashboard lists the article missing German', async () => {
      await page.getByText(english.title).first().waitFor({ timeout: 10_000 })
    })
    await checks.check('dashboard: the article is not live in German', async () => {
      const row = page.locator('.missing-translations tr', { hasText: english.title }).first()
      const cells = (await row.locator('td').allInnerTexts()).map((t) => t.trim())
      assert(cells.at(-1) === 'nein', `row ${JSON.stringify(cells)}`)
    })

    // The German list: the untranslated article shows its English title marked "[EN]", not "<No Title>".
    await gotoAdmin(page, ctx, '/collections/articles?locale=de')
    await checks.check('German list shows the source title marked [EN]', async () => {
      await page
        .getByRole('link', { name: `[EN] ${english.title}` })
        .first()
        .waitFor({ timeout: 10_000 })
    })

    // The English article, German locale.
    await gotoAdmin(page, ctx, `/collections/articles/${seed.id}?locale=de`)
    await page.locator('#field-title').waitFor()
    await checks.check('German field labels', async () => {
      const label = await page.locator('label[for="field-title"]').innerText()
      assert(label.includes('Titel'), `title label "${label}"`)
    })

    // The English source next to the German title and lead (the SourceText component).
    await checks.check('English source beside the German title', async () => {
      await assertNear(
        await sourceBlockContaining(page, english.title),
        page.locator('#field-title'),
        'title',
      )
    })
    await checks.check('English source beside the German lead', async () => {
      await assertNear(
        await sourceBlockContaining(page, english.summary),
        page.locator('#field-summary'),
        'lead',
      )
    })

    // Non-localized fields are read-only for a translator, and there is no Publish button.
    await checks.check('slug (not localized) read-only', async () => {
      assert(await page.locator('#field-slug').isDisabled(), 'the slug field is editable')
    })
    await checks.check(
      "the German text's origin is the translator's to state (localized)",
      async () => {
        const origin = await sidebarField(page, '#field-aiDisclosure__origin')
        assert(
          !(await origin.locator('.rs__control--is-disabled').count()),
          'the origin is read-only',
        )
      },
    )
    await checks.check('no Publish button', async () => {
      const publish = page.locator('#action-save')
      assert(
        (await publish.count()) === 0 || (await publish.isDisabled()),
        'an enabled Publish button is shown',
      )
    })

    // Fill the German title and lead and save them (as a draft: translators do not publish).
    const saved = await checks.check('German title and lead saved from the admin', async () => {
      await page.locator('#field-title').fill(`${GERMAN_TITLE} (Entwurf)`)
      await page.locator('#field-summary').fill(GERMAN_SUMMARY)
      await clickAndWaitForSave(
        page,
        '#action-save-draft',
        new RegExp(`^/api/articles/${seed.id}$`),
      )
      // A second save of the reloaded form: the still-empty German body must stay empty (the admin
      // shows the English fallback there after a save).
      await page.locator('#field-title:not([disabled])').waitFor({ timeout: 10_000 })
      await page.locator('#field-title').fill(GERMAN_TITLE)
      await clickAndWaitForSave(
        page,
        '#action-save-draft',
        new RegExp(`^/api/articles/${seed.id}$`),
      )
    })
    await checks.check('German title still editable after saving', async () => {
      await page.locator('#field-title:not([disabled])').waitFor({ timeout: 10_000 })
    })
    if (saved && checks.ok) {
      await page
        .locator('#field-title')
        .evaluate((element) => element.scrollIntoView({ block: 'center' }))
      await screenshot(page, '3-translator-german-fields-english-source')
    }

    // The English fields are read-only in the English locale.
    await gotoAdmin(page, ctx, `/collections/articles/${seed.id}?locale=en`)
    await page.locator('#field-title').waitFor()
    await checks.check('English title read-only', async () => {
      assert(await page.locator('#field-title').isDisabled(), 'the English title is editable')
    })
    await checks.check('English lead read-only', async () => {
      assert(await page.locator('#field-summary').isDisabled(), 'the English lead is editable')
    })

    // The same rules in the API.
    const token = await loginToken(ctx, translator)
    await checks.check('REST: a translator cannot publish', async () => {
      const res = await api(ctx, `/api/articles/${seed.id}?locale=de`, {
        token,
        method: 'PATCH',
        body: { _status: 'published' },
      })
      assert(res.status >= 400, `PATCH _status=published answered ${res.status}`)
    })
    const englishTry = await api(ctx, `/api/articles/${seed.id}?locale=en&draft=true`, {
      token,
      method: 'PATCH',
      body: { title: 'Changed by a translator' },
    })
    const slugTry = await api(ctx, `/api/articles/${seed.id}?locale=de&draft=true`, {
      token,
      method: 'PATCH',
      body: { slug: 'changed-by-a-translator' },
    })

    // What was saved: the German title and lead; English and non-localized fields unchanged.
    const after = await api(ctx, `/api/articles/${seed.id}?locale=all&depth=0&draft=true`, {
      token: await adminToken(ctx),
    })
    assert(after.status === 200, `GET the article as admin: ${after.status}`)
    await checks.check('German title and lead stored', () => {
      assert(
        after.body.title?.de === GERMAN_TITLE,
        `German title ${JSON.stringify(after.body.title?.de)}`,
      )
      assert(
        after.body.summary?.de === GERMAN_SUMMARY,
        `German lead ${JSON.stringify(after.body.summary?.de)}`,
      )
    })
    await checks.check('German body still empty (no English fallback saved as German)', () => {
      assert(
        after.body.body?.de == null,
        `German body ${JSON.stringify(after.body.body?.de)?.slice(0, 80)}`,
      )
    })
    await checks.check('REST: English title unchanged', () => {
      assert(
        after.body.title?.en === english.title,
        `PATCH answered ${englishTry.status}, English title now "${after.body.title?.en}"`,
      )
      assert(after.body.summary?.en === english.summary, 'the English lead changed')
    })
    await checks.check('REST: slug (not localized) unchanged', () => {
      assert(
        after.body.slug === english.slug,
        `PATCH answered ${slugTry.status}, slug now "${after.body.slug}"`,
      )
    })
    await checks.check('the published article stays public', async () => {
      const published = await api(ctx, `/api/articles/${seed.id}?locale=en`)
      assert(
        published.status === 200 && published.body._status === 'published',
        `anonymous GET: ${published.status} ${published.body._status}`,
      )
    })
    checks.done()
  },
}

/**
 * The SourceText block ("Englische Vorlage" heading and the English text) that shows this text:
 * the nearest element around a heading that also contains the text. The component loads the source
 * after the form, so this polls for a few seconds.
 */
async function sourceBlockContaining(page: Page, text: string): Promise<Locator> {
  const headings = page.getByText(SOURCE_HEADING, { exact: true })
  await headings
    .first()
    .waitFor({ timeout: 5_000 })
    .catch(() => {})
  assert(
    (await headings.count()) > 0,
    `no "${SOURCE_HEADING}" (the SourceText component) on the German edit view`,
  )
  const needle = text.replace(/\s+/g, ' ').trim().slice(0, 60)
  const deadline = Date.now() + 10_000
  do {
    const count = await headings.count()
    for (let i = 0; i < count; i++) {
      for (let up = 1; up <= 3; up++) {
        const block = headings.nth(i).locator(`xpath=${Array(up).fill('..').join('/')}`)
        if ((await block.innerText()).replace(/\s+/g, ' ').includes(needle)) return block
      }
    }
    await page.waitForTimeout(250)
  } while (Date.now() < deadline)
  throw new Error(`no "${SOURCE_HEADING}" block shows the English text "${needle}…"`)
}

/** The source block is next to the field: within 250 px above or below it. */
async function assertNear(block: Locator, field: Locator, name: string): Promise<void> {
  const [a, b] = [await block.boundingBox(), await field.boundingBox()]
  assert(a && b, `the ${name} field or its English source is not visible`)
  const gap = Math.max(0, a.y - (b.y + b.height), b.y - (a.y + a.height))
  assert(
    gap < 250,
    `the English ${name} is ${Math.round(gap)} px away from the German ${name} field`,
  )
}
