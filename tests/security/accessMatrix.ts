import crypto from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

import { afterAll, describe, expect, test } from '@jest/globals'
import { configToSchema } from '@payloadcms/graphql'
import { match } from 'path-to-regexp'
import {
  getNamedType,
  GraphQLObjectType,
  isObjectType,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql'
import {
  createLocalReq,
  formatNames,
  toWords,
  type CollectionSlug,
  type Payload,
  type SanitizedCollectionConfig,
  type SanitizedGlobalConfig,
} from 'payload'

import { dialectOf } from '../../src/database/dialect'
import { ensureLocales } from '../../src/features/languages/ensureLocales'
import { api } from '../helpers/api'
import { pngFile } from '../helpers/fixtures'
import { bootPayload, shutdown, type TestContext } from '../helpers/payload'

// The generated access matrix. The operations come from Payload itself: every REST endpoint of every
// collection and global in the sanitized config, and every query and mutation field of the GraphQL
// schema Payload builds from it (plus the admin's "Copy to locale"). Each operation is run as every
// role of the Users `roles` field (developers with and without `canReadDrafts`) and anonymously,
// on a draft and a published document where the collection has drafts. A cell asserts allowed or
// denied from the policy below; a denied write changed nothing (read back from the database), a
// denied read returned nothing of the document. An operation, collection or role the policy does not
// know fails the test, so a new one cannot slip through unjudged.

type State = 'draft' | 'published'
type Principal = {
  name: string
  roles: string[]
  canReadDrafts?: boolean
  auth: { token?: string; apiKey?: string }
  user?: Record<string, unknown>
}
type Kind =
  | 'find'
  | 'findByID'
  | 'count'
  | 'findVersions'
  | 'findVersionByID'
  | 'create'
  | 'upload'
  | 'update'
  | 'updateEnglish'
  | 'replaceFile'
  | 'updateMany'
  | 'delete'
  | 'deleteMany'
  | 'duplicate'
  | 'restoreVersion'
  | 'copyToLocale'
  | 'file'
  | 'jsonLd'
  | 'translationStatus'
  | 'pasteUrl'
  | 'preference'
  | 'setPreference'
  | 'deletePreference'
  | 'schedule' // an article's scheduled publication (src/features/publishing/scheduleEndpoints.ts): queue one
  | 'listSchedules' // … list the pending ones
  | 'cancelSchedule' // … cancel one
  | 'runJobs' // Payload's GET /api/payload-jobs/run
  | 'handleSchedules' // Payload's GET /api/payload-jobs/handle-schedules
  | 'backfillProvenance' // the AI-disclosure plugin's provenance back-fill of images
  | 'meta' // permissions of the caller (access, docAccess): asked for, never judged
  | 'auth' // login, logout, me, …: tests/security/access-credentials.test.ts
type Op = {
  entity: string
  global?: boolean
  kind: Kind
  via: 'REST' | 'GraphQL' | 'admin'
  name: string
  method?: string
  field?: GraphQLField<unknown, unknown>
}
type Fixture = {
  id: string
  versionId?: string
  marker: string
  filename?: string
  revision?: number
  /** a pending schedule of the article (list, cancel) */
  jobId?: string
  createdAt?: string
}

// What the admin's `serverFunction` (src/app/(payload)/layout.tsx) answers for scheduling: ours
// where layout.tsx passes one, else Payload's own, as `handleServerFunctions` picks them.
const SCHEDULE_SERVER_FUNCTIONS: [Kind, string][] = [
  ['schedule', 'server function schedule-publish'],
  ['listSchedules', 'server function get-upcoming-scheduled-publish'],
  ['cancelSchedule', 'server function schedule-publish (deleteID)'],
]

const READS = new Set<Kind>(['find', 'findByID', 'count', 'file', 'jsonLd'])
const SCHEDULES = new Set<Kind>(['schedule', 'listSchedules', 'cancelSchedule'])
const VERSION_READS = new Set<Kind>(['findVersions', 'findVersionByID'])

// ---------------------------------------------------------------------------------------------
// The policy: who may do what (docs/accounts.md). Kinds not listed for an entity are denied.

const has = (p: Principal, ...roles: string[]) => p.roles.some((r) => roles.includes(r))
const staff = (p: Principal) => has(p, 'admin', 'editor')
const translator = (p: Principal) => has(p, 'translator') && !staff(p)
const loggedIn = (p: Principal) => p.roles.length > 0
const mayReadDrafts = (p: Principal) =>
  has(p, 'admin', 'editor', 'translator') || (has(p, 'developer') && Boolean(p.canReadDrafts))
const nobody = () => false
const everyone = () => true

type Rule = (p: Principal, state: State) => boolean
const content = (versioned: boolean): Partial<Record<Kind, Rule>> => ({
  find: (p, s) => s === 'published' || mayReadDrafts(p),
  findByID: (p, s) => s === 'published' || mayReadDrafts(p),
  count: (p, s) => s === 'published' || mayReadDrafts(p),
  file: everyone,
  jsonLd: (p, s) => s === 'published' || mayReadDrafts(p),
  findVersions: versioned ? mayReadDrafts : nobody,
  findVersionByID: versioned ? mayReadDrafts : nobody,
  create: staff,
  upload: staff,
  update: (p) => staff(p) || translator(p),
  updateMany: (p) => staff(p) || translator(p),
  copyToLocale: (p) => staff(p) || translator(p),
  updateEnglish: staff,
  replaceFile: staff,
  delete: staff,
  deleteMany: staff,
  duplicate: staff,
  restoreVersion: versioned ? staff : nobody,
  // the statuses of every locale, also of one not published yet (src/plugins.ts statusReadAccess)
  translationStatus: mayReadDrafts,
  // pasting from a URL is off for every collection, and the URL asked for is one Payload refuses
  pasteUrl: nobody,
})
const POLICY: Record<string, Partial<Record<Kind, Rule>>> = {
  // Schedules (src/features/publishing/scheduleEndpoints.ts `authorize`: isStaff, then the article must be readable with
  // draft access): editors and admins schedule, list and cancel; everyone else 403 (docs/publishing.md).
  articles: { ...content(true), schedule: staff, listSchedules: staff, cancelSchedule: staff },
  'related-articles': content(false),
  // The provenance back-fill writes every image's provenance and labels (overrideAccess): the app
  // sets the plugin's `access.backfillProvenance` to editors and admins (src/plugins.ts).
  // the file route of an original (EXIF: GPS, serials) is for the newsroom (src/features/images/publicImage.ts)
  images: {
    ...content(false),
    backfillProvenance: staff,
    file: (p) => has(p, 'admin', 'editor', 'translator'),
  },
  // a copy of a Locale document can never be valid: its code is unique and must be configured
  locales: {
    ...content(false),
    update: staff,
    updateMany: staff,
    copyToLocale: staff,
    duplicate: nobody,
  },
  users: {
    find: (p) => has(p, 'admin'),
    findByID: (p) => has(p, 'admin'),
    count: (p) => has(p, 'admin'),
    create: (p) => has(p, 'admin'),
    update: (p) => has(p, 'admin'),
    updateMany: (p) => has(p, 'admin'),
    delete: (p) => has(p, 'admin'),
    deleteMany: (p) => has(p, 'admin'),
  },
  'consent-records': {
    create: everyone,
    find: (p) => has(p, 'admin'),
    findByID: (p) => has(p, 'admin'),
    count: (p) => has(p, 'admin'),
    delete: (p) => has(p, 'admin'),
    deleteMany: (p) => has(p, 'admin'),
  },
  // Payload 3.90's copyDataFromLocale looks globals up as payload.globals[slug], which does not
  // exist: "Copy to locale" fails on every global for everyone, before it writes anything.
  consent: { find: everyone, update: staff },
  // Payload's key-value store is closed to the API; the admin's document locks are for those who
  // edit in the admin (src/features/accounts/plugin.ts), not for read-only developers.
  'payload-kv': {},
  'payload-locked-documents': Object.fromEntries(
    (
      [
        'find',
        'findByID',
        'count',
        'create',
        'update',
        'updateMany',
        'delete',
        'deleteMany',
        'duplicate',
      ] as Kind[]
    ).map((kind) => [kind, (p: Principal) => has(p, 'admin', 'editor', 'translator')]),
  ),
  // The fixture is the admin's preference: only its owner reaches it; anyone logged in sets their own.
  'payload-preferences': {
    ...Object.fromEntries(
      (
        [
          'find',
          'findByID',
          'count',
          'update',
          'updateMany',
          'delete',
          'deleteMany',
          'duplicate',
          'preference',
          'deletePreference',
        ] as Kind[]
      ).map((kind) => [kind, (p: Principal) => has(p, 'admin')]),
    ),
    setPreference: loggedIn,
  },
  // Payload's jobs queue: its collection's access is `() => false` for read, create, update and
  // delete (payload/dist/queues/config/collection.js). `/run` and `/handle-schedules` ask
  // `jobs.access.run`: admins only (src/features/publishing/jobs.ts).
  'payload-jobs': {
    runJobs: (p: Principal) => has(p, 'admin'),
    handleSchedules: (p: Principal) => has(p, 'admin'),
  },
}

// Payload's own bugs seen here, asserted as they are so a fix shows up (and then fails here):
// deleting a preference the caller does not have builds SQL with an unknown table alias (both SQL
// adapters: drizzle's shared query builder).
const KNOWN_SERVER_ERRORS: Record<string, (p: Principal) => boolean> = {
  'payload-preferences REST delete /:key': (p) =>
    dialectOf(payload) !== 'mongodb' && loggedIn(p) && !has(p, 'admin'),
  // once past `jobs.access.run`, handle-schedules answers 500 when no task or workflow has a
  // `schedule` (ours, schedulePublish, has none): "Cannot handle schedules because no tasks …"
  'payload-jobs REST get /handle-schedules': (p) =>
    has(p, 'admin') && !payload.config.jobs.scheduling,
}

function expected(op: Op, p: Principal, state: State): boolean {
  if (op.via === 'GraphQL' && op.kind === 'create' && FACTORIES[op.entity] && isUpload(op.entity))
    return false // GraphQL carries no files: an upload collection is created over REST only
  if (op.entity === 'payload-preferences' && op.kind === 'create') return loggedIn(p)
  const entity = POLICY[op.entity]
  if (!entity) throw new Error(`No access policy for "${op.entity}": add it to POLICY.`)
  for (const role of p.roles)
    if (!['admin', 'editor', 'translator', 'developer'].includes(role))
      throw new Error(`The policy does not know the role "${role}".`)
  return (entity[op.kind] ?? nobody)(p, state)
}

// ---------------------------------------------------------------------------------------------
// Operations, from Payload's config and GraphQL schema.

const COLLECTION_ENDPOINTS: Record<string, Kind> = {
  'get /': 'find',
  'get /:id': 'findByID',
  'get /count': 'count',
  'post /': 'create',
  'patch /': 'updateMany',
  'patch /:id': 'update',
  'delete /': 'deleteMany',
  'delete /:id': 'delete',
  'get /versions': 'findVersions',
  'get /versions/:id': 'findVersionByID',
  'post /versions/:id': 'restoreVersion',
  'post /:id/duplicate': 'duplicate',
  'post /access/:id?': 'meta',
  'get /file/:filename': 'file',
  'get /paste-url/:id?': 'pasteUrl',
  'get /translation-status': 'translationStatus',
  'get /:key': 'preference',
  'post /:key': 'setPreference',
  'delete /:key': 'deletePreference',
  'post /:id/schedule': 'schedule',
  'get /:id/schedule': 'listSchedules',
  'delete /:id/schedule/:jobId': 'cancelSchedule',
  'get /run': 'runJobs',
  'get /handle-schedules': 'handleSchedules',
  ...Object.fromEntries(
    [
      'post /forgot-password',
      'get /init',
      'post /login',
      'post /logout',
      'get /me',
      'post /refresh-token',
      'post /first-register',
      'post /reset-password',
      'post /unlock',
      'post /verify/:id',
    ].map((e) => [e, 'auth' as Kind]),
  ),
}
const GLOBAL_ENDPOINTS: Record<string, Kind> = {
  'get /': 'find',
  'post /': 'update',
  'get /versions': 'findVersions',
  'get /versions/:id': 'findVersionByID',
  'post /versions/:id': 'restoreVersion',
  'post /access': 'meta',
}
const ROOT_ENDPOINTS: Record<string, { entity: string; kind: Kind }> = {
  'get /access': { entity: 'articles', kind: 'meta' },
  'get /ai-disclosure/json-ld/:collection/:id': { entity: 'articles', kind: 'jsonLd' },
  'post /ai-disclosure/provenance/backfill': { entity: 'images', kind: 'backfillProvenance' },
}

// GraphQL field names as @payloadcms/graphql forms them (initCollections / initGlobals).
function graphQLNames(collection: SanitizedCollectionConfig) {
  const gql = (collection.graphQL || {}) as { singularName?: string; pluralName?: string }
  const fromSlug = formatNames(collection.slug)
  const singular = gql.singularName ? toWords(gql.singularName, true) : fromSlug.singular
  let plural = gql.pluralName ? toWords(gql.pluralName, true) : fromSlug.plural
  if (singular === plural) plural = `all${singular}`
  return { singular, plural }
}
// pluralize is what @payloadcms/graphql singularizes global names with (it ships no types)
const pluralize = createRequire(import.meta.url)('pluralize') as { singular: (s: string) => string }
const globalName = (global: SanitizedGlobalConfig) =>
  (global.graphQL && global.graphQL.name) || pluralize.singular(toWords(global.slug, true))

/** An endpoint Payload never reaches: an earlier one of the same method matches its path. */
function shadowed(endpoints: { method: string; path: string }[], index: number) {
  const { method, path } = endpoints[index]
  const sample =
    path
      .replace(/:(\w+)\?/g, '')
      .replace(/:(\w+)/g, 'sample-$1')
      .replace(/\/+$/, '') || '/'
  return endpoints
    .slice(0, index)
    .some((e) => e.method === method && match(e.path, { decode: decodeURIComponent })(sample))
}

/**
 * Operations whose access per role is checked by their feature's own suite, named here so the
 * matrix still knows every operation Payload offers (a new one fails until it is listed).
 */
export const COVERED_ELSEWHERE: Record<string, string> = {
  'REST articles: post /:id/approve': 'tests/ai-disclosure-text.test.ts',
  'REST related-articles: post /:id/approve': 'tests/ai-disclosure-text.test.ts',
  'GraphQL Mutation.approveAiDisclosure': 'tests/ai-disclosure-text.test.ts',
  'REST root: get /ai-disclosure/compliance': 'tests/ai-disclosure-text.test.ts',
  'REST root: get /ai-disclosure/log/export': 'tests/ai-disclosure-text.test.ts',
  // the append-only log: no role may create, update or delete through any route
  'collection ai-disclosure-log': 'tests/ai-disclosure-text.test.ts',
  'REST root: get /ninjs/articles/:id': 'tests/syndication.test.ts',
  'REST root: get /ninjs/feed': 'tests/syndication.test.ts',
  'REST root: get /search': 'tests/search.test.ts',
  'GraphQL Query.search': 'tests/search.test.ts',
}

function operationsOf(ctx: TestContext, schema: GraphQLSchema) {
  const ops: Op[] = []
  const unknown: string[] = []
  for (const collection of ctx.config.collections) {
    const endpoints = payload.collections[collection.slug as CollectionSlug].config.endpoints || []
    for (const [index, e] of endpoints.entries()) {
      const key = `${e.method} ${e.path}`
      const kind = COLLECTION_ENDPOINTS[key]
      if (COVERED_ELSEWHERE[`REST ${collection.slug}: ${key}`]) continue
      if (!kind) unknown.push(`REST ${collection.slug}: ${key}`)
      else if (shadowed(endpoints, index)) continue
      else if (!(kind === 'create' && collection.upload))
        ops.push({
          entity: collection.slug,
          kind,
          via: 'REST',
          name: `REST ${key}`,
          method: e.method,
        })
      if (kind === 'update' && collection.upload)
        ops.push({
          entity: collection.slug,
          kind: 'replaceFile',
          via: 'REST',
          name: `REST ${key} (file)`,
        })
      if (kind === 'create' && collection.upload)
        ops.push({
          entity: collection.slug,
          kind: 'upload',
          via: 'REST',
          name: `REST ${key} (file)`,
        })
      if (kind === 'update' && hasLocalizedText(collection.fields))
        ops.push({
          entity: collection.slug,
          kind: 'updateEnglish',
          via: 'REST',
          name: `REST ${key} (en)`,
        })
    }
    if (collection.slug !== 'payload-kv' && hasLocalizedText(collection.fields))
      ops.push({
        entity: collection.slug,
        kind: 'copyToLocale',
        via: 'admin',
        name: 'copy to locale',
      })
    // The admin's scheduling server functions (Payload's, replaced in layout.tsx by ours)
    if (
      collection.versions &&
      collection.versions.drafts &&
      collection.versions.drafts.schedulePublish
    )
      for (const [kind, name] of SCHEDULE_SERVER_FUNCTIONS)
        ops.push({ entity: collection.slug, kind, via: 'admin', name })
  }
  for (const global of ctx.config.globals) {
    const endpoints = global.endpoints || []
    for (const [index, e] of endpoints.entries()) {
      const key = `${e.method} ${e.path}`
      const kind = GLOBAL_ENDPOINTS[key]
      if (!kind) unknown.push(`REST globals/${global.slug}: ${key}`)
      else if (!shadowed(endpoints, index))
        ops.push({ entity: global.slug, global: true, kind, via: 'REST', name: `REST ${key}` })
    }
    ops.push({
      entity: global.slug,
      global: true,
      kind: 'copyToLocale',
      via: 'admin',
      name: 'copy to locale',
    })
  }
  for (const e of ctx.config.endpoints || []) {
    const key = `${e.method} ${e.path}`
    const known = ROOT_ENDPOINTS[key]
    if (COVERED_ELSEWHERE[`REST root: ${key}`]) continue
    if (!known) unknown.push(`REST root: ${key}`)
    else ops.push({ ...known, via: 'REST', name: `REST ${key}` })
  }

  // GraphQL: each field of Query and Mutation, named after its collection or global.
  const patterns: { re: RegExp; entity: string; global?: boolean; kind: Kind }[] = []
  for (const collection of ctx.config.collections) {
    if (collection.graphQL === false) continue
    const { singular: s, plural: p } = graphQLNames(collection)
    const c = { entity: collection.slug }
    patterns.push(
      { re: new RegExp(`^${s}$`), ...c, kind: 'findByID' },
      { re: new RegExp(`^${p}$`), ...c, kind: 'find' },
      { re: new RegExp(`^count${p}$`), ...c, kind: 'count' },
      { re: new RegExp(`^docAccess${s}$`), ...c, kind: 'meta' },
      { re: new RegExp(`^version${s}$`), ...c, kind: 'findVersionByID' },
      { re: new RegExp(`^versions${p}$`), ...c, kind: 'findVersions' },
      { re: new RegExp(`^create${s}$`), ...c, kind: 'create' },
      { re: new RegExp(`^update${s}$`), ...c, kind: 'update' },
      { re: new RegExp(`^delete${s}$`), ...c, kind: 'delete' },
      { re: new RegExp(`^duplicate${s}$`), ...c, kind: 'duplicate' },
      { re: new RegExp(`^restoreVersion${s}$`), ...c, kind: 'restoreVersion' },
      {
        re: new RegExp(
          `^(me|initialized|refreshToken|logout|unlock|login|forgotPassword|resetPassword|verifyEmail)${s}$`,
        ),
        ...c,
        kind: 'auth',
      },
    )
  }
  for (const global of ctx.config.globals) {
    if (global.graphQL === false) continue
    const n = globalName(global)
    const g = { entity: global.slug, global: true }
    patterns.push(
      { re: new RegExp(`^${n}$`), ...g, kind: 'find' },
      { re: new RegExp(`^docAccess${n}$`), ...g, kind: 'meta' },
      { re: new RegExp(`^update${n}$`), ...g, kind: 'update' },
      { re: new RegExp(`^version${n}$`), ...g, kind: 'findVersionByID' },
      { re: new RegExp(`^versions${n}$`), ...g, kind: 'findVersions' },
      { re: new RegExp(`^restoreVersion${n}$`), ...g, kind: 'restoreVersion' },
    )
  }
  patterns.push({ re: /^Access$/, entity: 'articles', kind: 'meta' })
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    for (const field of Object.values(type?.getFields() ?? {})) {
      const found = patterns.find((pattern) => pattern.re.test(field.name))
      if (COVERED_ELSEWHERE[`GraphQL ${type!.name}.${field.name}`]) continue
      if (!found) unknown.push(`GraphQL ${type!.name}.${field.name}`)
      else
        ops.push({
          entity: found.entity,
          global: found.global,
          kind: found.kind,
          via: 'GraphQL',
          name: `GraphQL ${field.name}`,
          field,
        })
    }
  }
  return { ops, unknown }
}

