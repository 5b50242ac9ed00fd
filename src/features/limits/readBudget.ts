import type { PayloadRequest } from 'payload'
import { APIError } from 'payload'
import {
  getNamedType,
  GraphQLError,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql'

import { MAX_PAGE_SIZE } from './pageSize'
import { listLength } from './queryLimits'

/**
 * How much one read may populate. A page of articles costs Payload ~0.5 ms of CPU per document at
 * depth 0 and about as much again for every level of `depth` (each level reads the teasers, images
 * and locales of the one before, and the articles the teasers link to). Measured on the built
 * server (docs/limits.md): `depth=10&limit=100` was 1.6 s of CPU and 39–48 MB of JSON.
 */
export const READ_BUDGET = {
  /** `depth` of a REST read (also Payload's `maxDepth`: the Local API is clamped to it) */
  depth: 3,
  /**
   * anonymous REST reads: `limit × (depth + 1)` at most this (depth 0: 100 documents; the
   * default depth 2: 33; depth 3: 25). A read by id counts as `limit` 1.
   */
  documents: 100,
  /**
   * anonymous GraphQL operations: the documents the selection may populate, every list weighed by
   * its `limit` (10 when not given), a to-many relation (no `limit`) by `graphqlToMany`, aliases
   * and fragments included
   */
  graphqlDocuments: 200,
  /** what a to-many relation without `limit` (`relatedArticles`) is counted as */
  graphqlToMany: 2,
}

/** Payload's default page when a read names no `limit`. */
const DEFAULT_LIMIT = 10

const wholeNumber = (value: unknown): number | undefined => {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined
}

const depthError = (value: unknown) =>
  `depth must be a whole number from 0 to ${READ_BUDGET.depth} (got ${JSON.stringify(value)}); select related documents with populate[…] or read them by id.`

/**
 * REST reads (GET, as `pageSize`): `depth` at most READ_BUDGET.depth for everyone (Payload's admin
 * asks depth 0 or 1); for anonymous requests also `limit × (depth + 1)` at most
 * READ_BUDGET.documents, depth defaulting to Payload's `defaultDepth` (2) when not given. Staff are
 * not held to the page budget: the admin asks `limit=250` with an id list at depth 0, and they are
 * authenticated (and their logins limited). Checked against `req.query`, so our own Local API calls
 * inside a request are not limited.
 */
export function readBudget(req: PayloadRequest, args: unknown): void {
  if (req.payloadAPI !== 'REST' || req.method !== 'GET') return
  const query = (req.query ?? {}) as Record<string, unknown>
  let depth = req.payload?.config.defaultDepth ?? 2
  if (query.depth !== undefined) {
    const asked = wholeNumber(query.depth)
    if (asked === undefined || asked > READ_BUDGET.depth)
      throw new APIError(
        depthError(query.depth),
        400,
        { param: 'depth', value: query.depth, max: READ_BUDGET.depth },
        true,
      )
    depth = asked
  }
  if (req.user) return
  const byId = (args as { id?: unknown } | undefined)?.id !== undefined
  let limit = byId ? 1 : (wholeNumber(query.limit) ?? DEFAULT_LIMIT)
  // A page bounded by its id list (pageSize allows limit > 100 then) holds at most that many.
  const ids = listLength(
    ((query.where as Record<string, unknown> | undefined)?.id as { in?: unknown } | undefined)?.in,
  )
  if (ids !== undefined) limit = Math.min(limit, ids)
  const cost = limit * (depth + 1)
  if (cost > READ_BUDGET.documents) {
    const max = READ_BUDGET.documents
    const given = query.depth !== undefined ? `depth ${depth}` : `depth ${depth} (the default)`
    throw new APIError(
      `An anonymous read may populate at most ${max} documents (limit × (depth + 1)); limit ${limit} at ${given} is ${cost}. Ask for limit=${Math.floor(max / (depth + 1))} at depth ${depth}, or a lower depth (depth=0 allows limit=${Math.min(max, MAX_PAGE_SIZE)}).`,
      400,
      { limit: 'documents', max, cost, depth, pageSize: limit },
      true,
    )
  }
}

/** Document types of the schema: the items of paginated lists and what a read by id returns. */
const documentTypes = new WeakMap<GraphQLSchema, Set<string>>()
function documentTypesOf(schema: GraphQLSchema): Set<string> {
  let types = documentTypes.get(schema)
  if (types) return types
  types = new Set()
  for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) {
    const named = getNamedType(field.type)
    const docs = isObjectType(named) ? named.getFields().docs : undefined
    if (docs && field.args.some((a) => a.name === 'limit')) types.add(getNamedType(docs.type).name)
    else if (field.args.some((a) => a.name === 'id') && isObjectType(named)) types.add(named.name)
  }
  documentTypes.set(schema, types)
  return types
}

