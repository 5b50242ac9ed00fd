import type { Config, Field, Plugin } from 'payload'

import { extendCollections, extendField } from '../../utilities/config'
import { ensureLocales } from './ensureLocales'
import { graphQLLocaleFallback } from './graphqlLocaleFallback'
import { originalLanguage } from './originalLanguage'

type GraphQLExtension = NonNullable<NonNullable<Config['graphQL']>['queries']>

export type LanguagesOptions = {
  /** Collections whose `language` relationship (to `locales`) names a document's original language. */
  collections: string[]
}

/**
 * The site's languages: a Locale document for every configured locale (at start), the original
 * language of new documents, and GraphQL's `locale` argument falling back like REST's `?locale=`.
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
      collections: extendCollections(config, collections, (collection) => ({
        ...collection,
        fields: extendField(
          collection.fields,
          'language',
          (field) => ({ ...field, ...originalLanguage }) as Field,
        ),
      })),
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
