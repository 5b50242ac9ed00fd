/**
 * The operations under attack, generated from the app's sanitized Payload config (not a hand list):
 * every REST endpoint of every collection and global and the root endpoints (`endpoints` after
 * sanitization: Payload's own and ours), every Query and Mutation field of the GraphQL schema
 * Payload builds from the config, and the Next server functions of the build
 * (`.next/server/server-reference-manifest.json`). For each: the input classes of `restInputs`,
 * `graphQLInputs` and `actionInputs`.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { configToSchema } from '@payloadcms/graphql'
import { getNamedType, isInputObjectType, isNonNullType, type GraphQLField } from 'graphql'
import type { SanitizedConfig } from 'payload'

import { root } from '../helpers/server'
import type { Send } from './lib'

export type InputClass = 'malformed' | 'oversized' | 'nested' | 'distinct' | 'concurrent'
export const CLASSES: InputClass[] = ['malformed', 'oversized', 'nested', 'distinct', 'concurrent']
/** One request of an input class; `burst` requests are sent at once. */
export type Attack = { op: string; cls: InputClass; req: Send; burst?: number }

export type RestOp = { name: string; method: string; path: string; entity: string }
export type Fixtures = { ids: Record<string, string>; imageFile: string }

export function restOperations(config: SanitizedConfig): RestOp[] {
  const api = config.routes.api
  const ops: RestOp[] = []
  const add = (entity: string, base: string, e: { method: string; path: string }) =>
    ops.push({
      name: `${e.method.toUpperCase()} ${base}${e.path}`,
      method: e.method,
      path: `${api}${base}${e.path}`,
      entity,
    })
  for (const c of config.collections)
    for (const e of c.endpoints || []) add(c.slug, `/${c.slug}`, e)
  for (const g of config.globals)
    for (const e of g.endpoints || []) add(g.slug, `/globals/${g.slug}`, e)
  for (const e of config.endpoints || []) add('', '', e)
  return ops
}

export function graphQLFields(config: SanitizedConfig) {
  const { schema } = configToSchema(config)
  const fields: { kind: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> }[] = []
  for (const f of Object.values(schema.getQueryType()?.getFields() ?? {}))
    fields.push({ kind: 'query', field: f })
  for (const f of Object.values(schema.getMutationType()?.getFields() ?? {}))
    fields.push({ kind: 'mutation', field: f })
  return { schema, fields }
}

/** The server functions (`Next-Action` ids) and the page each is posted to. */
export function serverActions(): { id: string; page: string }[] {
  const file = path.join(root, '.next', 'server', 'server-reference-manifest.json')
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    node: Record<string, { workers: Record<string, unknown> }>
  }
  return Object.entries(manifest.node).map(([id, a]) => {
    const worker = Object.keys(a.workers)[0] ?? 'app/(payload)/admin/[[...segments]]/page'
    const page = worker
      .replace(/^app/, '')
      .replace(/\/\([^)]*\)/g, '')
      .replace(/\/\[\[?\.\.\.[^\]]+\]\]?/g, '')
      .replace(/\/page$/, '')
    return { id, page: page || '/' }
  })
}

// ---------------------------------------------------------------------------------------------

const rand = () => crypto.randomBytes(6).toString('hex')
const json = { 'content-type': 'application/json' }
const BAD_UTF8 = Buffer.concat([
  Buffer.from('{"title":"'),
  Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
  Buffer.from('"}'),
])
const nestedArrays = (n: number) => '['.repeat(n) + ']'.repeat(n)
const deepWhereQs = (n: number) => `where${'[and][0]'.repeat(n)}[id][equals]=1`
const sample = (p: string, fx: Fixtures, entity: string) =>
  p
    .replace(/\/:id\?/g, `/${fx.ids[entity] ?? '1'}`)
    .replace(/:id/g, fx.ids[entity] ?? '1')
    .replace(/:filename/g, fx.imageFile)
    .replace(/:collection/g, 'articles')
    .replace(/:jobId/g, '1')
    .replace(/:key/g, 'hostile-pref')
    .replace(/:(\w+)\??/g, 'x')

/** Scale of the many-distinct and concurrent classes (HOSTILE_SCALE, default 1). */
const SCALE = Number(process.env.HOSTILE_SCALE || 1)
const N_DISTINCT = Math.max(2, Math.round(4 * SCALE))
const N_BURST = Math.max(2, Math.round(6 * SCALE))

