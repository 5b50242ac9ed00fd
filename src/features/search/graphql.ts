// The GraphQL `search` query: the same search as `GET /api/search`, typed.
import type { GraphQLFieldConfig } from 'graphql'
import { APIError, type PayloadRequest } from 'payload'

import { SearchUnavailableError } from './engine'
import { searchFor } from './service'
import { SearchInputError } from './query'

type GraphQLModule = typeof import('graphql')

/** `search(q, locale, limit, page): SearchResult`, built with Payload's copy of `graphql`. */
export function searchGraphQL(
  GraphQL: GraphQLModule,
): Record<string, GraphQLFieldConfig<unknown, { req: PayloadRequest }>> {
  const {
    GraphQLBoolean,
    GraphQLInt,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLString,
    GraphQLFloat,
  } = GraphQL
  type Item =
    | import('graphql').GraphQLObjectType
    | import('graphql').GraphQLScalarType
    | import('graphql').GraphQLList<import('graphql').GraphQLOutputType>
  const list = (t: Item) => new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(t)))
  const string = new GraphQLNonNull(GraphQLString)
  const Highlighted = new GraphQLObjectType({
    name: 'SearchHighlighted',
    description: 'A text with the ranges (start, end) of the words that matched.',
    fields: {
      text: { type: string },
      highlights: { type: list(new GraphQLList(new GraphQLNonNull(GraphQLInt))) },
    },
  })
  const Label = new GraphQLObjectType({
    name: 'SearchLabel',
    fields: { kind: { type: string }, text: { type: string } },
  })
  const Hit = new GraphQLObjectType({
    name: 'SearchHit',
    fields: {
      collection: { type: string },
      id: { type: string },
      locale: { type: string },
      title: { type: new GraphQLNonNull(Highlighted) },
      lead: { type: string },
      snippet: { type: new GraphQLNonNull(Highlighted) },
      href: { type: GraphQLString },
      origin: { type: string, description: 'The AI origin of this language version.' },
      labels: { type: list(Label) },
      firstPublishedAt: { type: GraphQLString },
      score: { type: new GraphQLNonNull(GraphQLFloat) },
    },
  })
  const Result = new GraphQLObjectType({
    name: 'SearchResult',
    fields: {
      query: { type: string },
      locale: { type: string },
      index: { type: string, description: '`public`, or `staff` for users who may read drafts.' },
      page: { type: new GraphQLNonNull(GraphQLInt) },
      limit: { type: new GraphQLNonNull(GraphQLInt) },
      total: { type: new GraphQLNonNull(GraphQLInt) },
      totalCapped: {
        type: new GraphQLNonNull(GraphQLBoolean),
        description: '`total` is a lower bound: more documents match than are ranked.',
      },
      totalPages: { type: new GraphQLNonNull(GraphQLInt) },
      docs: { type: list(Hit) },
    },
  })
  return {
    search: {
      type: new GraphQLNonNull(Result),
      description: 'Articles and teasers in one language, best first (docs/search.md).',
      args: {
        q: { type: string },
        locale: { type: string },
        limit: { type: GraphQLInt },
        page: { type: GraphQLInt },
      },
      resolve: async (_source, args, { req }) => {
        try {
          return (await searchFor(req, args as Record<string, unknown>)).result
        } catch (err) {
          if (err instanceof SearchInputError) throw new APIError(err.message, 400, undefined, true)
          if (err instanceof SearchUnavailableError)
            throw new APIError(err.message, 501, undefined, true)
          throw err
        }
      },
    },
  }
}
