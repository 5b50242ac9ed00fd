/**
 * Journey 10: an editor publishes the German title of an English article whose German body is
 * empty ("Publish in Deutsch", after a German draft): the German body editor stays empty after the
 * publish, without a reload (Payload #16303: the publish answer held the English fallback body and
 * the form showed it), and after a reload the fields show the published German values, not the
 * older draft (Payload #16395). The article list's "Live in" column reads "EN" before and
 * "EN · DE" after.
 */
import type { Page } from 'playwright-core'

import {
  adminToken,
  api,
  assert,
  Checks,
  clickAndWaitForSave,
  createArticle,
  editorPage,
  gotoAdmin,
  type Journey,
  screenshot,
  settle,
} from '../helpers'
import { openDocumentTakingOver } from '../reader'

const TITLE = 'Harbour ferries switch to batteries'
const SUMMARY = 'The city replaces its diesel ferries by the end of the year.'
const ENGLISH_BODY = 'The first electric ferry crossed the harbour on Monday morning.'
const GERMAN_DRAFT = 'Hafenfähren fahren mit Batterien (Entwurf)'
const GERMAN_TITLE = 'Hafenfähren fahren künftig mit Batterien'

/** The text in the body's editor (the only Lexical editor of the form). */
const bodyText = async (page: Page) =>
  (await page.locator('.rich-text-lexical [contenteditable="true"]').first().innerText()).trim()

/** The "Live in" cell of the article's row in the list (each language's state at a glance). */
async function liveInCell(page: Page, ctx: Parameters<Journey['run']>[0], id: string) {
  await gotoAdmin(page, ctx, '/collections/articles?locale=de')
  const row = page.locator('table tbody tr').filter({ has: page.locator(`a[href*="${id}"]`) })
  return (await row.locator('.cell-liveIn').innerText()).trim()
}

/** The German form: body and lead empty, the title as given, nothing of the English texts. */
async function checkGermanForm(checks: Checks, page: Page, when: string, title: string) {
  await page.locator('.rich-text-lexical [contenteditable="true"]').first().waitFor()
  await checks.check(`${when}: the German body editor is empty`, async () => {
    const text = await bodyText(page)
    assert(text === '', `it shows "${text.slice(0, 80)}"`)
  })
  await checks.check(`${when}: the German lead is empty`, async () => {
    const lead = await page.locator('#field-summary').inputValue()
    assert(lead === '', `it shows "${lead.slice(0, 80)}"`)
  })
  await checks.check(`${when}: the German title is "${title}"`, async () => {
    const value = await page.locator('#field-title').inputValue()
    assert(value === title, `it shows "${value}"`)
  })
}

export const editorPublishesGerman: Journey = {
  id: 10,
  name: 'editor: publish in German with the German body empty; the body stays empty, a reload shows the published values',
  async run(ctx) {
    const id = await createArticle(ctx, { title: TITLE, summary: SUMMARY, body: ENGLISH_BODY })
    const checks = new Checks()
    const page = await editorPage(ctx)
    const apiPath = new RegExp(`^/api/articles/${id}$`)
    await checks.check('the list shows the article live in English only', async () => {
      const live = await liveInCell(page, ctx, id)
      assert(live === 'EN', `"Live in" reads "${live}"`)
    })

    // The German locale of the English article: everything German is empty.
    await openDocumentTakingOver(page, ctx, `/collections/articles/${id}?locale=de`)
    await page.locator('#field-title').waitFor()
    await checkGermanForm(checks, page, 'on opening', '')

    // A German draft first (#16395 showed this older draft after the publish and a reload).
    await page.locator('#field-title').fill(GERMAN_DRAFT)
    await clickAndWaitForSave(page, '#action-save-draft', apiPath)
    await page.locator('#field-title').fill(GERMAN_TITLE)
    const publishLabel = (await page.locator('#action-save').innerText()).trim()
    await checks.check('the publish button publishes the German locale', () => {
      assert(/Deutsch/.test(publishLabel), `its label is "${publishLabel}"`)
    })
    const published = await clickAndWaitForSave(page, '#action-save', apiPath)
    await checks.check('the publish answer has no English body for German', () => {
      assert(published?.doc?.body == null, `body ${JSON.stringify(published?.doc?.body)}`)
    })
    // The form state built from the answer has been merged once the network is quiet.
    await page.locator('.doc-controls__status, .status').getByText('Published').first().waitFor()
    await checkGermanForm(checks, page, 'after the publish, no reload', GERMAN_TITLE)
    if (checks.ok) await screenshot(page, '10-editor-published-german-empty-body')

    // After a reload: the published German values.
    await page.reload()
    await settle(page)
    await page.locator('#field-title').waitFor()
    await checkGermanForm(checks, page, 'after a reload', GERMAN_TITLE)
    await checks.check('after a reload: the status is Published', async () => {
      await page
        .locator('.doc-controls__status, .status')
        .getByText('Published')
        .first()
        .waitFor({ timeout: 10_000 })
    })

    await checks.check('the list shows the article live in both languages', async () => {
      const live = await liveInCell(page, ctx, id)
      assert(live === 'EN · DE', `"Live in" reads "${live}"`)
    })

    // Stored: German title published, German body empty; English unchanged.
    const token = await adminToken(ctx)
    const stored = await api(ctx, `/api/articles/${id}?locale=all&depth=0&draft=true`, { token })
    await checks.check(
      'stored: German title published, German body null, English as it was',
      () => {
        const doc = stored.body
        assert(doc.title?.de === GERMAN_TITLE, `German title ${JSON.stringify(doc.title?.de)}`)
        assert(doc.body?.de == null, `German body ${JSON.stringify(doc.body?.de)?.slice(0, 80)}`)
        assert(doc._status?.de === 'published', `German status ${JSON.stringify(doc._status)}`)
        assert(doc.title?.en === TITLE && doc._status?.en === 'published', 'English changed')
      },
    )
    const reader = await api(ctx, `/api/articles/${id}?locale=de&depth=0`)
    await checks.check('anonymous German read: the published German title', () => {
      assert(reader.body.title === GERMAN_TITLE, `title ${JSON.stringify(reader.body.title)}`)
    })
    checks.done()
  },
}
