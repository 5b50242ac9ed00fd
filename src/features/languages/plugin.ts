import type {
  CollectionBeforeDeleteHook,
  CollectionConfig,
  CollectionSlug,
  Config,
  Field,
  Plugin,
} from 'payload'
import { APIError } from 'payload'

import { appendHooks, extendCollections, extendField } from '../../utilities/config'
import { nestedReq } from '../../utilities/nestedReq'
import { ensureLocales } from './ensureLocales'
import { graphQLLocaleFallback } from './graphqlLocaleFallback'
import { originalLanguage } from './originalLanguage'

type GraphQLExtension = NonNullable<NonNullable<Config['graphQL']>['queries']>

export type LanguagesOptions = {
  /** Collections whose `language` relationship (to `locales`) names a document's original language. */
  collections: string[]
}

// Documents point at their Locale; deleting one in use would orphan them.
const refuseLocaleInUse =
  (collections: string[]): CollectionBeforeDeleteHook =>
  async ({ id, req }) => {
    for (const collection of collections) {
      const { totalDocs } = await req.payload.count({
        collection: collection as CollectionSlug,
        where: { language: { equals: id } },
        req: nestedReq(req),
      })
      if (totalDocs)
        throw new APIError(
          `This locale is the language of ${totalDocs} ${collection}; change those first.`,
          409,
          { collection, totalDocs },
          true,
        )
    }
  }

const withOriginalLanguage = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  fields: extendField(
    collection.fields,
    'language',
    (field) => ({ ...field, ...originalLanguage }) as Field,
  ),
})

/**
 * The site's languages: a Locale document for every configured locale (at start), the original
 * language of new documents (a Locale in use is not deleted), and GraphQL's `locale` argument
 * falling back like REST's `?locale=`.
 */
export const languagesPlugin =
  ({ collections }: LanguagesOptions): Plugin =>
  (config) => {
    const graphQL = config.graphQL ?? {}
    const extend =
      (own: GraphQLExtension | undefined, fallback: GraphQLExtension): GraphQLExtension =>
      (GraphQL, schema) => ({ ...own?.(GraphQL, schema), ...fallback(GraphQL, schema) })
    return {
      ...config,
      collections: extendCollections(
        extendCollections(config.collections, collections, withOriginalLanguage),
        ['locales'],
        (locales) => ({
          ...locales,
          hooks: appendHooks(locales.hooks, { beforeDelete: [refuseLocaleInUse(collections)] }),
        }),
      ),
      graphQL: {
        ...graphQL,
        queries: extend(graphQL.queries, graphQLLocaleFallback.queries as GraphQLExtension),
        mutations: extend(graphQL.mutations, graphQLLocaleFallback.mutations as GraphQLExtension),
      },
      onInit: async (payload) => {
        await ensureLocales(payload)
        await config.onInit?.(payload)
      },
    }
  }