export function restInputs(
  op: RestOp,
  fx: Fixtures,
  headers: Record<string, string> = {},
): Attack[] {
  const path = sample(op.path, fx, op.entity)
  const method = op.method.toUpperCase()
  const hasBody = method !== 'GET'
  const out: Attack[] = []
  const add = (cls: InputClass, req: Omit<Send, 'method'> & { method?: string }, burst?: number) =>
    out.push({
      op: op.name,
      cls,
      req: { method, ...req, headers: { ...headers, ...req.headers } },
      burst,
    })
  // malformed: path parameters, query strings, bodies
  if (/:\w/.test(op.path)) {
    for (const bad of ['%ZZ', '%C0%AF', 'x'.repeat(2000), '1e309'])
      add('malformed', { path: op.path.replace(/:\w+\??/g, bad).replace(/^/, '') })
  }
  for (const q of [
    'where=x',
    'where[title][equals]=%FF%FE&where[id][in]=a,b&where[id][exists]=maybe',
    'depth=-1&limit=abc&page=0&sort=%ZZ&select=x&populate=x&joins=x',
    'locale=xx&fallback-locale=%00&draft=maybe&where[or][0]=x',
  ])
    add('malformed', { path: `${path}?${q}` })
  if (hasBody) {
    for (const body of ['{"a":', '[]', '{"title":{"a":1},"id":[],"_status":7,"email":{}}'])
      add('malformed', { path, headers: json, body })
    add('malformed', { path, headers: json, body: BAD_UTF8 })
    add('malformed', {
      path,
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: '--y\r\n\r\n',
    })
    add('malformed', {
      path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=%ZZ&_payload=%7B',
    })
  }
  // oversized: a long query string (under Node's header limit) and a body near the 2 MB limit
  add('oversized', { path: `${path}?where[title][like]=${'w '.repeat(5000).replaceAll(' ', '+')}` })
  if (hasBody)
    add('oversized', {
      path,
      headers: json,
      body: JSON.stringify({ title: 'x'.repeat(1_000_000) }),
    })
  // deeply nested: where in the query string, JSON arrays in the body
  add('nested', { path: `${path}?${deepWhereQs(40)}` })
  if (hasBody) add('nested', { path, headers: json, body: nestedArrays(50_000) })
  // many distinct values: keys of caches and throttles
  for (let i = 0; i < N_DISTINCT; i++) {
    const v = rand()
    add('distinct', {
      path: `${path}?where[title][equals]=${v}&locale=de&x${v}=1`,
      ...(hasBody
        ? { headers: json, body: JSON.stringify({ [`k${v}`]: v, email: `${v}@example.com` }) }
        : {}),
    })
  }
  // a concurrent burst of the same request
  add('concurrent', { path: `${path}?where[title][like]=burst&depth=2` }, N_BURST)
  return out
}

