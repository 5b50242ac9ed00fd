import type { CollectionBeforeOperationHook, Config, PayloadRequest } from 'payload'
import { APIError, formatNames, toWords } from 'payload'

import { clientErrorMessages, clientErrorsAtInfo } from './clientErrors'
import { withExistingRelations } from './existingRelations'
import { fieldLimits } from './fieldLimits'
import { graphqlPageSize, pageSize } from './pageSize'
import { graphqlPreValidation, queryLimits } from './queryLimits'
import { queryShape } from './queryShape'
import { graphqlReadBudget, READ_BUDGET, readBudget } from './readBudget'
import { externalFileUrl, fileRetrievalAsClientError, missingUploadFile } from './uploadFiles'
import { imagePixelLimit } from './imagePixels'
import { whereFields } from './whereFields'

export { INVALID_JSON_MESSAGE, withClientErrors } from './clientErrors'
export { FIELD_LIMITS } from './fieldLimits'
export { MAX_PAGE_SIZE } from './pageSize'
export { MAX_IMAGE_PIXELS } from './imagePixels'
export { QUERY_LIMITS } from './queryLimits'
export { READ_BUDGET } from './readBudget'
export { SORT_LIMITS } from './queryShape'
export { WHERE_LIMITS } from './whereFields'

/**
 * Turns inputs that Payload would otherwise accept silently or answer with a 500 into clear 4xx
 * answers, for every collection and global (including those that plugins add). Each guard is a named
 * function, in its own file of src/features/limits/ unless it is a few lines:
 * - `checkLocaleParams`: an unknown `locale` / `fallback-locale` query parameter (Payload would quietly
 *   use the default);
 * - `objectBody`: a create/update body that is not a JSON object;
 * - `pageSize` (REST) and `graphqlPageSize`: `limit` from 1 to MAX_PAGE_SIZE, no `pagination=false`;
 * - `readBudget` (REST) and `graphqlReadBudget`: `depth` at most READ_BUDGET.depth, and what an
 *   anonymous read may populate (`limit × (depth + 1)`; GraphQL: lists weighed by their `limit`);
 * - `queryLimits`: the work a `where` may ask for (like/contains terms, and/or depth, conditions,
 *   `in` lists); `graphqlPreValidation`: fragment cycles, over-deep variables and documents that
 *   select too many fields once fragments are expanded, before the complexity rule walks them;
 * - `queryShape`: `where` an object, `sort` at most SORT_LIMITS paths (SQLite's join limit);
 * - `whereFields`: each `where` condition against its field: an operator the field or the database
 *   cannot run, a date field's value that is no date, at most WHERE_LIMITS.joins tables joined;
 * - `imagePixelLimit`: an uploaded image over MAX_IMAGE_PIXELS is a 413 before it is decoded;
 * - `externalFileUrl` / `fileRetrievalAsClientError`: a create from a URL that is not http(s), names
 *   a private address or cannot be fetched is a 400, not Payload's 500;
 * - `missingUploadFile`: a file URL that names no file of an upload collection is a 404 (400 outside
 *   its directory), not Payload's 500;
 * - `fieldLimits`: texts longer than their `maxLength`, rich text over FIELD_LIMITS.richTextBytes;
 * - `withExistingRelations`: a relationship or upload pointing at a document that does not exist (SQLite's
 *   foreign key error would be a 500; MongoDB would store a dangling reference), checked when the
 *   save changes the field's references (the stored ones, saved again, are not looked up again);
 * - `clientErrorMessages` / `withClientErrors`: a malformed JSON body, or a multipart body Payload
 *   cannot read, is a 400 with a clear message (REST, GraphQL, consent records);
 * - `verificationNotInUse`: `POST /verify/:id` of an auth collection without e-mail verification
 *   is a 404 that says so (Payload's lookup of a field it does not have was a 500);
 * - `clientErrorsAtInfo`: 4xx answers are logged at `info` without a stack, server errors at `error`.
 */
/**
 * An unknown `locale` / `fallback-locale` query parameter, as a 400 (Payload would quietly use the
 * default). Also asked before authentication (src/features/limits/credentials.ts): a bad locale must not
 * make a valid credential look invalid.
 */
export function localeParamError(
  req: Pick<PayloadRequest, 'searchParams'>,
  payload: Pick<PayloadRequest['payload'], 'config'> | undefined = (req as PayloadRequest).payload,
): APIError | undefined {
  const localization = payload?.config.localization
  const localeCodes = localization ? localization.localeCodes : []
  for (const param of ['locale', 'fallback-locale']) {
    const value = req.searchParams?.get(param)
    if (!value) continue
    const allowed =
      param === 'locale' ? [...localeCodes, 'all', '*'] : [...localeCodes, 'none', 'null', 'false']
    if (!allowed.includes(value)) {
      const options = allowed.filter((v) => v !== '*')
      const message = `Unknown ${param} "${value}". Use one of: ${options.join(', ')}.`
      return new APIError(message, 400, { param, value, allowed: options }, true)
    }
  }
  return undefined
}

const checkLocaleParams = (req: PayloadRequest) => {
  const error = localeParamError(req)
  if (error) throw error
}

