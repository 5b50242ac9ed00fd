import fs from 'node:fs/promises'
import path from 'node:path'

import type { CollectionConfig, CollectionSlug, PayloadRequest } from 'payload'
import { headersWithCors } from 'payload'

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
