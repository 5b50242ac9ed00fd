/**
 * Journey 8: an editor opens the seed article with live preview, changes the title and saves a
 * draft: the preview beside the form reloads with the new title, while the public page (and the
 * preview URL opened by anyone not logged in) still shows the published one.
 */
import {
  assert,
  clickAndWaitForSave,
  editorPage,
  gotoAdmin,
  type Journey,
  newPage,
  screenshot,
  seedArticle,
} from '../helpers'
import { articlePath, openDocumentTakingOver } from '../reader'

export const editorLivePreview: Journey = {
  id: 8,
  name: 'editor: unpublished change visible in live preview, not on the public page',
  async run(ctx) {
    const seed = await seedArticle(ctx)
    const published = (await (await fetch(`${ctx.base}${articlePath('en')}`)).text()).match(
      /<h1[^>]*>([^<]*)/,
    )?.[1]
    assert(published, 'the public page has no title')
    const changed = `${seed.title.en} – live update`

    const page = await editorPage(ctx)
    await openDocumentTakingOver(page, ctx, `/collections/articles/${seed.id}?locale=en`)
    await page.locator('#live-preview-toggler').click()
    const frame = page.frameLocator('iframe[src*="preview=1"]')
    await frame.locator('.preview-notice').waitFor({ timeout: 30_000 })
    const src = await page.locator('iframe[src*="preview=1"]').getAttribute('src')
    assert(src?.endsWith(`${articlePath('en')}?preview=1`), `live preview URL ${src}`)

    // The form can still re-render once after the preview loads, dropping what was typed: type
    // again until the title holds and Save Draft is enabled.
    const titleField = page.locator('#field-title')
    for (let attempt = 0; attempt < 5; attempt++) {
      await titleField.fill(changed)
      await page.waitForTimeout(500)
      if (
        (await titleField.inputValue()) === changed &&
        (await page.locator('#action-save-draft').isEnabled())
      )
        break
    }
    await clickAndWaitForSave(page, '#action-save-draft', new RegExp(`^/api/articles/${seed.id}$`))
    await frame.locator('h1', { hasText: 'live update' }).waitFor({ timeout: 30_000 })
    await screenshot(page, '8-editor-live-preview')
    // Leaving the document releases its lock for the next person.
    await gotoAdmin(page, ctx, '')

    // Readers still get the published article; the preview URL without a login shows nothing of the draft.
    const reader = await newPage(ctx)
    await reader.goto(`${ctx.base}${articlePath('en')}`)
    const title = await reader.locator('h1').innerText()
    assert(!title.includes('live update'), `the public page shows the draft title "${title}"`)
    const previewResponse = await reader.goto(`${ctx.base}${articlePath('en')}?preview=1`)
    assert(
      previewResponse?.status() === 401,
      `anonymous preview answered ${previewResponse?.status()}`,
    )
    assert(
      !(await reader.content()).includes('live update'),
      'the anonymous preview URL shows the draft',
    )
  },
}
