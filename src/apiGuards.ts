import type {
  CollectionBeforeOperationHook,
  CollectionSlug,
  Config,
  Field,
  PayloadRequest,
  SanitizedConfig,
  Validate,
} from 'payload'
import { APIError, defaultLoggerOptions, getPayload, logError, validations, ValidationError } from 'payload'
import { GraphQLError, valueFromASTUntyped, type ValidationRule } from 'graphql'
import { nestedReq } from 'payload-nested-req'

/** Largest page a REST or GraphQL read may ask for (`limit`); our own Local API calls are not limited. */
export const MAX_PAGE_SIZE = 100

/**
 * Size limits of stored values, checked on every save (drafts too): a text field's own `maxLength`,
 * else these defaults; rich text by its serialized JSON size.
 */
export const FIELD_LIMITS = { text: 10_000, textarea: 100_000, richTextBytes: 1_000_000 }

export const INVALID_JSON_MESSAGE = 'The request body is not valid JSON.'

/**
 * Turns inputs that Payload would otherwise accept silently or answer with a 500 into clear 4xx
 * answers, for every collection and global (including those that plugins add). Each guard is one
 * named function below:
 * - `checkLocaleParams`: an unknown `locale` / `fallback-locale` query parameter (Payload would quietly
 *   use the default);
 * - `objectBody`: a create/update body that is not a JSON object;
 * - `pageSize` (REST) and `graphqlPageSize`: `limit` from 1 to MAX_PAGE_SIZE, no `pagination=false`;
 * - `fieldLimits`: texts longer than their `maxLength`, rich text over FIELD_LIMITS.richTextBytes;
 * - `withExistingRelations`: a relationship or upload pointing at a document that does not exist (SQLite's
 *   foreign key error would be a 500; MongoDB would store a dangling reference);
 * - `clientErrorMessages` / `withClientErrors`: a malformed JSON body is a 400 with a clear message
 *   (REST, GraphQL, consent records);
 * - `clientErrorsAtInfo`: 4xx answers are logged at `info` without a stack, server errors at `error`.
 */
export const apiGuards = (config: Config): Config => {
  const localeCodes = (config.localization ? config.localization.locales : []).map((l) =>
    typeof l === 'string' ? l : l.code,
  )

  const checkLocaleParams = (req: PayloadRequest) => {
    for (const param of ['locale', 'fallback-locale']) {
      const value = req.searchParams?.get(param)
      if (!value) continue
      const allowed = param === 'locale' ? [...localeCodes, 'all', '*'] : [...localeCodes, 'none', 'null', 'false']
      if (!allowed.includes(value)) {
        const options = allowed.filter((v) => v !== '*')
        const message = `Unknown ${param} "${value}". Use one of: ${options.join(', ')}.`
        throw new APIError(message, 400, { param, value, allowed: options }, true)
      }
    }
  }

  const guard: CollectionBeforeOperationHook = ({ args, collection, operation, req }) => {
    checkLocaleParams(req)
    if (operation === 'create' || operation === 'update' || operation === 'updateByID') objectBody(args)
    const reads = operation === 'read' || (operation as string) === 'findVersions' || (operation as string) === 'readDistinct'
    // Only reads of the collection the URL names: Payload's own lookups during the request (the
    // user behind a token, say) see the same query string but are not the client's page.
    const api = req.payload?.config.routes.api ?? '/api'
    const routed = req.pathname?.startsWith(`${api}/${collection.slug}`)
    if (reads && routed) pageSize(req)
    return args
  }

  const graphQL = config.graphQL ?? {}
  return {
    ...config,
    collections: (config.collections ?? []).map((collection) => ({
      ...collection,
      fields: withExistingRelations(collection.fields),
      hooks: {
        ...collection.hooks,
        beforeOperation: [guard, ...(collection.hooks?.beforeOperation ?? [])],
        beforeValidate: [fieldLimits(collection.fields, { collection: collection.slug }), ...(collection.hooks?.beforeValidate ?? [])],
      },
    })),
    globals: (config.globals ?? []).map((global) => ({
      ...global,
      fields: withExistingRelations(global.fields),
      hooks: {
        ...global.hooks,
        beforeRead: [({ req, doc }) => (checkLocaleParams(req), doc), ...(global.hooks?.beforeRead ?? [])],
        beforeValidate: [
          ({ req, data }) => (checkLocaleParams(req), data),
          fieldLimits(global.fields, { global: global.slug }),
          ...(global.hooks?.beforeValidate ?? []),
        ],
      },
    })),
    graphQL: {
      ...graphQL,
      validationRules: (args) => [...(graphQL.validationRules?.(args) ?? []), graphqlPageSize(args.variableValues ?? undefined)],
    },
    hooks: { ...config.hooks, afterError: [clientErrorMessages, ...(config.hooks?.afterError ?? [])] },
    logger: config.logger ?? clientErrorsAtInfo,
  }
}

/** A create/update body must be a JSON object. */
function objectBody(args: unknown): void {
  const data = (args as { data?: unknown }).data
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new APIError('The request body must be a JSON object.', 400, { received: Array.isArray(data) ? 'array' : data === null ? 'null' : typeof data }, true)
  }
}