type AnyField = { type: string; localized?: boolean; name?: string; fields?: AnyField[] }
const hasLocalizedText = (fields: unknown[]): boolean =>
  (fields as AnyField[]).some(
    (f) =>
      (f.localized && ['text', 'textarea'].includes(f.type)) ||
      (!f.name && Array.isArray(f.fields) && hasLocalizedText(f.fields)),
  )

// ---------------------------------------------------------------------------------------------
// Fixtures: one document per cell for writes, one per entity and state for reads.

let ctx: TestContext
let payload: Payload
let client: ReturnType<typeof api>
let schema: GraphQLSchema
const principals: Principal[] = []
const PASSWORD = 'test-password-123'
let adminId = ''

const uid = () => crypto.randomUUID().slice(0, 8)
const isUpload = (slug: string) =>
  Boolean(payload.collections[slug as CollectionSlug]?.config.upload)
const versioned = (slug: string) =>
  Boolean(payload.collections[slug as CollectionSlug]?.config.versions?.drafts)

type Factory = {
  make: (state: State, marker: string) => Promise<Fixture>
  createData: (marker: string, p: Principal) => Record<string, unknown>
  /** makes room for a create (e.g. a unique value all fixtures share) */
  beforeCreate?: () => Promise<void>
  /** the localized text (or, without one, a plain field) an update changes */
  text: string
  /** what an update sends, when more than the text is required (GraphQL's input types) */
  updateData?: (marker: string, fx: Fixture) => Record<string, unknown>
}
const FACTORIES: Record<string, Factory> = {
  articles: {
    text: 'title',
    createData: (m) => ({ title: m, summary: 'Lead' }),
    make: async (state, marker) => {
      const draft = state === 'draft'
      const doc = await payload.create({
        collection: 'articles',
        data: { title: `${marker} old`, summary: 'Lead', _status: state },
        draft,
      })
      await payload.update({
        collection: 'articles',
        id: doc.id,
        data: { title: marker, _status: state },
        draft,
      })
      const versions = await payload.findVersions({
        collection: 'articles',
        where: { parent: { equals: doc.id } },
        sort: 'createdAt',
        limit: 1,
        depth: 0,
      })
      return { id: doc.id, marker, versionId: versions.docs[0]?.id }
    },
  },
  'related-articles': {
    text: 'summary',
    createData: (m) => ({ summary: m }),
    make: async (_s, marker) => ({
      id: (await payload.create({ collection: 'related-articles', data: { summary: marker } })).id,
      marker,
    }),
  },
  images: {
    text: 'alt',
    createData: (m) => ({ alt: m }),
    make: async (_s, marker) => {
      const doc = await payload.create({
        collection: 'images',
        data: { alt: marker },
        file: await pngFile(`${marker}.png`),
      })
      return {
        id: doc.id,
        marker,
        filename: doc.filename ?? undefined,
        createdAt: doc.createdAt,
      }
    },
  },
  locales: {
    text: 'nativeName',
    updateData: (m) => ({
      nativeName: m,
      labels: { relatedHeading: 'Verwandte Artikel', aiTextBadge: 'KI', aiImageBadge: 'KI-Bild' },
    }),
    // Both configured codes exist and codes are unique: a create needs one of them gone first.
    beforeCreate: async () => {
      await ensureLocales(payload)
      await releaseGerman()
      await payload.delete({ collection: 'locales', where: { code: { equals: 'de' } } })
    },
    createData: (m) => ({
      code: 'de',
      name: m,
      labels: { relatedHeading: 'a', aiTextBadge: 'b', aiImageBadge: 'c' },
    }),
    make: async (_s, marker) => {
      await ensureLocales(payload) // an allowed delete removed it
      await releaseGerman() // a locale in use is not deleted
      const de = await payload.find({ collection: 'locales', where: { code: { equals: 'de' } } })
      await payload.update({
        collection: 'locales',
        id: de.docs[0].id,
        data: { nativeName: marker },
      })
      return { id: de.docs[0].id, marker }
    },
  },
  users: {
    text: 'name',
    createData: (m) => ({
      email: `${m}@example.com`,
      password: PASSWORD,
      roles: ['editor'],
      name: m,
    }),
    make: async (_s, marker) => {
      const doc = await payload.create({
        collection: 'users',
        data: {
          email: `${marker}@example.com`,
          password: PASSWORD,
          roles: ['editor'],
          name: marker,
        },
      })
      return { id: doc.id, marker }
    },
  },
  'consent-records': {
    text: 'acceptType',
    createData: () => ({ acceptType: 'necessary', revision: 1 }),
    make: async (_s, marker) => {
      const doc = await payload.create({
        collection: 'consent-records',
        data: { acceptType: 'all', revision: 1, consentId: crypto.randomUUID() } as never,
      })
      return { id: doc.id, marker: String((doc as { consentId?: string }).consentId ?? marker) }
    },
  },
  'payload-kv': {
    text: 'key',
    createData: (m) => ({ key: m, data: { m } }),
    make: async (_s, marker) => {
      const doc = await payload.create({
        collection: 'payload-kv' as CollectionSlug,
        data: { key: marker, data: { marker } } as never,
      })
      return { id: String(doc.id), marker }
    },
  },
  'payload-locked-documents': {
    text: 'globalSlug',
    createData: (m, p) => ({
      globalSlug: m,
      user: p.user ? { relationTo: 'users', value: p.user.id } : undefined,
    }),
    make: async (_s, marker) => {
      const doc = await payload.create({
        collection: 'payload-locked-documents',
        data: { globalSlug: marker, user: { relationTo: 'users', value: adminId } } as never,
      })
      return { id: String(doc.id), marker }
    },
  },
  'payload-preferences': {
    text: 'key',
    createData: (m) => ({ key: m, value: { m } }),
    make: async (_s, marker) => {
      const doc = await payload.create({
        collection: 'payload-preferences',
        data: { key: marker, value: { marker } } as never,
        user: principals.find((p) => p.roles.includes('admin'))!.user as never, // its owner
      })
      return { id: String(doc.id), marker }
    },
  },
  // A job due now whose run does nothing: no document, global or user in its input, so our
  // schedulePublish handler (src/features/publishing/schedulePublish.ts) completes it without a write elsewhere.
  'payload-jobs': {
    text: 'queue',
    createData: (m) => ({ taskSlug: 'schedulePublish', input: { marker: m }, queue: `${m}-q` }),
    make: async (_s, marker) => {
      const job = await payload.jobs.queue({
        task: 'schedulePublish' as never,
        input: { marker } as never,
      })
      return { id: String((job as { id: string | number }).id), marker }
    },
  },
  consent: {
    text: 'title',
    createData: (m) => ({ title: m }),
    updateData: (m, fx) => ({ title: m, revision: fx.revision }),
    make: async (_s, marker) => {
      const doc = await payload.updateGlobal({ slug: 'consent', data: { title: marker } as never })
      return { id: 'consent', marker, revision: (doc as { revision?: number }).revision }
    },
  },
}

