import crypto from 'node:crypto'

import type { CollectionBeforeValidateHook } from 'payload'
import { ValidationError } from 'payload'
import { nestedReq } from '../../utilities/nestedReq'

/**
 * API keys must be hard to guess and belong to one user. The admin's "Generate new API key" button
 * makes a UUID in the browser (36 characters), which passes; a key typed by hand must be as long.
 * Applies to REST, GraphQL and the Local API alike (a collection hook).
 */
export const API_KEY_PATTERN = /^[A-Za-z0-9_-]{32,128}$/

const messages = {
  format: {
    en: 'An API key must be 32 to 128 letters, digits, "-" or "_". Use "Generate new API key".',
    de: 'Ein API-Schlüssel muss aus 32 bis 128 Buchstaben, Ziffern, „-“ oder „_“ bestehen. Verwenden Sie „Neuen API-Schlüssel generieren“.',
  },
  taken: {
    en: 'This API key belongs to another user. Use "Generate new API key".',
    de: 'Dieser API-Schlüssel gehört einem anderen Benutzer. Verwenden Sie „Neuen API-Schlüssel generieren“.',
  },
}

export const validateApiKey: CollectionBeforeValidateHook = async ({
  collection,
  data,
  originalDoc,
  req,
}) => {
  const key = (data as { apiKey?: unknown } | undefined)?.apiKey
  if (key === undefined || key === null || key === '') return data
  const lang = req.i18n?.language === 'de' ? 'de' : 'en'
  const refuse = (message: string): never => {
    throw new ValidationError({
      collection: collection.slug,
      errors: [{ message, path: 'apiKey' }],
      req,
    })
  }
  if (typeof key !== 'string' || !API_KEY_PATTERN.test(key)) refuse(messages.format[lang])
  // Payload finds a key by this index (setAPIKeyIndex: HMAC-SHA256 with the secret, hex).
  const index = crypto
    .createHmac('sha256', req.payload.secret)
    .update(key as string)
    .digest('hex')
  const holder = await req.payload.db.findOne<{ id: number | string }>({
    collection: collection.slug,
    where: { apiKeyIndex: { equals: index } },
    req: nestedReq(req),
  })
  if (holder && String(holder.id) !== String(originalDoc?.id)) refuse(messages.taken[lang])
  return data
}
