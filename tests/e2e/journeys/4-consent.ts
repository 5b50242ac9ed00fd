/**
 * Journey 4: an editor changes the German texts of the consent setting (cookie banner) in the admin;
 * anonymous REST returns them for `locale=de` and the English texts stay as they were.
 */
import * as e2e from '../helpers'

const GERMAN = {
  title: 'Wir respektieren Ihre Privatsphäre',
  text: 'Mit Ihrer Zustimmung messen wir anonym, welche Artikel gelesen werden. Sie können Ihre Wahl jederzeit ändern.',
  acceptLabel: 'Alle akzeptieren',
  rejectLabel: 'Nur notwendige',
}

export const consentTexts: e2e.Journey = {
  id: 4,
  name: 'editor: German consent texts changed in the admin, anonymous REST returns them',
  async run(ctx) {
    const before = await e2e.api(ctx, '/api/globals/consent?locale=en')
    e2e.assert(before.status === 200, `GET consent (en): ${before.status}`)

    const page = await e2e.editorPage(ctx)
    await e2e.gotoAdmin(page, ctx, '/globals/consent?locale=de')
    for (const [name, value] of Object.entries(GERMAN)) {
      await page.locator(`#field-${name}`).fill(value)
    }
    const saved = await e2e.clickAndWaitForSave(page, '#action-save', /^\/api\/globals\/consent$/)
    e2e.assert(
      saved.result?.title === GERMAN.title || saved.doc?.title === GERMAN.title,
      `save answered ${JSON.stringify(saved).slice(0, 300)}`,
    )
    await page.locator('#field-title').scrollIntoViewIfNeeded()
    await e2e.screenshot(page, '4-editor-consent-german')

    const de = await e2e.api(ctx, '/api/globals/consent?locale=de')
    e2e.assert(de.status === 200, `GET consent (de): ${de.status}`)
    for (const [name, value] of Object.entries(GERMAN)) {
      e2e.assert(
        de.body[name] === value,
        `anonymous REST (de) ${name}: ${JSON.stringify(de.body[name])}, expected ${JSON.stringify(value)}`,
      )
    }
    const en = await e2e.api(ctx, '/api/globals/consent?locale=en')
    for (const name of Object.keys(GERMAN)) {
      e2e.assert(
        en.body[name] === before.body[name],
        `the English ${name} changed: ${JSON.stringify(en.body[name])}`,
      )
    }
  },
}