/**
 * Articles and teasers created in German get German as their original language, and a locale in
 * use cannot be deleted: the locale cells unset it first.
 */
async function releaseGerman() {
  const de = await payload.find({
    collection: 'locales',
    where: { code: { equals: 'de' } },
    depth: 0,
    select: {},
  })
  const ids = de.docs.map((doc) => doc.id)
  if (!ids.length) return
  for (const collection of ['articles', 'related-articles'] as const)
    await payload.update({
      collection,
      where: { language: { in: ids } },
      data: { language: null },
      depth: 0,
      select: {},
    })
}

/** What the database holds for a fixture (all locales, versions, counts), read past every hook. */
async function snapshot(op: Op, fx: Fixture): Promise<string> {
  const { db } = payload
  if (op.global) {
    const doc = await db.findGlobal({ slug: op.entity, locale: 'all' })
    return JSON.stringify(doc)
  }
  const collection = op.entity as CollectionSlug
  const byId = { id: { equals: fx.id } }
  const [doc, count, versions, jobs] = await Promise.all([
    db.findOne({ collection, where: byId, locale: 'all' }),
    db.count({ collection, where: {} }),
    versioned(op.entity)
      ? db.countVersions({ collection, where: { parent: { equals: fx.id } } })
      : { totalDocs: 0 },
    // an article's schedules: the jobs that name it
    SCHEDULES.has(op.kind)
      ? db.find({
          collection: 'payload-jobs',
          where: { 'input.doc.value': { equals: String(fx.id) } },
          limit: 0,
          pagination: false,
          sort: 'id',
        })
      : { docs: [] },
  ])
  return JSON.stringify([doc, count.totalDocs, versions.totalDocs, jobs.docs])
}

