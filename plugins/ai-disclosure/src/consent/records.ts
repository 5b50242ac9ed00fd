import type {
  Access,
  CollectionAfterChangeHook,
  CollectionBeforeValidateHook,
  CollectionConfig,
  Field,
  PayloadRequest,
} from 'payload'

import { createHash, createHmac, randomUUID, timingSafeEqual } from 'crypto'
import { APIError, parseCookies } from 'payload'

import type { ConsentOptions } from '../types'

import { CONSENT_GLOBAL_SLUG, CONSENT_RECORDS_SLUG } from '../constants'
import { anyone, nobody } from '../utilities/access'
import { browserFamily, defaultGetClientIP, hashIP } from '../utilities/client'
import { loose } from '../utilities/loose'
import { createRateLimiter } from '../utilities/rateLimit'
import { staticLabel, td, tl } from '../utilities/translate'
import { NECESSARY_KEY } from './defaults'
import { nestedReq } from '../utilities/nestedReq'

export const ACCEPT_TYPES = ['all', 'custom', 'necessary'] as const
export type AcceptType = (typeof ACCEPT_TYPES)[number]

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DEFAULT_MAX_BODY_SIZE = 4096
const DEFAULT_RATE_LIMIT = { max: 10, window: 60_000 }

/**
 * A rejected consent record (400/429) with a message the client sees. Its own name lets the plugin
 * log it at `info` (like Payload's ValidationError) instead of as a server error.
 */
export class ConsentRecordError extends APIError {
  constructor(message: string, status = 400) {
    super(message, status, null, true)
    this.name = 'ConsentRecordError'
  }
}

const badRequest = (message: string): ConsentRecordError => new ConsentRecordError(message, 400)

/**
 * Who may add records under an existing consentId: the browser it was issued to. Each record over
 * HTTP answers with this HttpOnly cookie, an HMAC of the id under the Payload secret; page scripts,
 * which see the id (cookie, `newsroom:consent` event), cannot read it. A new id needs no proof.
 */
export const CONSENT_PROOF_COOKIE = 'consent_proof'
const PROOF_MAX_AGE = 182 * 24 * 60 * 60

const proofKeys = new WeakMap<object, Buffer>()
const proofFor = (req: PayloadRequest, consentId: string): string => {
  let key = proofKeys.get(req.payload)
  if (!key) {
    key = createHash('sha256').update(`ai-disclosure:consent-proof:${req.payload.secret}`).digest()
    proofKeys.set(req.payload, key)
  }
  return createHmac('sha256', key).update(consentId.toLowerCase()).digest('base64url')
}
const holdsConsentId = (req: PayloadRequest, consentId: string): boolean => {
  const sent = req.headers ? parseCookies(req.headers).get(CONSENT_PROOF_COOKIE) : undefined
  if (!sent) return false
  const expected = Buffer.from(proofFor(req, consentId))
  const given = Buffer.from(sent)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** Sets the proof cookie on the answer to a record made over HTTP. */
const issueConsentProof: CollectionAfterChangeHook = ({ doc, operation, req }) => {
  if (operation !== 'create' || req.payloadAPI === 'local' || typeof doc?.consentId !== 'string')
    return doc
  const secure = (() => {
    try {
      return new URL(req.payload.config.serverURL || req.url || '').protocol === 'https:'
    } catch {
      return false
    }
  })()
  const cookie = `${CONSENT_PROOF_COOKIE}=${proofFor(req, doc.consentId)}; Path=/; Max-Age=${PROOF_MAX_AGE}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`
  req.responseHeaders ??= new Headers()
  req.responseHeaders.append('Set-Cookie', cookie)
  return doc
}

const list = (items: string[]): string => items.map((item) => `"${item}"`).join(', ')

const parseKeys = (value: unknown, name: string): string[] | undefined => {
  if (value === undefined || value === null) {
    return undefined
  }
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw badRequest(`${name} must be a list of category keys.`)
  }
  return [...new Set(value as string[])]
}

/**
 * The bytes of `value` as JSON, counted without serializing it and iteratively (a body nested
 * 100,000 levels deep overflowed `JSON.stringify`'s stack: a 500); stops counting once over `max`,
 * so the cost is bounded by `max` whatever the value's size.
 */
export function jsonSizeUpTo(value: unknown, max: number): number {
  let size = 0
  const stack: unknown[] = [value]
  while (stack.length && size <= max) {
    const node = stack.pop()
    if (node === null || node === undefined) size += 4
    else if (typeof node === 'string') size += Buffer.byteLength(node, 'utf8') + 2
    else if (Array.isArray(node)) {
      size += 2
      for (let i = 0; i < node.length && size <= max; i++) {
        size += i ? 1 : 0 // comma
        stack.push(node[i])
      }
    } else if (typeof node === 'object') {
      size += 2
      for (const key in node) {
        if (!Object.hasOwn(node, key)) continue
        size += Buffer.byteLength(key, 'utf8') + 4 // "key": and a comma
        stack.push((node as Record<string, unknown>)[key])
        if (size > max) break
      }
    } else size += String(node).length
  }
  return size
}

