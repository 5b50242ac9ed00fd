import type { Access, Endpoint, PayloadRequest, SanitizedCollectionConfig } from 'payload'

import { APIError } from 'payload'

import type { DisclosureSettings } from './hooks'

import { AI_DISCLOSURE_GROUP } from '../constants'
import { nestedReq } from '../utilities/nestedReq'
import { APPROVAL_KEY } from './hooks'
import { reviewState } from './resolve'
import { textHashOf } from './textHash'

type AnyRecord = Record<string, unknown>

export type ApproveResult = {
  hash: string
  locale: string
  reviewedAt: string
  reviewerName: string
  reviewStatus: string
  versionId: null | string
}

const fail = (message: string, status: number): never => {
  throw new APIError(message, status, null, true)
}

/**
 * Approves the saved text of one locale: the server records the signed-in user, the time, the
 * latest version and the fingerprint of that text (nothing from the client but the locale). The
 * locale's live state is kept: a published locale is republished with the review, a draft stays a draft.
 */
export const approveText = async ({
  canApprove,
  collection,
  id,
  locale,
  req,
  settings,
}: {
  canApprove: Access
  collection: string
  id: string
  locale: unknown
  req: PayloadRequest
  settings: DisclosureSettings
}): Promise<ApproveResult> => {
  const user = req.user as (AnyRecord & { id: number | string }) | null
  if (!user) fail('Sign in to approve a text.', 401)
  if (!(await canApprove({ req }))) fail('You may not approve texts.', 403)
  if (typeof locale !== 'string' || !settings.locales.includes(locale)) {
    fail(`Name the locale to approve (${settings.locales.join(', ')}).`, 400)
  }
  if (!/^[\w-]{1,64}$/.test(id)) fail('Invalid id.', 400)
  const code = locale as string
  const config = (req.payload.collections as Record<string, { config: SanitizedCollectionConfig }>)[
    collection
  ]?.config
  if (!config) fail('Unknown collection.', 404)
  const drafts = Boolean(config!.versions?.drafts)

  // throws NotFound / Forbidden with the approver's own access
  const doc = (await req.payload.findByID({
    id,
    collection: collection as never,
    depth: 0,
    draft: drafts,
    fallbackLocale: 'none' as never,
    locale: code as never,
    overrideAccess: false,
    req: nestedReq(req),
    user,
  })) as unknown as AnyRecord
  const hash = textHashOf(doc, settings.textFields)
  if (!hash) return fail(`There is no text in "${code}" to approve.`, 400)

  let versionId: null | string = null
  if (config!.versions) {
    const { docs } = await req.payload.findVersions({
      collection: collection as never,
      depth: 0,
      limit: 1,
      overrideAccess: true,
      pagination: false,
      req: nestedReq(req),
      sort: '-updatedAt',
      where: { parent: { equals: id } },
    })
    versionId = docs[0] ? String(docs[0].id) : null
  } else {
    versionId = typeof doc.updatedAt === 'string' ? doc.updatedAt : null
  }

  const name = user!.name ?? user!.email ?? user!.id
  const review = {
    hash,
    migrated: false,
    reviewedAt: new Date().toISOString(),
    reviewerId: `${String(user!.collection ?? '')}:${String(user!.id)}`,
    reviewerName: String(name),
    versionId,
  }
  const published = drafts && doc._status === 'published'
  const localized = Boolean(
    (config!.versions?.drafts as undefined | { localizeStatus?: boolean })?.localizeStatus,
  )
  const saved = (await req.payload.update({
    id,
    collection: collection as never,
    context: { [APPROVAL_KEY]: { locale: code, review } },
    data: (published ? { _status: 'published' } : {}) as never,
    depth: 0,
    draft: drafts && !published,
    locale: code as never,
    overrideAccess: true,
    req: nestedReq(req),
    user,
    ...(published && localized ? { publishSpecificLocale: code } : {}),
  })) as unknown as AnyRecord
  const group = (saved[AI_DISCLOSURE_GROUP] ?? {}) as AnyRecord
  return {
    ...review,
    locale: code,
    reviewStatus: reviewState(group),
  }
}

/** `POST /api/<collection>/:id/approve?locale=de` */
export const createApproveEndpoint = ({
  canApprove,
  collection,
  settings,
}: {
  canApprove: Access
  collection: string
  settings: DisclosureSettings
}): Endpoint => ({
  handler: async (req) => {
    const id = String((req.routeParams as AnyRecord | undefined)?.id ?? '')
    const locale = new URL(req.url ?? 'http://localhost').searchParams.get('locale')
    const result = await approveText({ canApprove, collection, id, locale, req, settings })
    return Response.json(result)
  },
  method: 'post',
  path: '/:id/approve',
})

type GraphQLModule = typeof import('graphql')

/** The GraphQL mutation `approveAiDisclosure(collection, id, locale)`, same rules as REST. */
export const approveMutation = ({
  canApprove,
  settingsOf,
}: {
  canApprove: Access
  settingsOf: (collection: string) => DisclosureSettings | undefined
}) => {
  return (graphQL: GraphQLModule) => {
    const { GraphQLNonNull, GraphQLObjectType, GraphQLString } = graphQL
    const type = new GraphQLObjectType({
      name: 'AiDisclosureApproval',
      fields: {
        hash: { type: new GraphQLNonNull(GraphQLString) },
        locale: { type: new GraphQLNonNull(GraphQLString) },
        reviewedAt: { type: new GraphQLNonNull(GraphQLString) },
        reviewerName: { type: new GraphQLNonNull(GraphQLString) },
        reviewStatus: { type: new GraphQLNonNull(GraphQLString) },
        versionId: { type: GraphQLString },
      },
    })
    return {
      approveAiDisclosure: {
        type,
        args: {
          id: { type: new GraphQLNonNull(GraphQLString) },
          collection: { type: new GraphQLNonNull(GraphQLString) },
          locale: { type: new GraphQLNonNull(GraphQLString) },
        },
        resolve: async (
          _: unknown,
          args: { collection: string; id: string; locale: string },
          context: { req: PayloadRequest },
        ) => {
          const settings = settingsOf(args.collection)
          if (!settings) fail(`No AI disclosure for the collection "${args.collection}".`, 404)
          return approveText({
            canApprove,
            collection: args.collection,
            id: args.id,
            locale: args.locale,
            req: context.req,
            settings: settings!,
          })
        },
      },
    }
  }
}