const inAMonth = () => new Date(Date.now() + 30 * 24 * 3600_000).toISOString()

/** A pending publication of the fixture in German, scheduled by the admin, as the endpoint does. */
async function queueSchedule(fx: Fixture): Promise<string> {
  const job = await payload.jobs.queue({
    task: 'schedulePublish' as never,
    input: {
      type: 'publish',
      locale: 'de',
      doc: { relationTo: 'articles', value: String(fx.id) },
      user: { relationTo: 'users', value: String(adminId) },
    } as never,
    waitUntil: new Date(inAMonth()),
  })
  return String((job as { id: string | number }).id)
}

// ---------------------------------------------------------------------------------------------
// Running one operation.

function restRequest(op: Op, fx: Fixture, state: State, p: Principal) {
  const slug = op.entity
  const base = op.global ? `/globals/${slug}` : `/${slug}`
  const draft = versioned(slug) && state === 'draft' ? '&draft=true' : ''
  const factory = FACTORIES[slug]
  const change = factory.updateData?.(`${fx.marker} changed`, fx) ?? {
    [factory.text]: `${fx.marker} changed`,
  }
  const who = {
    ...p.auth,
    headers: {
      'x-forwarded-for': `10.9.${principals.indexOf(p)}.${Math.floor(Math.random() * 250)}`,
    },
  }
  const byId = `where[id][equals]=${fx.id}`
  switch (op.kind) {
    case 'find':
      return client.get(
        op.global ? `${base}?locale=de${draft}` : `${base}?${byId}&depth=0${draft}`,
        who,
      )
    case 'findByID':
      return client.get(`${base}/${fx.id}?depth=0${draft}`, who)
    case 'count':
      return client.get(`${base}/count?${byId}`, who)
    case 'findVersions':
      return client.get(
        `${base}/versions?${op.global ? '' : `where[parent][equals]=${fx.id}&`}depth=0`,
        who,
      )
    case 'findVersionByID':
      return client.get(`${base}/versions/${fx.versionId ?? crypto.randomUUID()}?depth=0`, who)
    case 'restoreVersion':
      return client.post(
        `${base}/versions/${fx.versionId ?? crypto.randomUUID()}?locale=de${draft}`,
        who,
      )
    case 'duplicate':
      return client.post(`${base}/${fx.id}/duplicate?locale=en${draft}`, { ...who, body: {} })
    case 'create': {
      const body = FACTORIES[slug].createData(`${fx.marker}-new`, p)
      return client.post(`${base}?locale=de${draft}`, { ...who, body })
    }
    case 'upload':
    case 'replaceFile':
      return (async () => {
        const form = new FormData()
        const file = await pngFile('upload.png', '#123456')
        form.append(
          'file',
          new Blob([new Uint8Array(file.data)], { type: 'image/png' }),
          `${fx.marker}.png`,
        )
        form.append(
          '_payload',
          JSON.stringify(op.kind === 'upload' ? { alt: `${fx.marker}-new` } : {}),
        )
        return op.kind === 'upload'
          ? client.post(`${base}?locale=de`, { ...who, form })
          : client.patch(`${base}/${fx.id}?locale=de`, { ...who, form })
      })()
    case 'update':
      return op.global
        ? client.post(`${base}?locale=de`, { ...who, body: change })
        : client.patch(`${base}/${fx.id}?locale=de${draft}`, { ...who, body: change })
    case 'updateEnglish':
      return client.patch(`${base}/${fx.id}?locale=en${draft}`, { ...who, body: change })
    case 'updateMany':
      return client.patch(`${base}?${byId}&locale=de${draft}`, { ...who, body: change })
    case 'delete':
      return client.delete(`${base}/${fx.id}`, who)
    case 'deleteMany':
      return client.delete(`${base}?${byId}`, who)
    case 'file':
      return client.get(`${base}/file/${fx.filename}`, who)
    case 'jsonLd':
      return client.get(`/ai-disclosure/json-ld/${slug}/${fx.id}?locale=en${draft}`, who)
    case 'translationStatus':
      return client.get(`${base}/translation-status?locale=de`, who)
    case 'pasteUrl':
      // a URL Payload refuses to fetch: only whether access lets the request that far matters
      return client.get(
        `${base}/paste-url?src=${encodeURIComponent('http://127.0.0.1:9/x.png')}`,
        who,
      )
    case 'preference':
      return client.get(`${base}/${fx.marker}`, who)
    case 'setPreference':
      return client.post(`${base}/${fx.marker}`, { ...who, body: { value: { changed: true } } })
    case 'deletePreference':
      return client.delete(`${base}/${fx.marker}`, who)
    case 'schedule':
      return client.post(`${base}/${fx.id}/schedule`, {
        ...who,
        body: { type: 'publish', locale: 'de', at: inAMonth(), timezone: 'Europe/Berlin' },
      })
    case 'listSchedules':
      return client.get(`${base}/${fx.id}/schedule`, who)
    case 'cancelSchedule':
      return client.delete(`${base}/${fx.id}/schedule/${fx.jobId}`, who)
    case 'runJobs':
      // runs the due jobs of the default queue: the fixture's, which writes nothing (FACTORIES)
      return client.get(`${base}/run?limit=10`, who)
    case 'handleSchedules':
      return client.get(`${base}/handle-schedules`, who)
    case 'backfillProvenance': {
      // `all` with a cursor just before the fixture: it, and only it, is read again. In German, as
      // the other writes: translators' writes in `en` are refused by the translation workflow.
      const after = new Date(new Date(fx.createdAt!).getTime() - 1).toISOString()
      return client.post(
        `/ai-disclosure/provenance/backfill?locale=de&collection=${slug}&limit=1&all=true&after=${encodeURIComponent(after)}`,
        who,
      )
    }
    default:
      return client.get(`/access`, who)
  }
}

