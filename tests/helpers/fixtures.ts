import sharp from 'sharp'
import type { Payload } from 'payload'

/** A small real PNG (sharp), so uploads go through Payload's image pipeline. */
export async function pngFile(name = 'test.png', colour = '#8899aa') {
  const data = await sharp({ create: { width: 480, height: 270, channels: 3, background: colour } })
    .png()
    .toBuffer()
  return { data, mimetype: 'image/png', name, size: data.length }
}

export async function createImage(
  payload: Payload,
  alt: string,
  aiGenerated = false,
  locale: 'en' | 'de' = 'en',
) {
  return payload.create({
    collection: 'images',
    locale,
    data: { alt, aiGenerated },
    file: await pngFile(`${alt.slice(0, 12).replace(/\W+/g, '-') || 'image'}.png`),
  })
}

/**
 * Nested array rows must exist before their texts can be translated: gives the consent setting's
 * first category a service, so tests generated from the config reach the service texts too.
 */
export async function ensureConsentService(payload: Payload) {
  const consent = await payload.findGlobal({ slug: 'consent', depth: 0 })
  const [first, ...others] = consent.categories ?? []
  if (!first || first.services?.length) return
  const services = [{ name: 'Example analytics', cookies: ['_ex_id'] }]
  await payload.updateGlobal({
    slug: 'consent',
    data: { categories: [{ ...first, services }, ...others] } as never,
  })
}
