import type { PayloadRequest } from 'payload'
import { APIError } from 'payload'
import {
  GraphQLError,
  Kind,
  NoFragmentCyclesRule,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql'

/**
 * The work a client's `where` may ask of the database. Payload turns every word of a `like` into
 * its own `LIKE '%word%'` (SQLite refuses more than 1,000 nested expressions: a 500), walks `and` /
 * `or` recursively (10,000 levels overflow the stack: a 500) and sends every item of an `in` list
 * as a parameter. Our own Local API calls are not limited.
 */
export const QUERY_LIMITS = {
  /** `and` / `or` levels */
  depth: 8,
  /** field conditions in one `where` (joins' `where` included) */
  conditions: 100,
  /** characters of one `like` / `not_like` / `contains` value */
  termChars: 500,
  /** words of one `like` / `not_like` value (Payload matches each word on its own) */
  termWords: 32,
  /** words of all `like` / `not_like` values together */
  totalWords: 200,
  /** items of one `in` / `not_in` / `all` list (the length of qs's arrays, which REST uses) */
  listItems: 1000,
  /** nesting of GraphQL variables (a `where` input nested 8 levels is ~20) */
  graphqlVariableDepth: 64,
  /**
   * fields a GraphQL document selects once every fragment spread is expanded (a page of articles
   * with all their fields and relations at depth 2 is a few hundred)
   */
  graphqlSelections: 5000,
  /**
   * top-level fields of one operation, aliases and fragments expanded: each runs its own
   * resolver and database reads (a list aliased 300 times is 300 lists); a page needs a handful
   */
  graphqlRootFields: 25,
}

const TERM_OPERATORS = new Set(['like', 'not_like', 'contains'])
const WORD_OPERATORS = new Set(['like', 'not_like'])
const LIST_OPERATORS = new Set(['in', 'not_in', 'all'])

const refuse = (message: string, data: Record<string, unknown>): never => {
  throw new APIError(message, 400, data, true)
}

/** Words as Payload's SQL adapters split a `like` value. */
const wordsOf = (value: string) => value.split(' ').length

/**
 * Checks one `where` iteratively (a deeply nested one must not overflow the stack here either).
 * Values may be strings (REST) or arrays / comma lists for `in`.
 */
/**
 * How many values an `in`-style operand holds, in the forms Payload takes: an array, an object
 * (the query string's `[0]=…&[1]=…`), or a comma-separated string; undefined for anything else.
 */
export function listLength(operand: unknown): number | undefined {
  if (Array.isArray(operand)) return operand.length
  if (operand && typeof operand === 'object') return Object.keys(operand).length
  if (typeof operand === 'string') return operand.split(',').length
  return undefined
}

export function checkWhere(where: unknown, counts = { conditions: 0, words: 0 }): void {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: where, depth: 0 }]
  while (stack.length) {
    const { node, depth } = stack.pop()!
    if (!node || typeof node !== 'object') continue
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      const lower = key.toLowerCase()
      if (
        (lower === 'and' || lower === 'or') &&
        (Array.isArray(value) || typeof value === 'object')
      ) {
        if (depth + 1 > QUERY_LIMITS.depth)
          refuse(`The where query nests and/or deeper than ${QUERY_LIMITS.depth} levels.`, {
            limit: 'depth',
            max: QUERY_LIMITS.depth,
          })
        for (const child of Object.values(value as object))
          stack.push({ node: child, depth: depth + 1 })
        continue
      }
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        counts.conditions++
        continue
      }
      for (const [operator, operand] of Object.entries(value as Record<string, unknown>)) {
        if (++counts.conditions > QUERY_LIMITS.conditions)
          refuse(`The where query has more than ${QUERY_LIMITS.conditions} conditions.`, {
            limit: 'conditions',
            max: QUERY_LIMITS.conditions,
          })
        checkOperand(key, operator, operand, counts)
      }
    }
  }
}

function checkOperand(
  path: string,
  operator: string,
  operand: unknown,
  counts: { words: number },
): void {
  if (TERM_OPERATORS.has(operator) && typeof operand === 'string') {
    if (operand.length > QUERY_LIMITS.termChars)
      refuse(
        `where[${path}][${operator}] is too long (${operand.length} characters; at most ${QUERY_LIMITS.termChars}).`,
        { path, operator, limit: 'termChars', max: QUERY_LIMITS.termChars },
      )
    if (WORD_OPERATORS.has(operator)) {
      const words = wordsOf(operand)
      if (words > QUERY_LIMITS.termWords)
        refuse(
          `where[${path}][${operator}] has too many words (${words}; at most ${QUERY_LIMITS.termWords}).`,
          { path, operator, limit: 'termWords', max: QUERY_LIMITS.termWords },
        )
      counts.words += words
      if (counts.words > QUERY_LIMITS.totalWords)
        refuse(
          `The where query's like terms have more than ${QUERY_LIMITS.totalWords} words together.`,
          { limit: 'totalWords', max: QUERY_LIMITS.totalWords },
        )
    }
    return
  }
  if (LIST_OPERATORS.has(operator)) {
    const items = listLength(operand) ?? 1
    if (items > QUERY_LIMITS.listItems)
      refuse(
        `where[${path}][${operator}] lists too many values (${items}; at most ${QUERY_LIMITS.listItems}).`,
        { path, operator, limit: 'listItems', max: QUERY_LIMITS.listItems },
      )
  }
}