/** A GraphQL document for a Query/Mutation field, with variables typed as the schema declares. */
function graphQLRequest(op: Op, fx: Fixture, state: State, p: Principal) {
  const field = op.field!
  const factory = FACTORIES[op.entity]
  const values: Record<string, unknown> = {
    id: ['findVersionByID', 'restoreVersion'].includes(op.kind)
      ? (fx.versionId ?? crypto.randomUUID())
      : fx.id,
    draft: versioned(op.entity) && (state === 'draft' || op.kind === 'update'),
    where: op.kind === 'findVersions' ? { parent: { equals: fx.id } } : { id: { equals: fx.id } },
    data:
      op.kind === 'create' || op.kind === 'duplicate'
        ? factory.createData(`${fx.marker}-new`, p)
        : op.kind === 'update'
          ? (factory.updateData?.(`${fx.marker} changed`, fx) ?? {
              [factory.text]: `${fx.marker} changed`,
            })
          : undefined,
  }
  if (op.global) delete values.id
  const args = field.args.filter((a) => values[a.name] !== undefined)
  const vars = args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ')
  const call = args.map((a) => `${a.name}: $${a.name}`).join(', ')
  const named = getNamedType(field.type)
  let selection = ''
  if (isObjectType(named)) {
    const fields = (named as GraphQLObjectType).getFields()
    selection = fields.docs
      ? '{ docs { id } totalDocs }'
      : fields.totalDocs
        ? '{ totalDocs }'
        : fields.id
          ? '{ id }'
          : '{ __typename }'
  }
  const keyword =
    op.name.startsWith('GraphQL') && schema.getMutationType()?.getFields()[field.name]
      ? 'mutation'
      : 'query'
  const query = `${keyword}${vars ? `(${vars})` : ''} { ${field.name}${call ? `(${call})` : ''} ${selection} }`
  const variables = Object.fromEntries(args.map((a) => [a.name, values[a.name]]))
  // a duplicate copies the document's own language, as REST's does above
  return client.graphql(query, variables, {
    ...p.auth,
    locale: op.kind === 'duplicate' ? 'en' : 'de',
  })
}

