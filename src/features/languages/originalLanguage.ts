import type { Field, FieldHook, PayloadRequest } from 'payload'
import { nestedReq } from '../../utilities/nestedReq'

import { DEFAULT_LOCALE } from './locales'

/**
 * The Locale document of the locale a new document is written in (the request's; the default
 * locale when it names none), so "Original language" is never empty on a new document and the
 * translation workflow knows its source language.
 */
export const localeOfRequest = async (req: PayloadRequest): Promise<string | undefined> => {
  const code = req.locale && req.locale !== 'all' ? req.locale : DEFAULT_LOCALE
  const { docs } = await req.payload.find({
    collection: 'locales',
    where: { code: { equals: code } },
    limit: 1,
    pagination: false,
    depth: 0,
    select: {},
    overrideAccess: true,
    req: nestedReq(req),
  })
  return docs[0]?.id
}

// A create that names no language (REST, GraphQL, the admin, Local API) gets its locale's.
const languageOnCreate: FieldHook = async ({ operation, req, value }) =>
  operation === 'create' && (value === undefined || value === null || value === '')
    ? ((await localeOfRequest(req)) ?? value)
    : value

/**
 * For a `language` relationship to `locales`: the admin's create form shows the locale it was
 * opened in (default value); the hook covers creates through the APIs that name none.
 */
export const originalLanguage = {
  defaultValue: ({ req }: { req: PayloadRequest }) => localeOfRequest(req),
  hooks: { beforeValidate: [languageOnCreate] },
} satisfies Partial<Field>