/** The `where` of a REST or GraphQL operation and of its joins. */
export function queryLimits(req: PayloadRequest, args: unknown): void {
  if (req.payloadAPI !== 'REST' && req.payloadAPI !== 'GraphQL') return
  const { where, joins } = (args ?? {}) as { where?: unknown; joins?: unknown }
  const counts = { conditions: 0, words: 0 }
  if (where) checkWhere(where, counts)
  if (joins && typeof joins === 'object')
    for (const join of Object.values(joins)) {
      if (join && typeof join === 'object' && 'where' in join) checkWhere(join.where, counts)
    }
}

/** Deepest nesting of a JSON value, iteratively. */
function depthOf(value: unknown, max: number): number {
  const stack: Array<[unknown, number]> = [[value, 0]]
  let deepest = 0
  while (stack.length) {
    const [node, depth] = stack.pop()!
    if (depth > deepest) deepest = depth
    if (deepest > max) return deepest
    if (node && typeof node === 'object')
      for (const child of Object.values(node)) stack.push([child, depth + 1])
  }
  return deepest
}

/**
 * Counts the fields a selection set selects with every fragment spread expanded, as Payload's
 * complexity rule and the executor would walk them (`nested`: the fields of fields too, else the
 * top level only). Linear in the document's size: each fragment is counted once and its count
 * reused for every spread (a fragment spreading the next one twice, 20 levels deep, selects ~2^20
 * fields while its text is 2.5 KB). Counts saturate just above `max`.
 */
function selectionCounter(document: DocumentNode, max: number, nested: boolean) {
  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition)
  const memo = new Map<string, number>()
  const ofSet = (set: SelectionSetNode | undefined): number => {
    let count = 0
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) count += 1 + (nested ? ofSet(selection.selectionSet) : 0)
      else if (selection.kind === Kind.INLINE_FRAGMENT) count += ofSet(selection.selectionSet)
      else {
        const name = selection.name.value
        if (!memo.has(name)) {
          memo.set(name, 0) // a cycle (refused before this runs) adds nothing
          memo.set(name, ofSet(fragments.get(name)?.selectionSet))
        }
        count += memo.get(name)!
      }
      count = Math.min(count, max + 1)
    }
    return count
  }
  return ofSet
}

const operationsOf = (document: DocumentNode) =>
  document.definitions.filter(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  )

/** How many fields the document's operations select in all (see `selectionCounter`). */
export function expandedSelections(document: DocumentNode, max: number): number {
  const count = selectionCounter(document, max, true)
  return operationsOf(document).reduce(
    (total, operation) => Math.min(total + count(operation.selectionSet), max + 1),
    0,
  )
}

/** The most top-level fields any one operation of the document selects, aliases and spreads expanded. */
export function rootFields(document: DocumentNode, max: number): number {
  const count = selectionCounter(document, max, false)
  return operationsOf(document).reduce(
    (most, operation) => Math.max(most, count(operation.selectionSet)),
    0,
  )
}

const EMPTY_DOCUMENT: DocumentNode = { kind: Kind.DOCUMENT, definitions: [] }

/**
 * Checks that must run before GraphQL's validation rules: graphql-js runs all rules side by side,
 * and Payload's complexity rule follows fragment spreads (a cycle overflows the stack; a fan-out
 * of spreads is walked again for every spread, exponential in the nesting) and coerces the
 * variables (10,000 levels overflow it too). When one fails, validation sees an empty document
 * and reports only these errors, so nothing else walks the hostile one.
 */
export type PreValidationArgs = {
  schema: GraphQLSchema
  document: DocumentNode
  variableValues?: Record<string, unknown> | null
  contextValue?: unknown
}

export function graphqlPreValidation(
  args: PreValidationArgs,
  /** further checks, run in order after these once they passed (the read budget) */
  more: Array<(args: PreValidationArgs) => GraphQLError | undefined> = [],
): ValidationRule[] {
  const errors: GraphQLError[] = []
  if (
    depthOf(args.variableValues, QUERY_LIMITS.graphqlVariableDepth) >
    QUERY_LIMITS.graphqlVariableDepth
  )
    errors.push(
      new GraphQLError(
        `The variables nest deeper than ${QUERY_LIMITS.graphqlVariableDepth} levels.`,
      ),
    )
  if (!errors.length) errors.push(...validate(args.schema, args.document, [NoFragmentCyclesRule]))
  if (!errors.length) {
    const max = QUERY_LIMITS.graphqlSelections
    let selections: number
    try {
      selections = expandedSelections(args.document, max)
    } catch {
      selections = Infinity // nested deeper than the stack allows: refused as too large
    }
    if (selections > max) {
      const fragments = args.document.definitions.filter(
        (d) => d.kind === Kind.FRAGMENT_DEFINITION,
      ).length
      errors.push(
        new GraphQLError(
          `The query selects more than ${max} fields once its ${fragments} fragments are expanded. Select fewer fields or spread fragments less often.`,
          { extensions: { statusCode: 400, limit: 'graphqlSelections', max, fragments } },
        ),
      )
    }
  }
  if (!errors.length) {
    const max = QUERY_LIMITS.graphqlRootFields
    if (rootFields(args.document, max) > max)
      errors.push(
        new GraphQLError(
          `An operation selects more than ${max} top-level fields (aliases and fragments included). Split it into several requests.`,
          { extensions: { statusCode: 400, limit: 'graphqlRootFields', max } },
        ),
      )
  }
  for (const check of more) {
    if (errors.length) break
    const error = check(args)
    if (error) errors.push(error)
  }
  if (!errors.length) return []
  ;(args as { document: DocumentNode }).document = EMPTY_DOCUMENT
  return [
    (context) => ({
      Document() {
        errors.forEach((error) => context.reportError(error))
      },
    }),
  ]
}