/** Calls a scheduling server function as the admin's `serverFunction` would for this user. */
async function scheduleServerFunction(op: Op, fx: Fixture, p: Principal) {
  const { serverFunctions } = await import('../../src/features/publishing/scheduleServerFunctions')
  const stock = await import('@payloadcms/ui/utilities/schedulePublishHandler')
  const key = op.name.includes('get-upcoming')
    ? 'get-upcoming-scheduled-publish'
    : 'schedule-publish'
  const fn = (serverFunctions[key] ??
    (key === 'schedule-publish'
      ? stock.schedulePublishHandler
      : stock.getUpcomingScheduledPublishHandler)) as (a: object) => Promise<any>
  const req = await createLocalReq({ user: p.user as never }, payload)
  const doc = { relationTo: op.entity, value: fx.id }
  try {
    if (op.kind === 'listSchedules') {
      const docs = await fn({ req, id: fx.id, collectionSlug: op.entity })
      return { status: 200, body: { docs } }
    }
    const result =
      op.kind === 'cancelSchedule'
        ? await fn({ req, deleteID: fx.jobId })
        : await fn({
            req,
            type: 'publish',
            date: inAMonth(),
            doc,
            localeToPublish: 'de',
            timezone: 'Europe/Berlin',
          })
    if (result?.error) return { status: result.status ?? 400, body: result }
    return {
      status: 200,
      body: op.kind === 'cancelSchedule' ? { schedule: { id: fx.jobId }, ...result } : result,
    }
  } catch (err) {
    return { status: (err as { status?: number }).status ?? 403, body: String(err) }
  }
}