/** GraphQL: each field with each input class (arguments typed by the schema where it matters). */
export function graphQLInputs(
  f: { kind: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> },
  endpoint: string,
  headers: Record<string, string> = {},
): Attack[] {
  const name = `GraphQL ${f.kind} ${f.field.name}`
  const out: Attack[] = []
  const post = (cls: InputClass, body: string | Buffer, burst?: number) =>
    out.push({
      op: name,
      cls,
      req: { method: 'POST', path: endpoint, headers: { ...json, ...headers }, body },
      burst,
    })
  const args = f.field.args
  const required = args.filter((a) => isNonNullType(a.type))
  const call = (values: Record<string, string>) => {
    const list = Object.entries(values).map(([k, v]) => `${k}: ${v}`)
    return list.length ? `(${list.join(', ')})` : ''
  }
  const fillRequired = (v: string) => Object.fromEntries(required.map((a) => [a.name, v]))
  const doc = (values: Record<string, string>, vars = '') =>
    `${f.kind}${vars} { ${f.field.name}${call(values)} { __typename } }`
  // malformed
  post('malformed', JSON.stringify({ query: doc(fillRequired('{ a: 1 }')) }))
  post('malformed', JSON.stringify({ query: doc(fillRequired('"x"')) }))
  post('malformed', JSON.stringify({ query: `${f.kind} { ${f.field.name}(` }))
  post('malformed', JSON.stringify({ query: doc({}), variables: 'str', operationName: 5 }))
  const typed = args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ')
  const wrong = Object.fromEntries(args.map((a) => [a.name, { $ne: null, a: [1e309] }]))
  if (args.length)
    post(
      'malformed',
      JSON.stringify({
        query: doc(Object.fromEntries(args.map((a) => [a.name, `$${a.name}`])), `(${typed})`),
        variables: wrong,
      }),
    )
  post('malformed', BAD_UTF8)
  // oversized: a 1 MB string argument, a field aliased 300 times
  if (args.length) {
    const big = Object.fromEntries(args.map((a) => [a.name, 'x'.repeat(1_000_000)]))
    post(
      'oversized',
      JSON.stringify({
        query: doc(Object.fromEntries(args.map((a) => [a.name, `$${a.name}`])), `(${typed})`),
        variables: big,
      }),
    )
  }
  const aliases = Array.from(
    { length: 300 },
    (_, i) => `a${i}: ${f.field.name}${call(fillRequired('1'))} { __typename }`,
  )
  post('oversized', JSON.stringify({ query: `${f.kind} { ${aliases.join(' ')} }` }))
  // nested: a where of 30 levels (a valid input) where the field takes one; braces 5,000 deep
  const where = args.find((a) => a.name === 'where')
  if (where && isInputObjectType(getNamedType(where.type))) {
    const deep = '{ AND: ['.repeat(30) + '{ id: { equals: 1 } }' + '] }'.repeat(30)
    post('nested', JSON.stringify({ query: doc({ ...fillRequired('1'), where: deep }) }))
  }
  post(
    'nested',
    JSON.stringify({
      query: `${f.kind} { ${f.field.name} ${'{ a '.repeat(5000)}${'}'.repeat(5000)} }`,
    }),
  )
  // many distinct query texts (the parsed-query memo's keys)
  for (let i = 0; i < N_DISTINCT; i++)
    post('distinct', JSON.stringify({ query: `${doc(fillRequired('1'))} # ${rand()}` }))
  post('concurrent', JSON.stringify({ query: doc(fillRequired('1')) }), N_BURST)
  return out
}

/** Next server functions: posted to their page with `Next-Action`, the admin's content type. */
export function actionInputs(
  a: { id: string; page: string },
  headers: Record<string, string> = {},
): Attack[] {
  const name = `Next action ${a.id.slice(0, 10)}… (${a.page})`
  const h = {
    ...headers,
    'next-action': a.id,
    'content-type': 'text/plain;charset=UTF-8',
    accept: 'text/x-component',
  }
  const out: Attack[] = []
  const post = (
    cls: InputClass,
    body: string | Buffer,
    burst?: number,
    extra: Record<string, string> = {},
  ) =>
    out.push({
      op: name,
      cls,
      req: { method: 'POST', path: a.page, headers: { ...h, ...extra }, body },
      burst,
    })
  for (const body of [
    '{"a":',
    '[{"name":"render-list","args":{"collectionSlug":{"a":1}}}]',
    '[{"name":"form-state","args":{"collectionSlug":"articles","schemaPath":["x"],"formState":7}}]',
    '[{"name":"no-such-function","args":null}]',
    '["$@0"]',
    '[{"name":"render-document","args":{"collectionSlug":"articles","docID":"%ZZ"}}]',
  ])
    post('malformed', body)
  post('malformed', BAD_UTF8)
  post('malformed', '[]', undefined, { 'content-type': 'multipart/form-data; boundary=x' })
  post('oversized', JSON.stringify([{ name: 'form-state', args: { x: 'x'.repeat(1_000_000) } }]))
  post('nested', nestedArrays(50_000))
  post('nested', '[' + '{"a":'.repeat(5000) + '1' + '}'.repeat(5000) + ']')
  for (let i = 0; i < N_DISTINCT; i++)
    post(
      'distinct',
      JSON.stringify([
        { name: 'render-list', args: { collectionSlug: 'articles', query: { search: rand() } } },
      ]),
    )
  post(
    'concurrent',
    JSON.stringify([{ name: 'render-list', args: { collectionSlug: 'articles' } }]),
    N_BURST,
  )
  return out
}
