import crypto from 'node:crypto'

import type { CollectionBeforeValidateHook } from 'payload'
import { ValidationError } from 'payload'
import { nestedReq } from '../../utilities/nestedReq'

import { translate } from '../languages/translations'

/**
 * API keys must be hard to guess and belong to one user. The admin's "Generate new API key" button
 * makes a UUID in the browser (36 characters), which passes; a key typed by hand must be as long.
 * Applies to REST, GraphQL and the Local API alike (a collection hook).
 */
export const API_KEY_PATTERN = /^[A-Za-z0-9_-]{32,128}$/

export const validateApiKey: CollectionBeforeValidateHook = async ({
  collection,
  data,
  originalDoc,
  req,
}) => {
  const key = (data as { apiKey?: unknown } | undefined)?.apiKey
  if (key === undefined || key === null || key === '') return data
  const refuse = (message: string): never => {
    throw new ValidationError({
      collection: collection.slug,
      errors: [{ message, path: 'apiKey' }],
      req,
    })
  }
  if (typeof key !== 'string' || !API_KEY_PATTERN.test(key))
    refuse(translate(req.i18n, 'apiKeyFormat'))
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
  if (holder && String(holder.id) !== String(originalDoc?.id))
    refuse(translate(req.i18n, 'apiKeyTaken'))
  return data
}