const pageSizeError = (param: string, value: unknown) =>
  `${param} must be a whole number from 1 to ${MAX_PAGE_SIZE} (got ${JSON.stringify(value)}); page through larger results with page=2, 3, …`
const PAGINATION_ERROR = `pagination=false is not allowed: page through results with limit (at most ${MAX_PAGE_SIZE}) and page.`

const validLimit = (value: unknown) => {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_PAGE_SIZE
}
const isFalse = (value: unknown) => value === false || value === 'false' || value === '0'

/**
 * REST reads: what the client asked for in the query string (`limit`, `pagination`, `joins[…][limit]`).
 * Checked against `req.query` rather than the operation's arguments, so that our own Local API calls
 * inside a request (which share its `req`) are not limited. Only GET requests: bulk updates and
 * deletes (`limit=0` from the admin) are writes, not pages.
 */
function pageSize(req: PayloadRequest): void {
  if (req.payloadAPI !== 'REST' || req.method !== 'GET') return
  const query = (req.query ?? {}) as Record<string, unknown>
  const refuse = (message: string, data: Record<string, unknown>) => {
    throw new APIError(message, 400, { ...data, max: MAX_PAGE_SIZE }, true)
  }
  if ('limit' in query && !validLimit(query.limit)) refuse(pageSizeError('limit', query.limit), { param: 'limit', value: query.limit })
  if ('pagination' in query && isFalse(query.pagination)) refuse(PAGINATION_ERROR, { param: 'pagination' })
  const joins = query.joins
  if (joins && typeof joins === 'object') {
    for (const [name, join] of Object.entries(joins)) {
      if (join && typeof join === 'object' && 'limit' in join && !validLimit((join as { limit: unknown }).limit)) {
        refuse(pageSizeError(`joins[${name}][limit]`, (join as { limit: unknown }).limit), { param: `joins[${name}][limit]` })
      }
    }
  }
}

/** GraphQL: the same rule for every `limit` and `pagination` argument (find, versions, joins). */
const graphqlPageSize =
  (variables: Record<string, unknown> | undefined): ValidationRule =>
  (context) => ({
    Argument(node) {
      const name = node.name.value
      if (name !== 'limit' && name !== 'pagination') return
      const value = valueFromASTUntyped(node.value, variables)
      if (value === undefined || value === null) return
      if (name === 'limit' && !validLimit(value)) context.reportError(new GraphQLError(pageSizeError('limit', value), { nodes: node }))
      if (name === 'pagination' && value === false) context.reportError(new GraphQLError(PAGINATION_ERROR.replace('pagination=false', 'pagination: false'), { nodes: node }))
    },
  })

