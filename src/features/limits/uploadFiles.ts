import fs from 'node:fs/promises'
import { BlockList, isIP } from 'node:net'
import path from 'node:path'

import type {
  CollectionAfterErrorHook,
  CollectionBeforeOperationHook,
  CollectionConfig,
  CollectionSlug,
  PayloadRequest,
} from 'payload'
import { APIError, headersWithCors } from 'payload'

type UploadHandler = NonNullable<
  Exclude<CollectionConfig['upload'], boolean | undefined>['handlers']
>[number]

const answer = (req: PayloadRequest, status: number, message: string) =>
  Response.json(
    { errors: [{ message }] },
    { status, headers: headersWithCors({ headers: new Headers(), req }) },
  )

/**
 * `GET /api/<uploads>/file/<name>` for a name that is no file of the collection: Payload answers a
 * missing file with a 500 (and an error log line per request). Resolved the way Payload's own file
 * handler resolves it: outside the upload directory → 400, not on disk → 404. Existing files fall
 * through to Payload's handler.
 */
// Payload's type says void | Response; returning nothing falls through to the next handler.
export const missingUploadFile: UploadHandler = async (req, { params }): Promise<any> => {
  const upload = req.payload.collections[params.collection as CollectionSlug]?.config.upload
  if (!upload) return
  const dir = path.resolve(upload.staticDir || params.collection)
  const file = path.resolve(dir, params.filename)
  if (!file.startsWith(dir + path.sep) || params.filename.includes('\0'))
    return answer(req, 400, 'Invalid filename.')
  try {
    if ((await fs.stat(file)).isFile()) return
  } catch {
    // not there: answered below
  }
  return answer(req, 404, `No file named "${params.filename.slice(0, 200)}".`)
}

// Addresses a server must not fetch on a client's behalf (loopback, private, link-local incl. cloud
// metadata, carrier-grade NAT, multicast, reserved); Payload's own fetch refuses them too, but
// answers with a 500.
const blocked = new BlockList()
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  blocked.addSubnet(net, prefix, 'ipv4')
for (const [net, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(net, prefix, 'ipv6')

const blockedAddress = (host: string): boolean => {
  const bare = host.replace(/^\[|\]$/g, '')
  const kind = isIP(bare)
  if (kind === 4) return blocked.check(bare, 'ipv4')
  if (kind === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)
    return mapped ? blocked.check(mapped[1]!, 'ipv4') : blocked.check(bare, 'ipv6')
  }
  return /^localhost$|\.localhost$/i.test(bare)
}

const urlError = (message: string, url: string) =>
  new APIError(message, 400, { url: url.slice(0, 500) }, true)

/**
 * A create with `{ filename, url }` makes Payload fetch the file. A URL that is not http(s) or names
 * a loopback/private address is a 400 here, before any fetch (Payload refuses them too, as a 500).
 * Relative URLs name a file of the collection and are left to Payload.
 */
export const externalFileUrl: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'create' || req.file) return args
  const sent = (req.data ?? (args as { data?: unknown }).data) as
    Record<string, unknown> | undefined
  const url = sent?.url
  if (typeof url !== 'string' || typeof sent?.filename !== 'string') return args
  if (url.startsWith('/') && !url.startsWith('//')) return args
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw urlError('The file URL is not a valid URL.', url)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw urlError('The file URL must use http or https.', url)
  if (blockedAddress(parsed.hostname))
    throw urlError('The file URL names a local or private address, which is not fetched.', url)
  return args
}

/**
 * Payload reports a file it could not fetch from a client's URL (refused address, no answer, 404)
 * as a 500 ("FileRetrievalError"); it is the client's URL, so a 400 that says why.
 */
export const fileRetrievalAsClientError: CollectionAfterErrorHook = ({ error }) => {
  if (error?.name !== 'FileRetrievalError') return
  return {
    status: 400,
    response: {
      errors: [
        {
          message: `The file URL could not be fetched: ${error.message.replace(/^There was a problem while (uploading|retrieving) the file\.\s*/i, '').slice(0, 300) || 'no answer.'}`,
        },
      ],
    },
  }
}
