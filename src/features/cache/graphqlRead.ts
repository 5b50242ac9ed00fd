/**
 * Which GraphQL requests the response cache may look up: a query (the operation that would run is
 * not a mutation or subscription) with no draft and no version read anywhere in the parsed
 * document — an argument `draft` that is not the literal `false` (a variable counts by its value or
 * default), or a field named `version…` (Payload's `versionArticle`, `versionsArticles`, …). Read
 * from graphql's own parser, so comments, whitespace, aliases and fragments cannot hide anything.
 * Payload decides again from inside (src/features/cache/publicMark.ts); this only keeps such requests away
 * from stored answers.
 *
 * Only queries of at most MAX_CACHED_QUERY_CHARS are candidates (a client's real queries are a
 * few KB); the memo of analysed queries is keyed by a hash of the text, bounded by bytes, and
 * never holds invalid documents, so distinct hostile queries cannot pile up in memory.
 */
import crypto from 'node:crypto'

import { type DocumentNode, Kind, parse, visit, type ValueNode } from 'graphql'
import { LRUCache } from 'lru-cache'

export type GraphQLRequest = { query: string; variables?: unknown; operationName?: string | null }

type Parsed = {
  /** Operation name ('' for an anonymous one) → its type. */
  operations: Map<string, string>
  /** Whether a field named `version…` appears. */
  versions: boolean
  /** `draft` arguments: whether a literal one is `false`, or the name of its variable. */
  draft: { literalFalse?: boolean; variable?: string }[]
  /** Whether a variable's default value is the literal `false`, by name. */
  defaults: Map<string, boolean>
}

/** Longest query text the cache looks up; longer ones go to Payload uncached. */
export const MAX_CACHED_QUERY_CHARS = 16 * 1024

const sizeOf = (parsed: Parsed) =>
  // the analysis is small next to the text it came from: its names, plus a fixed overhead
  256 +
  [...parsed.operations.keys(), ...parsed.defaults.keys()].reduce((n, k) => n + 2 * k.length, 0) +
  [...parsed.draft].reduce((n, d) => n + 64 + 2 * (d.variable?.length ?? 0), 0) +
  64 * parsed.defaults.size

// Analyses by a hash of the query text: clients send the same few queries again and again.
const parsedQueries = new LRUCache<string, Parsed>({
  maxSize: 1024 * 1024,
  sizeCalculation: sizeOf,
})

/** Bytes the memo of analysed queries holds (for tests and metrics). */
export const parsedQueryBytes = () => parsedQueries.calculatedSize

const literalIsFalse = (node: ValueNode | undefined) =>
  node?.kind === Kind.BOOLEAN && node.value === false

// A copy: a name the parser sliced out of the query would keep the whole query text alive.
const own = (name: string) => Buffer.from(name, 'utf8').toString('utf8')

function analyse(query: string): Parsed | 'invalid' {
  let document: DocumentNode
  try {
    // no locations: nothing kept may hold on to the query's text
    document = parse(query, { noLocation: true })
  } catch {
    return 'invalid' // Payload answers the syntax error; nothing is stored
  }
  const parsed: Parsed = { operations: new Map(), versions: false, draft: [], defaults: new Map() }
  visit(document, {
    OperationDefinition(node) {
      parsed.operations.set(own(node.name?.value ?? ''), node.operation)
    },
    VariableDefinition(node) {
      if (node.defaultValue)
        parsed.defaults.set(own(node.variable.name.value), literalIsFalse(node.defaultValue))
    },
    Field(node) {
      if (/^version/i.test(node.name.value)) parsed.versions = true
    },
    Argument(node) {
      if (node.name.value !== 'draft') return
      if (node.value.kind === Kind.VARIABLE)
        parsed.draft.push({ variable: own(node.value.name.value) })
      else parsed.draft.push({ literalFalse: literalIsFalse(node.value) })
    },
  })
  return parsed
}

const isFalse = (value: unknown) => value === false

/** Whether this request is a plain published read that the response cache may look up. */
export function isPublicQuery({ query, variables, operationName }: GraphQLRequest): boolean {
  if (typeof query !== 'string' || !query || query.length > MAX_CACHED_QUERY_CHARS) return false
  const key = crypto.createHash('sha256').update(query).digest('base64url')
  let parsed: Parsed | 'invalid' | undefined = parsedQueries.get(key)
  if (!parsed) {
    parsed = analyse(query)
    if (parsed !== 'invalid') parsedQueries.set(key, parsed)
  }
  if (parsed === 'invalid' || parsed.versions) return false
  const type = operationName
    ? parsed.operations.get(operationName)
    : parsed.operations.size === 1
      ? [...parsed.operations.values()][0]
      : undefined
  if (type !== 'query') return false
  const values = (variables && typeof variables === 'object' ? variables : {}) as Record<
    string,
    unknown
  >
  return parsed.draft.every(({ literalFalse, variable }) => {
    if (!variable) return literalFalse === true
    if (variable in values) return isFalse(values[variable])
    // Not given: the variable's default, and without one the argument is absent (no draft).
    const fallback = parsed.defaults.get(variable)
    return fallback === undefined || fallback
  })
}