type Owner = { collection: string } | { global: string }
type Problem = { path: string; message: string }
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Size limits on every save, drafts included (Payload validates fields only when publishing, and a
 * field's own `validate` replaces the built-in `maxLength` check): a 400 naming each field over it.
 */
function fieldLimits(fields: Field[], owner: Owner) {
  return ({ data, req }: { data?: Partial<Record<string, unknown>>; req: PayloadRequest }) => {
    const problems: Problem[] = []
    collectOversized(fields, data, '', req.locale === 'all', problems)
    if (problems.length) throw new ValidationError({ ...owner, errors: problems, req })
    return data
  }
}

function collectOversized(fields: Field[], data: unknown, prefix: string, allLocales: boolean, problems: Problem[]): void {
  if (!isObject(data)) return
  for (const field of fields) {
    if (field.type === 'tabs') {
      for (const tab of field.tabs) {
        const named = 'name' in tab && tab.name
        collectOversized(tab.fields, named ? data[tab.name!] : data, named ? `${prefix}${tab.name}.` : prefix, allLocales, problems)
      }
      continue
    }
    if (!('name' in field) || !field.name) {
      if ('fields' in field) collectOversized(field.fields, data, prefix, allLocales, problems)
      continue
    }
    if (!(field.name in data)) continue
    const raw = data[field.name]
    const perLocale = 'localized' in field && field.localized && allLocales && isObject(raw) ? Object.entries(raw) : [['', raw] as const]
    for (const [locale, value] of perLocale) {
      const path = `${prefix}${field.name}${locale ? `.${locale}` : ''}`
      if (field.type === 'text' || field.type === 'textarea') {
        const max = field.maxLength ?? FIELD_LIMITS[field.type]
        for (const text of Array.isArray(value) ? value : [value]) {
          if (typeof text === 'string' && text.length > max) {
            problems.push({ path, message: `${path} is too long: ${text.length} characters; at most ${max}.` })
            break
          }
        }
      } else if (field.type === 'richText' && value !== null && value !== undefined) {
        const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8')
        if (bytes > FIELD_LIMITS.richTextBytes) {
          problems.push({ path, message: `${path} is too large: ${bytes} bytes of rich text (JSON); at most ${FIELD_LIMITS.richTextBytes}.` })
        }
      } else if (field.type === 'group') {
        collectOversized(field.fields, value, `${path}.`, allLocales, problems)
      } else if (field.type === 'array' && Array.isArray(value)) {
        value.forEach((row, i) => collectOversized(field.fields, row, `${path}.${i}.`, allLocales, problems))
      } else if (field.type === 'blocks' && Array.isArray(value)) {
        value.forEach((row, i) => {
          const block = field.blocks.find((b) => isObject(row) && b.slug === row.blockType)
          if (block) collectOversized(block.fields, row, `${path}.${i}.`, allLocales, problems)
        })
      }
    }
  }
}

/** Payload's own "Invalid JSON" (REST, consent records) with a message that says what is wrong. */
const clientErrorMessages: NonNullable<NonNullable<Config['hooks']>['afterError']>[number] = ({ error }) => {
  const message = clientMessage(error)
  if (message) return { response: { errors: [{ message }] }, status: 400 }
}

function clientMessage(error: unknown): string | undefined {
  if (error instanceof APIError && error.status === 400 && error.message === 'Invalid JSON') return INVALID_JSON_MESSAGE
}

/**
 * Wraps a Next route handler (GraphQL) whose body parsing throws outside Payload's error handling:
 * a client error becomes its 4xx JSON answer instead of a 500.
 */
export const withClientErrors =
  (config: Promise<SanitizedConfig> | SanitizedConfig, handler: (request: Request) => Promise<Response>) =>
  async (request: Request): Promise<Response> => {
    try {
      return await handler(request)
    } catch (error) {
      const status = (error as { status?: number }).status
      if (!(error instanceof APIError) || !status || status >= 500) throw error
      logError({ err: error, payload: await getPayload({ config }) })
      return Response.json({ errors: [{ message: clientMessage(error) ?? error.message }] }, { status })
    }
  }

type LoggerConfig = Extract<NonNullable<Config['logger']>, { options: unknown }>
const statusOf = (err: unknown): number | undefined => {
  const e = err as { status?: unknown; originalError?: { status?: unknown } } | undefined
  const status = e?.status ?? e?.originalError?.status
  return typeof status === 'number' ? status : undefined
}

/**
 * Payload's logger, with client errors (4xx) at `info` and without a stack: Payload picks the level
 * by error name (`loggingLevels`), and APIError, UnauthorizedError and GraphQL errors carry 4xx and
 * 5xx alike. Server errors stay at `error` with their stack.
 */
const clientErrorsAtInfo: LoggerConfig = {
  destination: defaultLoggerOptions,
  options: {
    name: 'payload',
    hooks: {
      logMethod(args, method, level) {
        const first = args[0] as unknown
        const err = first instanceof Error ? first : (first as { err?: unknown } | undefined)?.err
        const status = statusOf(err)
        if (level >= 50 && status && status >= 400 && status < 500) {
          return this.info(`${status} ${(err as Error).message}`)
        }
        return method.apply(this, args)
      },
    },
  },
}

type RelationValue = string | number | { relationTo?: string; value?: unknown; id?: unknown } | null | undefined

/** Ids per target collection of a relationship/upload value (single, hasMany or polymorphic). */
function idsByCollection(value: unknown, relationTo: string | string[]): Map<string, Set<string | number>> {
  const result = new Map<string, Set<string | number>>()
  const add = (collection: string, id: unknown) => {
    if (typeof id === 'object' && id !== null && 'id' in id) id = (id as { id: unknown }).id // populated doc
    if (typeof id !== 'string' && typeof id !== 'number') return
    if (!result.has(collection)) result.set(collection, new Set())
    result.get(collection)!.add(id)
  }
  for (const item of (Array.isArray(value) ? value : [value]) as RelationValue[]) {
    if (item === null || item === undefined) continue
    if (Array.isArray(relationTo)) {
      if (typeof item === 'object' && item.relationTo) add(item.relationTo, item.value)
    } else {
      add(relationTo, item)
    }
  }
  return result
}

function withExistingRelations(fields: Field[]): Field[] {
  return fields.map((field): Field => {
    if (field.type === 'relationship' || field.type === 'upload') {
      const base = (field.validate ?? validations[field.type]) as Validate
      const validate: Validate = async (value, options) => {
        const result = await base(value, options)
        if (result !== true || !options.req?.payload) return result
        for (const [collection, ids] of idsByCollection(value, field.relationTo)) {
          const { totalDocs } = await options.req.payload.count({
            collection: collection as CollectionSlug,
            where: { id: { in: [...ids] } },
            overrideAccess: true,
            req: nestedReq(options.req),
          })
          if (totalDocs !== ids.size) return `A related ${collection} document does not exist (${[...ids].join(', ')}).`
        }
        return true
      }
      return { ...field, validate } as Field
    }
    if ('fields' in field && Array.isArray(field.fields)) return { ...field, fields: withExistingRelations(field.fields) } as Field
    if (field.type === 'tabs') {
      return { ...field, tabs: field.tabs.map((tab) => ({ ...tab, fields: withExistingRelations(tab.fields) })) }
    }
    return field
  })
}
