import type { Payload } from 'payload'

import { LOCALES } from './locales'

/** Creates the Locale document of every configured language that has none yet (first start). */
export async function ensureLocales(payload: Payload): Promise<void> {
  const { docs } = await payload.find({
    collection: 'locales',
    depth: 0,
    limit: 0,
    pagination: false,
  })
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
    payload.logger.debug(`Created the Locale document for "${locale.code}".`)
  }
}