async function copyToLocale(op: Op, fx: Fixture, p: Principal) {
  const { copyDataFromLocale } = await import('@payloadcms/ui/utilities/copyDataFromLocale')
  const req = await createLocalReq({ user: p.user as never }, payload)
  try {
    await copyDataFromLocale({
      req,
      fromLocale: 'en',
      toLocale: 'de',
      overrideData: true,
      ...(op.global
        ? { globalSlug: op.entity }
        : { collectionSlug: op.entity as CollectionSlug, docID: fx.id }),
    })
    return { status: 200, body: null }
  } catch (err) {
    // its reads throw a plain Error when the user may not read the document
    return { status: (err as { status?: number }).status ?? 403, body: String(err) }
  }
}

/** Whether the answer shows the fixture (reads) or reports success (everything else). */
function outcome(op: Op, fx: Fixture, res: { status: number; body: any }): boolean {
  const text = JSON.stringify(res.body ?? '')
  if (op.via === 'GraphQL') {
    if (res.status >= 500) return false
    const data = res.body?.data?.[op.field!.name]
    if (READS.has(op.kind) || VERSION_READS.has(op.kind)) {
      if (op.kind === 'count') return (data?.totalDocs ?? 0) > 0
      if (op.kind === 'findVersions') return (data?.docs?.length ?? 0) > 0
      if (op.global) return Boolean(data) && !res.body.errors
      return text.includes(op.kind === 'findVersionByID' ? String(fx.versionId) : fx.id)
    }
    return !res.body?.errors?.length && data != null
  }
  const ok = res.status >= 200 && res.status < 300
  if (!ok) return false
  if (op.kind === 'count') return (res.body?.totalDocs ?? 0) > 0
  if (op.kind === 'preference') return res.body?.value != null
  if (op.kind === 'findVersions') return (res.body?.docs?.length ?? 0) > 0
  if (op.kind === 'find' && !op.global) return (res.body?.docs?.length ?? 0) > 0
  if (op.kind === 'updateMany' || op.kind === 'deleteMany') return (res.body.docs?.length ?? 0) > 0
  if (op.kind === 'listSchedules')
    return (res.body?.docs ?? []).some((d: { id: unknown }) => String(d.id) === fx.jobId)
  if (op.kind === 'cancelSchedule') return String(res.body?.schedule?.id) === fx.jobId
  if (op.kind === 'backfillProvenance')
    return (res.body?.results ?? []).some((r: { id: unknown }) => String(r.id) === String(fx.id))
  return true
}

type Slot = { fx?: Fixture; snap?: string }

/**
 * One cell. Reads share one fixture per entity and state; a write's fixture is reused by the next
 * role as long as the database still holds it unchanged (a denied write), so fixtures are made only
 * after a write went through.
 */
const readSlots = new Map<string, Slot>()

async function cell(op: Op, p: Principal, state: State, slot: Slot) {
  const factory = FACTORIES[op.entity]
  if (!factory) throw new Error(`No fixture for "${op.entity}": add it to FACTORIES.`)
  const reads = READS.has(op.kind) || VERSION_READS.has(op.kind)
  const judgesWrite =
    !reads &&
    !['preference', 'pasteUrl', 'translationStatus', 'deletePreference', 'listSchedules'].includes(
      op.kind,
    )
  if (!slot.fx) slot.fx = await factory.make(state, `m${uid()}`)
  const fx = slot.fx
  if ((op.kind === 'listSchedules' || op.kind === 'cancelSchedule') && !fx.jobId)
    fx.jobId = await queueSchedule(fx)
  if (judgesWrite && slot.snap === undefined) {
    if (op.kind === 'create' && factory.beforeCreate) await factory.beforeCreate()
    slot.snap = await snapshot(op, fx)
  }
  let res: { status: number; body: any }
  try {
    res =
      op.via === 'admin'
        ? op.kind === 'copyToLocale'
          ? await copyToLocale(op, fx, p)
          : await scheduleServerFunction(op, fx, p)
        : op.via === 'GraphQL'
          ? await graphQLRequest(op, fx, state, p)
          : await restRequest(op, fx, state, p)
  } catch (err) {
    res = { status: 599, body: String(err) }
  }
  const problems: string[] = []
  const knownError = KNOWN_SERVER_ERRORS[`${op.entity} ${op.name}`]?.(p) ?? false
  if (knownError !== res.status >= 500)
    problems.push(
      knownError ? `no longer a server error: ${res.status}` : `server error ${res.status}`,
    )
  const allowed = outcome(op, fx, res)
  const want = expected(op, p, state)
  if (allowed !== want && !knownError)
    problems.push(
      `expected ${want ? 'allowed' : 'denied'}, got ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`,
    )
  if (judgesWrite) {
    const after = await snapshot(op, fx)
    const changed = after !== slot.snap
    if (!allowed && changed) problems.push('denied, but the database changed')
    if (allowed && !changed) problems.push('allowed, but nothing changed')
    if (changed) {
      slot.fx = slot.snap = undefined
      for (const key of [...readSlots.keys()])
        if (key.startsWith(`${op.entity}:`)) readSlots.delete(key)
    }
  }
  if (reads && !allowed && JSON.stringify(res.body ?? '').includes(fx.marker))
    problems.push('denied, but the answer contains the document')
  if (op.kind === 'listSchedules' && !allowed && (res.body?.docs?.length ?? 0) > 0)
    problems.push('denied, but the answer lists schedules')
  return problems.length
    ? `${op.name} on ${op.entity} (${state}) as ${p.name}: ${problems.join('; ')}`
    : null
}

