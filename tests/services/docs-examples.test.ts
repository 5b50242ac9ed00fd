/**
 * The developer docs' examples, run as written: every `sh` block of docs/api.md (in order, as one
 * script, so later blocks use the variables earlier ones set) and the `curl` blocks of the README and
 * the feature pages (docs/publishing.md, docs/site.md), with
 * `curl` and `jq`, against a real HTTP server (Express with Payload's REST and GraphQL handlers, as
 * src/server/serve.ts mounts them) on a free port. Only the address and the reader's variables are
 * filled in; any example that fails (a `curl` error such as `bad range`, an HTTP error) fails here.
 */
import { spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import express from 'express'
import type { Payload } from 'payload'

import { isApiPath, payloadApi, sendWebResponse, toWebRequest } from '../../src/server/payloadApi'
import { bodySizeLimit } from '../../src/features/limits/bodySizeLimit'
import { bootPayload, loginAs, shutdown, type TestContext } from '../helpers/payload'

const root = path.resolve(import.meta.dirname, '../..')
const EMAIL = 'docs-editor@example.com'
const PASSWORD = 'test-password-123' // loginAs's

let ctx: TestContext
let payload: Payload
let server: http.Server
let base: string
let article: { id: string; slug: string }

beforeAll(async () => {
  ctx = await bootPayload()
  payload = ctx.payload
  await loginAs(payload, EMAIL, ['editor'])
  const doc = await payload.create({
    collection: 'articles',
    locale: 'en',
    data: { title: 'Docs election article', summary: 'Lead.', _status: 'published' } as never,
  })
  await payload.update({
    collection: 'articles',
    id: doc.id,
    locale: 'de',
    data: { title: 'Wahl-Artikel der Doku', summary: 'Vorspann.', _status: 'published' } as never,
  })
  await payload.create({
    collection: 'articles',
    locale: 'en',
    data: { title: 'Docs draft only', summary: 'Draft.', _status: 'draft' } as never,
    draft: true,
  })
  article = { id: String(doc.id), slug: String(doc.slug) }

  const api = payloadApi(ctx.config)
  const app = express()
  app.use(bodySizeLimit())
  app.use((req, res, next) => {
    if (!isApiPath(req.path)) return next()
    api(toWebRequest(req))
      .then((response) => sendWebResponse(req, res, response))
      .catch(next)
  })
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve))
  await shutdown(ctx)
})

/** The fenced `sh` blocks of a markdown file. */
const shBlocks = (file: string) =>
  [...fs.readFileSync(path.join(root, file), 'utf8').matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map(
    (m) => m[1],
  )

/** Runs blocks as one bash script; every curl fails on an HTTP error and ends its output with a newline. */
function run(blocks: string[], env: Record<string, string>) {
  const script = [
    'set -euo pipefail',
    'curl() { command curl --fail-with-body -sS "$@"; echo; }',
    ...blocks,
  ]
    .join('\n')
    .replaceAll('http://localhost:3000', base)
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const childEnv: Record<string, string> = {
      PATH: process.env.PATH!,
      HOME: process.env.HOME ?? '/tmp',
      ...env,
    }
    const child = spawn('bash', ['-c', script], {
      env: childEnv as NodeJS.ProcessEnv,
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d))
    child.stderr.on('data', (d: Buffer) => (stderr += d))
    child.on('close', (code: number | null) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}

const pendingJobs = async () =>
  (
    await payload.count({
      collection: 'payload-jobs',
      where: { completedAt: { exists: false } },
      overrideAccess: true,
    })
  ).totalDocs

describe('docs/api.md', () => {
  test('every sh block runs as written, in order, against the server', async () => {
    const blocks = shBlocks('docs/api.md')
    expect(blocks.length).toBeGreaterThanOrEqual(6)
    const jobsBefore = await pendingJobs()
    const { code, stdout, stderr } = await run(blocks, {
      EMAIL,
      PASSWORD,
      ID: article.id,
      SLUG: article.slug,
    })
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
    // The slug query and the GraphQL query found the article; the API key read a draft.
    expect(stdout).toContain(`"slug":"${article.slug}"`)
    expect(stdout).toContain('Wahl-Artikel der Doku')
    expect(stdout).toContain('Docs draft only')
    // The schedule was listed with its id, then cancelled.
    expect(stdout).toMatch(/"docs":\[\{"id":"[^"]+","type":"publish","locale":"de"/)
    expect(await pendingJobs()).toBe(jobsBefore)
    expect(stdout).toContain('"@type":"NewsArticle"')
    // The key the docs set is stored on the user.
    const { docs } = await payload.find({
      collection: 'users',
      where: { email: { equals: EMAIL } },
      overrideAccess: true,
    })
    expect(docs[0]?.enableAPIKey).toBe(true)
  })

  test('what the docs say of keys: an empty one is anonymous (no drafts, no error)', async () => {
    const { code, stdout } = await run(
      [
        `curl -H 'Authorization: users API-Key ' 'http://localhost:3000/api/articles?draft=true&locale=en'`,
      ],
      {},
    )
    expect(code).toBe(0)
    expect(stdout).toContain('Docs election article')
    expect(stdout).not.toContain('Docs draft only')
  })

  test('what the docs say of scheduling: a developer key gets 403', async () => {
    const key = crypto.randomBytes(32).toString('hex')
    await loginAs(payload, 'docs-developer@example.com', ['developer'], {
      enableAPIKey: true,
      apiKey: key,
    })
    const at = new Date(Date.now() + 86_400_000).toISOString()
    const { code, stdout } = await run(
      [
        `command curl -sS -o /dev/null -w '%{http_code}' -X POST "http://localhost:3000/api/articles/$ID/schedule" -H "Authorization: users API-Key $KEY" -H 'content-type: application/json' -d '{"type":"publish","at":"${at}"}'`,
      ],
      { ID: article.id, KEY: key },
    )
    expect([code, stdout]).toEqual([0, '403'])
  })
})

describe('README and feature pages', () => {
  test("their curl examples run as written (the API key an editor's)", async () => {
    const blocks = ['README.md', 'docs/publishing.md', 'docs/site.md']
      .flatMap(shBlocks)
      .filter((b) => /\bcurl\b/.test(b) && b.includes('/api/'))
    expect(blocks.length).toBeGreaterThanOrEqual(3)
    const key = crypto.randomBytes(32).toString('hex')
    const { docs } = await payload.find({
      collection: 'users',
      where: { email: { equals: EMAIL } },
      overrideAccess: true,
    })
    await payload.update({
      collection: 'users',
      id: docs[0]!.id,
      data: { enableAPIKey: true, apiKey: key } as never,
      overrideAccess: true,
    })
    const { code, stderr } = await run(blocks, { API_KEY: key, ID: article.id })
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
  })
})
