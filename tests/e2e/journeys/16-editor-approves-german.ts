/**
 * Journey 16: an editor approves the German text of an article (machine-translated from English),
 * edits one word, sees the review go stale ("Changed since review by Erin Editor on …"), and
 * approves again. The API says the same at each step (docs/ai-disclosure.md).
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
  type Journey,
  type JourneyContext,
  screenshot,
  settle,
  sidebarField,
} from '../helpers'
import { openDocumentTakingOver } from '../reader'

const TITLE = 'Night trains return to the Alps'
const GERMAN_TITLE = 'Nachtzüge kehren in die Alpen zurück'
const GERMAN_SUMMARY = 'Ab Dezember fahren wieder Nachtzüge nach Innsbruck.'

/** The review panel of the German version once it shows `state`. */
async function reviewPanel(page: Page, state: 'current' | 'none' | 'stale') {
  const panel = await sidebarField(page, `.ai-disclosure-review[data-review-state="${state}"]`)
  await panel.waitFor()
  return panel
}

/** Clicks "Approve this language version" and waits for the page to reload with the review. */
async function approve(page: Page) {
  const panel = page.locator('.ai-disclosure-review')
  await Promise.all([
    page.waitForResponse(
      (res) => /\/approve$/.test(new URL(res.url()).pathname) && res.request().method() === 'POST',
    ),
    panel.getByRole('button', { name: 'Approve this language version' }).click(),
  ])
  await page.waitForLoadState('load')
  await settle(page)
}

async function apiState(ctx: JourneyContext, id: string): Promise<string> {
  const { body } = await api(ctx, `/api/articles/${id}?locale=de&draft=true&depth=0`, {
    token: await adminToken(ctx),
  })
  return body.aiDisclosure?.reviewStatus
}

export const editorApprovesGerman: Journey = {
  id: 16,
  name: 'editor: approve the German text, edit one word, the review goes stale, approve again',
  async run(ctx) {
    const id = await createArticle(ctx, { title: TITLE, summary: 'From December.', body: 'Text.' })
    const german = await api(ctx, `/api/articles/${id}?locale=de`, {
      method: 'PATCH',
      token: await adminToken(ctx),
      body: {
        _status: 'published',
        title: GERMAN_TITLE,
        summary: GERMAN_SUMMARY,
        aiDisclosure: { origin: 'machine-translated', sourceLocale: 'en' },
      },
    })
    assert(german.status === 200, `German version: ${german.status} ${JSON.stringify(german.body)}`)
    const checks = new Checks()
    const page = await editorPage(ctx)
    await openDocumentTakingOver(page, ctx, `/collections/articles/${id}?locale=de`)
    await page.locator('#field-title').waitFor()

    await checks.check('the German text is not reviewed yet', async () => {
      await reviewPanel(page, 'none')
    })
    await approve(page)
    await checks.check('approved: the panel names the editor', async () => {
      const panel = await reviewPanel(page, 'current')
      const text = await panel.innerText()
      assert(text.includes('Reviewed by Erin Editor'), `the panel reads "${text}"`)
      assert((await apiState(ctx, id)) === 'current', 'the API does not say "current"')
    })

    // One word of the German lead changes: the review no longer covers the text.
    await page.locator('#field-summary').fill(GERMAN_SUMMARY.replace('wieder', 'erneut'))
    await clickAndWaitForSave(page, '#action-save-draft', new RegExp(`^/api/articles/${id}$`))
    await page.reload()
    await checks.check('after the edit: "Changed since review by Erin Editor"', async () => {
      const panel = await reviewPanel(page, 'stale')
      const text = await panel.innerText()
      assert(text.includes('Changed since review by Erin Editor'), `the panel reads "${text}"`)
      assert((await apiState(ctx, id)) === 'stale', 'the API does not say "stale"')
    })
    if (checks.ok) {
      // the panel in view in the sidebar (it scrolls on its own), the page at the top
      await page.locator('.ai-disclosure-review').evaluate((element) => {
        element.scrollIntoView({ block: 'center' })
        window.scrollTo(0, 0)
      })
      await screenshot(page, '16-editor-approves-german', { height: 640 })
    }

    await approve(page)
    await checks.check('approved again: current', async () => {
      await reviewPanel(page, 'current')
      assert((await apiState(ctx, id)) === 'current', 'the API does not say "current"')
    })
    checks.done()
  },
}