// ---------------------------------------------------------------------------------------------

let operations: Op[] = []
let unknownOps: string[] = []

/**
 * Boots Payload and registers the matrix's tests, generated from the booted config, for the
 * collections and globals `part.entities` selects (`part.general`: also the tests of the whole
 * config). The matrix is split over two test files so that jest's two workers share it.
 */
export async function accessMatrix(part: {
  entities: (entity: string) => boolean
  general: boolean
}): Promise<void> {
  ctx = await bootPayload()
  {
    payload = ctx.payload
    client = api(ctx.config)
    schema = configToSchema(ctx.config).schema
    ;({ ops: operations, unknown: unknownOps } = operationsOf(ctx, schema))

    const rolesField = ctx.config.collections
      .find((c) => c.slug === 'users')!
      .flattenedFields.find((f) => f.name === 'roles') as unknown as {
      options: { value: string }[]
    }
    const variants: Omit<Principal, 'auth'>[] = rolesField.options.flatMap(({ value }) =>
      value === 'developer'
        ? [
            { name: 'developer', roles: [value] },
            { name: 'developer+canReadDrafts', roles: [value], canReadDrafts: true },
          ]
        : [{ name: value, roles: [value] }],
    )
    for (const v of variants) {
      const email = `${v.name.replace(/\W/g, '-')}@example.com`
      const apiKey = crypto.randomUUID()
      const user = await payload.create({
        collection: 'users',
        data: {
          email,
          password: PASSWORD,
          roles: v.roles as never,
          canReadDrafts: v.canReadDrafts ?? false,
          translatorLocales: ['de'],
          ...(v.roles.includes('developer') ? { enableAPIKey: true, apiKey } : {}),
        },
      })
      if (v.roles.includes('admin')) adminId = user.id
      const auth = v.roles.includes('developer')
        ? { apiKey }
        : {
            token: (
              await payload.login({ collection: 'users', data: { email, password: PASSWORD } })
            ).token,
          }
      principals.push({ ...v, auth, user: { ...user, collection: 'users' } })
    }
    principals.push({ name: 'anonymous', roles: [], auth: {} })
  }
  afterAll(() => shutdown(ctx))

  describe('access matrix (generated from the config and the GraphQL schema)', () => {
    if (part.general)
      test('every operation Payload offers is known to the matrix', () => {
        expect(unknownOps).toEqual([])
        // the suites named for the operations checked elsewhere exist
        for (const file of new Set(Object.values(COVERED_ELSEWHERE)))
          expect(fs.existsSync(path.join(process.cwd(), file))).toBe(true)
        // a sanity floor: the matrix really enumerates (a broken enumeration would pass vacuously)
        expect(operations.filter((o) => o.via === 'REST').length).toBeGreaterThan(80)
        expect(operations.filter((o) => o.via === 'GraphQL').length).toBeGreaterThan(60)
        expect(operations.some((o) => o.kind === 'restoreVersion' && o.entity === 'articles')).toBe(
          true,
        )
      })

    // one test per collection and global, so each reports (and times out) on its own
    const entities = [...new Set(operations.map((o) => o.entity))]
      .filter((entity) => !COVERED_ELSEWHERE[`collection ${entity}`])
      .filter(part.entities)
    test.each(entities)(
      '%s: every role × operation × draft/published',
      async (entity) => {
        const failures: string[] = []
        let cells = 0
        for (const op of operations) {
          if (op.entity !== entity || op.kind === 'meta' || op.kind === 'auth') continue
          const states: State[] =
            !op.global && versioned(op.entity) ? ['draft', 'published'] : ['published']
          for (const state of states) {
            const reads = READS.has(op.kind) || VERSION_READS.has(op.kind)
            const key = `${op.entity}:${state}`
            const slot: Slot = reads ? (readSlots.get(key) ?? {}) : {}
            if (reads) readSlots.set(key, slot)
            // the least privileged first: their denied writes leave the fixture for the next role
            for (const p of [...principals].reverse()) {
              cells++
              const failure = await cell(op, p, state, slot)
              if (failure) failures.push(failure)
            }
          }
        }
        expect(failures).toEqual([])
        expect(cells).toBeGreaterThanOrEqual(principals.length)
      },
      300_000,
    ) // articles take ~25 s on an idle machine, several times that on a busy one

    if (part.general)
      test('permission questions (access, docAccess) answer everyone without leaking documents', async () => {
        const fx = await FACTORIES.articles.make('draft', `m${uid()}`)
        for (const op of operations.filter((o) => o.kind === 'meta'))
          for (const p of principals) {
            const res =
              op.via === 'GraphQL'
                ? await graphQLRequest(op, fx, 'draft', p)
                : op.name === 'REST get /access'
                  ? await client.get('/access', p.auth)
                  : await client.post(
                      op.global ? `/globals/${op.entity}/access` : `/${op.entity}/access/${fx.id}`,
                      p.auth,
                    )
            expect([op.name, op.entity, p.name, res.status < 500]).toEqual([
              op.name,
              op.entity,
              p.name,
              true,
            ])
            expect(JSON.stringify(res.body)).not.toContain(fx.marker)
          }
      })
  })
}
