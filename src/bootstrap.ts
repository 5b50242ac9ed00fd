import type { Payload } from 'payload'

import { LOCALES } from './locales'

/** Creates the Locale document of every configured language that has none yet (first start). */
export async function ensureLocales(payload: Payload): Promise<void> {
  const { docs } = await payload.find({ collection: 'locales', depth: 0, limit: 0, pagination: false })
  const existing = new Set(docs.map((doc) => doc.code))
  for (const locale of LOCALES) {
    if (existing.has(locale.code)) continue
    await payload.create({
      collection: 'locales',
      data: {
        code: locale.code,
        name: locale.label,
        nativeName: locale.nativeName,
        isDefault: locale.code === LOCALES[0].code,
        fallbackLocale: locale.fallbackLocale,
        labels: { ...locale.labels },
      },
    })
    payload.logger.info(`Created the Locale document for "${locale.code}".`)
  }
}

/** Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD when the database has no user yet. */
export async function ensureFirstAdmin(payload: Payload, env = process.env): Promise<boolean> {
  const email = env.ADMIN_EMAIL
  const password = env.ADMIN_PASSWORD
  if (!email || !password) return false
  const { totalDocs } = await payload.count({ collection: 'users' })
  if (totalDocs > 0) return false
  await payload.create({ collection: 'users', data: { email, password, roles: ['admin'] } })
  payload.logger.info(`Created the first admin ${email} from ADMIN_EMAIL.`)
  return true
}

const SEEDED_KEY = 'newsroom:first-start-seed'

/**
 * On the very first start (an empty database), imports seed/documents/ so a new user sees content
 * at once. Remembered in Payload's key-value store: deleting every article later does not re-seed.
 */
export async function seedOnFirstStart(payload: Payload, documentsDir: string): Promise<void> {
  if (await payload.kv.has(SEEDED_KEY)) return
  const { totalDocs } = await payload.count({ collection: 'articles' })
  if (totalDocs === 0) {
    const { importDocuments, formatSummary } = await import('../seed/import')
    const summary = await importDocuments(payload, [documentsDir])
    payload.logger.info(`First start: imported ${documentsDir}: ${formatSummary(summary)}`)
    for (const failure of summary.failed) payload.logger.warn(`${failure.file}: ${failure.reason}`)
  }
  await payload.kv.set(SEEDED_KEY, { at: new Date().toISOString() })
}
