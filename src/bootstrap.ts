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
        fallbackLocale: 'fallbackLocale' in locale ? locale.fallbackLocale : undefined,
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