/**
 * Validates a consent decision and adds what only the server may set (time, IP hash, browser
 * family, consent ID if absent). Rejects with 400 (invalid, too large) or 429 (rate limit).
 */
const createValidateConsentRecord = (options: ConsentOptions): CollectionBeforeValidateHook => {
  const maxBodySize = options.maxBodySize ?? DEFAULT_MAX_BODY_SIZE
  const rateLimit = options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit
  const limiter = rateLimit ? createRateLimiter(rateLimit) : undefined
  const getClientIP = options.getClientIP ?? defaultGetClientIP
  let derivedSalt: string | undefined
  const saltFor = (req: PayloadRequest): string => {
    if (options.ipHashSalt) {
      return options.ipHashSalt
    }
    derivedSalt ??= createHash('sha256')
      .update(`ai-disclosure:consent-ip:${req.payload.secret}`)
      .digest('hex')
    return derivedSalt
  }

  return async ({ data, operation, req }) => {
    if (operation !== 'create') {
      return data
    }

    const overHTTP = req.payloadAPI !== 'local'
    const ip = overHTTP ? getClientIP(req) : undefined
    const ipHash = ip ? hashIP(ip, saltFor(req)) : null

    // every attempt over HTTP counts, valid or not
    if (overHTTP && limiter && !(await limiter.hit(ipHash ?? 'unknown'))) {
      throw new ConsentRecordError(
        'Too many consent records from this client. Please try again later.',
        429,
      )
    }

    // The declared size first: a large body is refused without walking what was parsed of it.
    const declaredSize = Number(req.headers?.get('content-length') ?? 0)
    const size =
      Number.isFinite(declaredSize) && declaredSize > maxBodySize
        ? declaredSize
        : jsonSizeUpTo(data ?? {}, maxBodySize)
    if (size > maxBodySize) {
      throw badRequest(
        `The consent record is too large (${size > declaredSize ? 'over ' : ''}${Math.max(size, declaredSize)} bytes; at most ${maxBodySize} bytes).`,
      )
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
      throw badRequest('The consent record must be a JSON object.')
    }

    const consent = await loose(req.payload).findGlobal({
      slug: CONSENT_GLOBAL_SLUG,
      depth: 0,
      overrideAccess: true,
      req: nestedReq(req),
      select: { categories: { key: true, required: true }, revision: true },
    })
    const currentRevision = typeof consent.revision === 'number' ? consent.revision : 1
    const categories = (Array.isArray(consent.categories) ? consent.categories : []) as Array<{
      key?: string
      required?: boolean
    }>
    const keys = categories
      .map((category) => category.key)
      .filter((key): key is string => Boolean(key))
    const requiredKeys = categories
      .filter((category) => category.key && (category.required || category.key === NECESSARY_KEY))
      .map((category) => category.key as string)

    // consent ID (a UUID: compared in lower case)
    let consentId = data.consentId as unknown
    if (consentId === undefined || consentId === null || consentId === '') {
      consentId = randomUUID()
    } else if (typeof consentId !== 'string' || !UUID_PATTERN.test(consentId)) {
      throw badRequest('consentId must be a UUID (or left out: the server then creates one).')
    } else {
      consentId = consentId.toLowerCase()
      if (overHTTP && !holdsConsentId(req, consentId as string)) {
        const { totalDocs } = await req.payload.count({
          collection: CONSENT_RECORDS_SLUG as never,
          where: { consentId: { equals: consentId } },
          overrideAccess: true,
          req: nestedReq(req),
        })
        if (totalDocs)
          throw new ConsentRecordError(
            'This consentId has records from another browser: only the browser it was issued to may add to them. Leave consentId out to start a new one.',
            403,
          )
      }
    }

    // revision
    const revision =
      typeof data.revision === 'string' && /^\d+$/.test(data.revision)
        ? Number(data.revision)
        : data.revision
    if (revision === undefined || revision === null) {
      throw badRequest(`revision is required; the current consent revision is ${currentRevision}.`)
    }
    if (revision !== currentRevision) {
      throw badRequest(
        `Wrong revision ${JSON.stringify(data.revision)}: the current consent revision is ${currentRevision}. Ask the visitor again.`,
      )
    }

    // decision
    const acceptType = data.acceptType as AcceptType
    if (!ACCEPT_TYPES.includes(acceptType)) {
      throw badRequest(`acceptType must be one of ${list([...ACCEPT_TYPES])}.`)
    }
    const accepted = parseKeys(data.acceptedCategories, 'acceptedCategories')
    const rejected = parseKeys(data.rejectedCategories, 'rejectedCategories')
    const unknown = [...(accepted ?? []), ...(rejected ?? [])].filter((key) => !keys.includes(key))
    if (unknown.length) {
      throw badRequest(
        `Unknown consent ${unknown.length === 1 ? 'category' : 'categories'} ${list([...new Set(unknown)])}; the categories are ${list(keys)}.`,
      )
    }
    const both = (accepted ?? []).filter((key) => rejected?.includes(key))
    if (both.length) {
      throw badRequest(`A category cannot be both accepted and rejected: ${list(both)}.`)
    }
    const rejectedRequired = (rejected ?? []).filter((key) => requiredKeys.includes(key))
    if (rejectedRequired.length) {
      throw badRequest(`Required categories cannot be rejected: ${list(rejectedRequired)}.`)
    }

    let acceptedCategories: string[]
    if (acceptType === 'all') {
      if (rejected?.length) {
        throw badRequest('acceptType "all" cannot reject categories; use "custom".')
      }
      acceptedCategories = keys
    } else if (acceptType === 'necessary') {
      const optional = (accepted ?? []).filter((key) => !requiredKeys.includes(key))
      if (optional.length) {
        throw badRequest(
          `acceptType "necessary" cannot accept optional categories (${list(optional)}); use "custom".`,
        )
      }
      acceptedCategories = requiredKeys
    } else {
      acceptedCategories = keys.filter(
        (key) => requiredKeys.includes(key) || accepted?.includes(key),
      )
    }
    const rejectedCategories = keys.filter((key) => !acceptedCategories.includes(key))

    // locale
    const locale = data.locale ?? req.locale ?? null
    const localeCodes = req.payload.config.localization
      ? req.payload.config.localization.localeCodes
      : undefined
    if (
      locale !== null &&
      (typeof locale !== 'string' || (localeCodes && !localeCodes.includes(locale)))
    ) {
      throw badRequest(
        `Unknown locale ${JSON.stringify(locale)}${localeCodes ? `; use one of ${list(localeCodes)}` : ''}.`,
      )
    }

    return {
      acceptedCategories,
      acceptType,
      browser: browserFamily(req.headers?.get('user-agent')),
      consentedAt: new Date().toISOString(),
      consentId,
      ipHash,
      locale,
      rejectedCategories,
      revision,
    }
  }
}

