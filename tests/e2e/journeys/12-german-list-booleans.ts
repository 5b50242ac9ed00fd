/**
 * Journey 12: in the German admin, boolean columns of list views read "ja"/"nein" (Payload's words
 * were "wahr"/"falsch"): images (AI-generated, placeholder), locales (default) and articles with
 * the "reported by AI" column; the English admin reads "yes"/"no".
 */
import type { Page } from 'playwright-core'

import { assert, Checks, editorPage, gotoAdmin, type Journey, screenshot } from '../helpers'

/** The texts of the boolean cells of the list on the page (Payload's `.bool-cell`). */
async function booleanCells(page: Page): Promise<string[]> {
  await page.locator('table tbody tr').first().waitFor()
  return (await page.locator('table tbody .bool-cell').allInnerTexts()).map((t) => t.trim())
}

const LISTS = [
  ['images', '/collections/images'],
  ['locales', '/collections/locales'],
  [
    'articles with "migrated, to be confirmed"',
    `/collections/articles?columns=${encodeURIComponent(JSON.stringify(['title', 'aiDisclosure.migrated']))}`,
  ],
] as const

export const germanListBooleans: Journey = {
  id: 12,
  name: 'German admin: boolean list columns read ja/nein (English: yes/no)',
  async run(ctx) {
    const checks = new Checks()
    for (const [language, words] of [
      ['de', ['ja', 'nein']],
      ['en', ['yes', 'no']],
    ] as const) {
      const page = await editorPage(ctx, { language })
      for (const [name, path] of LISTS) {
        await gotoAdmin(page, ctx, path)
        await checks.check(`${language}: ${name} list`, async () => {
          const cells = await booleanCells(page)
          assert(cells.length > 0, 'no boolean column')
          const other = cells.filter((t) => !(words as readonly string[]).includes(t))
          assert(other.length === 0, `cells read ${JSON.stringify([...new Set(cells)])}`)
        })
        if (language === 'de' && name === 'images' && checks.ok)
          await screenshot(page, '12-german-list-booleans', { height: 420 })
      }
    }
    checks.done()
  },
}