/**
 * How many documents a GraphQL document's operations may populate, summed over its operations:
 * a field with a `limit` argument (a find, versions, a join) multiplies its `docs` by that limit
 * (10 when not given, MAX_PAGE_SIZE when not a valid number: graphqlPageSize refuses it anyway), a
 * document-typed field counts 1, a list of documents without a limit (a to-many relation)
 * READ_BUDGET.graphqlToMany. Every alias and fragment spread counts; each fragment is walked once
 * per page size it is spread at (linear in the document's size). Saturates just above `max`.
 */
export function graphqlDocuments(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  max: number,
): number {
  const docTypes = documentTypesOf(schema)
  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition)
  const memo = new Map<string, number>()
  const cap = (n: number) => Math.min(n, max + 1)
  const limitOf = (node: FieldNode): number => {
    const arg = node.arguments?.find((a) => a.name.value === 'limit')
    if (!arg) return DEFAULT_LIMIT
    const value = valueFromASTUntyped(arg.value, variables ?? undefined)
    if (value === undefined || value === null) return DEFAULT_LIMIT
    const n = wholeNumber(value)
    return n !== undefined && n >= 1 && n <= MAX_PAGE_SIZE ? n : MAX_PAGE_SIZE
  }
  const typeNamed = (name: string | undefined, fallback: GraphQLCompositeType) => {
    const type = name ? schema.getType(name) : undefined
    return type && isCompositeType(type) ? type : fallback
  }
  const ofSet = (
    set: SelectionSetNode | undefined,
    parent: GraphQLCompositeType,
    page: number | undefined,
  ): number => {
    let count = 0
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        count += ofSet(
          selection.selectionSet,
          typeNamed(selection.typeCondition?.name.value, parent),
          page,
        )
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value)
        const key = `${selection.name.value}:${page ?? ''}`
        if (fragment && !memo.has(key)) {
          memo.set(key, 0) // a cycle (refused before this runs) adds nothing
          memo.set(
            key,
            ofSet(
              fragment.selectionSet,
              typeNamed(fragment.typeCondition.name.value, parent),
              page,
            ),
          )
        }
        count += memo.get(key) ?? 0
      } else if (selection.selectionSet && 'getFields' in parent) {
        const field = (parent.getFields() as Record<string, GraphQLField<unknown, unknown>>)[
          selection.name.value
        ]
        if (!field) continue
        const named = getNamedType(field.type)
        if (!isCompositeType(named)) continue
        const list = isListType(getNullableType(field.type))
        if (field.args.some((a) => a.name === 'limit')) {
          count += ofSet(selection.selectionSet, named, limitOf(selection))
        } else if (selection.name.value === 'docs' && page !== undefined) {
          count +=
            page *
            ((docTypes.has(named.name) ? 1 : 0) + ofSet(selection.selectionSet, named, undefined))
        } else {
          const times = list ? READ_BUDGET.graphqlToMany : 1
          count +=
            times *
            ((docTypes.has(named.name) ? 1 : 0) + ofSet(selection.selectionSet, named, undefined))
        }
      }
      count = cap(count)
    }
    return count
  }
  let total = 0
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue
    const root = schema.getRootType(definition.operation)
    if (root) total = cap(total + ofSet(definition.selectionSet, root, undefined))
  }
  return total
}

/**
 * The GraphQL read budget, for graphqlPreValidation: an anonymous operation that may populate
 * more than READ_BUDGET.graphqlDocuments documents is refused before anything walks or runs it.
 */
export function graphqlReadBudget(args: {
  schema: GraphQLSchema
  document: DocumentNode
  variableValues?: Record<string, unknown> | null
  contextValue?: unknown
}): GraphQLError | undefined {
  const req = (args.contextValue as { req?: PayloadRequest } | undefined)?.req
  if (req?.user) return
  const max = READ_BUDGET.graphqlDocuments
  let documents: number
  try {
    documents = graphqlDocuments(args.schema, args.document, args.variableValues, max)
  } catch {
    documents = Infinity // nested deeper than the stack allows
  }
  if (documents <= max) return
  return new GraphQLError(
    `An anonymous query may populate at most ${max} documents; this one may populate ${documents > max ? `more than ${max}` : documents} (each list counts its limit, 10 when not given; a to-many relation ${READ_BUDGET.graphqlToMany}; every alias counts). Ask for smaller pages or fewer nested relations, or split the query.`,
    { extensions: { statusCode: 400, limit: 'graphqlDocuments', max } },
  )
}
