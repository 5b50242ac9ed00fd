/**
 * Bench only: a plain Express server (no Next) on PORT, in one of three modes:
 * - `ours`: the app's config through Payload's REST/GraphQL route handlers (as tests/helpers/api.ts);
 * - `bare`: bench/bareConfig.ts (no hooks) through the same handlers;
 * - `ceiling`: the exact response bytes listed in the JSON file BENCH_BYTES, nothing computed.
 * Prints "ready" when it listens.
 */
import fs from 'node:fs'

import express from 'express'
import type { SanitizedConfig } from 'payload'

const mode = process.argv[2]
const app = express()
app.disable('x-powered-by')
app.disable('etag')

const readBody = (req: express.Request) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })

async function sendResponse(res: express.Response, response: Response) {
  res.status(response.status)
  response.headers.forEach((value, name) => res.setHeader(name, value))
  res.end(Buffer.from(await response.arrayBuffer()))
}

if (mode === 'ceiling') {
  const bytes = JSON.parse(fs.readFileSync(process.env.BENCH_BYTES!, 'utf8')) as Record<
    string,
    string
  >
  const responses = new Map(
    Object.entries(bytes).map(([key, body]) => [key, Buffer.from(body, 'base64')]),
  )
  app.use((req, res) => {
    const body = responses.get(`${req.method} ${req.originalUrl}`)
    if (!body) return void res.status(404).end()
    res.type('application/json').send(body)
  })
} else {
  if (mode !== 'ours' && mode !== 'bare') throw new Error('mode: ours | bare | ceiling')
  Object.assign(process.env, { NODE_ENV: 'production' })
  const config: SanitizedConfig =
    mode === 'ours'
      ? await (
          await import('../src/payload.config')
        ).default
      : await (await import('./bareConfig')).bareConfig()
  const { getPayload } = await import('payload')
  await getPayload({ config })
  const { GRAPHQL_POST, REST_GET } = await import('@payloadcms/next/routes')
  const restGet = REST_GET(config)
  const graphqlPost = GRAPHQL_POST(config)
  const toRequest = (req: express.Request, body?: Buffer) =>
    new Request(`http://localhost${req.originalUrl}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: body as BodyInit | undefined,
    })
  app.post('/api/graphql', async (req, res) => {
    await sendResponse(res, await graphqlPost(toRequest(req, await readBody(req))))
  })
  app.get('/api/{*slug}', async (req, res) => {
    const slug = req.path
      .replace(/^\/api\//, '')
      .split('/')
      .filter(Boolean)
    await sendResponse(res, await restGet(toRequest(req), { params: Promise.resolve({ slug }) }))
  })
}

const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