/** Records are proof, written by the server: every field is read-only in the admin. */
const readOnly = (fields: Field[]): Field[] =>
  fields.map((field) => ({ ...field, admin: { ...field.admin, readOnly: true } }) as Field)

/** The proof-of-consent collection: anyone creates, only admins read and delete, nobody updates. */
export const createConsentRecordsCollection = ({
  enabled,
  options,
  readAccess,
}: {
  enabled: boolean
  options: ConsentOptions
  readAccess: Access
}): CollectionConfig => ({
  slug: CONSENT_RECORDS_SLUG,
  access: {
    // a switched-off plugin does not validate, so it does not accept anonymous records either
    create: enabled ? anyone : nobody,
    delete: readAccess,
    read: readAccess,
    update: nobody,
  },
  admin: {
    defaultColumns: ['consentId', 'acceptType', 'revision', 'locale', 'consentedAt'],
    description: td('consentRecordsDescription'),
    group: staticLabel('privacy'),
    useAsTitle: 'consentId',
  },
  disableDuplicate: true,
  fields: readOnly([
    {
      // made by the server when absent, so not required in the API schema
      name: 'consentId',
      type: 'text',
      index: true,
      label: tl('consentId'),
    },
    {
      name: 'revision',
      type: 'number',
      label: tl('revision'),
      required: true,
    },
    {
      name: 'acceptType',
      type: 'select',
      label: tl('acceptType'),
      options: [
        { label: tl('acceptTypeAll'), value: 'all' },
        { label: tl('acceptTypeCustom'), value: 'custom' },
        { label: tl('acceptTypeNecessary'), value: 'necessary' },
      ],
      required: true,
    },
    {
      name: 'acceptedCategories',
      type: 'text',
      hasMany: true,
      label: tl('acceptedCategories'),
    },
    {
      name: 'rejectedCategories',
      type: 'text',
      hasMany: true,
      label: tl('rejectedCategories'),
    },
    {
      name: 'locale',
      type: 'text',
      label: tl('locale'),
    },
    {
      name: 'consentedAt',
      type: 'date',
      admin: { date: { pickerAppearance: 'dayAndTime' } },
      index: true,
      label: tl('consentedAt'),
    },
    {
      name: 'ipHash',
      type: 'text',
      // the hash is only for admins, not echoed to the visitor who created the record
      access: { read: ({ req }) => Boolean(req.user) },
      index: true,
      label: tl('ipHash'),
    },
    {
      name: 'browser',
      type: 'text',
      label: tl('browser'),
    },
  ]),
  hooks: enabled
    ? { afterChange: [issueConsentProof], beforeValidate: [createValidateConsentRecord(options)] }
    : {},
  labels: { plural: staticLabel('consentRecords'), singular: staticLabel('consentRecord') },
})