export const apiGuards = (config: Config): Config => {
  const guard: CollectionBeforeOperationHook = ({ args, collection, operation, req }) => {
    checkLocaleParams(req)
    if (operation === 'create' || operation === 'update' || operation === 'updateByID')
      objectBody(args)
    const reads =
      operation === 'read' ||
      (operation as string) === 'findVersions' ||
      (operation as string) === 'readDistinct'
    // Only reads of the collection the URL names: Payload's own lookups during the request (the
    // user behind a token, say) see the same query string but are not the client's page.
    const api = req.payload?.config.routes.api ?? '/api'
    const routed = req.pathname?.startsWith(`${api}/${collection.slug}`)
    if (reads && routed) {
      pageSize(req)
      readBudget(req, args)
    }
    queryLimits(req, args)
    queryShape(req, args)
    whereFields(req, collection, args)
    return args
  }

  const graphQL = config.graphQL ?? {}
  return {
    ...config,
    // Payload clamps every read's `depth` to it (Local API included: nothing of ours asks over 2);
    // REST reads asking for more are refused by readBudget.
    maxDepth: Math.min(config.maxDepth ?? READ_BUDGET.depth, READ_BUDGET.depth),
    collections: (config.collections ?? []).map((collection) => ({
      ...collection,
      ...(withoutVerification(collection) && {
        endpoints: [verificationNotInUse, ...(collection.endpoints || [])],
      }),
      fields: withExistingRelations(collection.fields),
      ...(collection.upload && {
        upload: {
          ...(collection.upload === true ? {} : collection.upload),
          handlers: [
            missingUploadFile,
            ...((collection.upload !== true && collection.upload.handlers) || []),
          ],
        },
      }),
      hooks: {
        ...collection.hooks,
        beforeOperation: [
          guard,
          ...(collection.upload ? [externalFileUrl, imagePixelLimit] : []),
          ...(collection.hooks?.beforeOperation ?? []),
        ],
        afterError: [
          ...(collection.upload ? [fileRetrievalAsClientError] : []),
          ...(collection.hooks?.afterError ?? []),
        ],
        beforeValidate: [
          fieldLimits(collection.fields, { collection: collection.slug }),
          ...(collection.hooks?.beforeValidate ?? []),
        ],
      },
    })),
    globals: (config.globals ?? []).map((global) => ({
      ...global,
      fields: withExistingRelations(global.fields),
      hooks: {
        ...global.hooks,
        beforeRead: [
          ({ req, doc }) => (checkLocaleParams(req), doc),
          ...(global.hooks?.beforeRead ?? []),
        ],
        beforeValidate: [
          ({ req, data }) => (checkLocaleParams(req), data),
          fieldLimits(global.fields, { global: global.slug }),
          ...(global.hooks?.beforeValidate ?? []),
        ],
      },
    })),
    graphQL: {
      ...graphQL,
      mutations: (GraphQL, info) => ({
        ...graphQL.mutations?.(GraphQL, info),
        ...verificationNotInUseMutations(config.collections ?? [], info),
      }),
      validationRules: (args) => [
        ...graphqlPreValidation(args, [graphqlReadBudget]),
        ...(graphQL.validationRules?.(args) ?? []),
        graphqlPageSize(args.variableValues ?? undefined),
      ],
    },
    hooks: {
      ...config.hooks,
      afterError: [clientErrorMessages, ...(config.hooks?.afterError ?? [])],
    },
    logger: config.logger ?? clientErrorsAtInfo,
  }
}

export const VERIFICATION_NOT_IN_USE_MESSAGE =
  'E-mail verification is not used for these accounts: there is nothing to verify.'

type CollectionConfig = NonNullable<Config['collections']>[number]

/**
 * An auth collection without `auth.verify`: Payload still routes `POST /verify/:id`, whose lookup
 * of `_verificationToken` (a field such a collection does not have) throws a 500 for any token.
 */
const withoutVerification = (collection: CollectionConfig): boolean =>
  Boolean(collection.auth) &&
  collection.endpoints !== false &&
  !(
    typeof collection.auth === 'object' &&
    (collection.auth.verify || collection.auth.disableLocalStrategy)
  )

/** Answers that route first (custom endpoints come before Payload's), before the body is read. */
const verificationNotInUse: NonNullable<Exclude<CollectionConfig['endpoints'], false>>[number] = {
  method: 'post',
  path: '/verify/:id',
  handler: () =>
    Response.json({ errors: [{ message: VERIFICATION_NOT_IN_USE_MESSAGE }] }, { status: 404 }),
}

type Mutations = NonNullable<NonNullable<Config['graphQL']>['mutations']>

/** The same answer for GraphQL's `verifyEmail<Singular>` (its resolver runs the same lookup). */
function verificationNotInUseMutations(
  collections: CollectionConfig[],
  info: Parameters<Mutations>[1],
): ReturnType<Mutations> {
  const fields = (info as { Mutation?: { fields?: Record<string, object> } }).Mutation?.fields ?? {}
  const replaced: Record<string, object> = {}
  for (const collection of collections) {
    if (!withoutVerification(collection) || collection.graphQL === false) continue
    const singular = collection.graphQL?.singularName
      ? toWords(collection.graphQL.singularName, true)
      : formatNames(collection.slug).singular
    const name = `verifyEmail${singular}`
    if (!fields[name]) continue
    replaced[name] = {
      ...fields[name],
      resolve: () => {
        throw new APIError(VERIFICATION_NOT_IN_USE_MESSAGE, 404, undefined, true)
      },
    }
  }
  return replaced as ReturnType<Mutations>
}

/** A create/update body must be a JSON object. */
function objectBody(args: unknown): void {
  const data = (args as { data?: unknown }).data
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new APIError(
      'The request body must be a JSON object.',
      400,
      { received: Array.isArray(data) ? 'array' : data === null ? 'null' : typeof data },
      true,
    )
  }
}
