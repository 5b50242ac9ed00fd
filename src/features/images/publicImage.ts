/**
 * Public image policy: which file of an image anyone may fetch.
 *
 * An uploaded original is kept byte for byte (a C2PA manifest only validates on the exact bytes),
 * so it keeps its EXIF too: GPS position, camera and lens serial numbers. Payload's resized copies
 * (`sizes`) are re-encoded without EXIF. So:
 * - newsroom staff (admins, editors, translators) get the original (`url`) and every copy;
 * - everyone else gets the largest resized copy as `url`; the original's file route answers 403;
 * - JSON-LD, feeds, search results and the reader pages use `publicImage(doc)` for the same choice;
 * - Next's image optimizer (`/_next/image`) may read resized copies only (next.config.ts), and its
 *   internal fetch carries no credentials, so it could not read an original anyway.
 * An image smaller than every size has no copy and so no public file (`publicImage` → null).
 */
import type {
  CollectionAfterReadHook,
  CollectionBeforeOperationHook,
  CollectionConfig,
  PayloadRequest,
} from 'payload'
import { headersWithCors } from 'payload'

import { hasRole } from '../accounts/roles'

export type PublicImage = {
  /** The copy's file name (in the collection's upload directory). */
  filename: string
  height: null | number
  mimeType: null | string
  /** As Payload forms it: relative (`/api/images/file/…`) unless `serverURL` is set. */
  url: string
  width: null | number
}

type SizeLike = {
  filename?: null | string
  height?: null | number
  mimeType?: null | string
  url?: null | string
  width?: null | number
}

/** Who gets the originals: the newsroom (not API-key developers, not readers). */
export const mayReadOriginals = (user: unknown): boolean =>
  hasRole(user, 'admin', 'editor', 'translator')

/**
 * The one public file of an image: its largest resized copy (by pixels), or null when it has none
 * (a picture smaller than every size, or a document read without `sizes`). Works on any image
 * document as the REST/Local API returns it, at any depth.
 */
export function publicImage(
  doc: null | Record<string, unknown> | undefined,
  { collection = 'images', apiRoute = '/api' }: { apiRoute?: string; collection?: string } = {},
): null | PublicImage {
  const sizes = doc?.sizes
  if (!sizes || typeof sizes !== 'object') return null
  let best: null | SizeLike = null
  for (const size of Object.values(sizes as Record<string, SizeLike | null>)) {
    if (!size?.filename) continue
    const area = (size.width ?? 0) * (size.height ?? 0)
    if (!best || area > (best.width ?? 0) * (best.height ?? 0)) best = size
  }
  if (!best?.filename) return null
  return {
    filename: best.filename,
    height: best.height ?? null,
    mimeType: best.mimeType ?? null,
    url: best.url || `${apiRoute}/${collection}/file/${encodeURIComponent(best.filename)}`,
    width: best.width ?? null,
  }
}

/**
 * For everyone but staff, an image's `url` is its public copy (or null). The other fields still
 * describe the stored image; clients that need the copy's size use `sizes` or `publicImage`.
 */
export const publicImageUrl: CollectionAfterReadHook = ({ collection, doc, req }) => {
  if (!doc || mayReadOriginals(req.user) || !('url' in doc)) return doc
  const copy = publicImage(doc, {
    apiRoute: req.payload.config.routes.api,
    collection: collection.slug,
  })
  doc.url = copy?.url ?? null
  return doc
}

/**
 * The "used in" joins are for staff (their field access hides them from everyone else); for others
 * Payload would still run their queries, so none are asked for.
 */
export const joinsForStaff: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'read' || mayReadOriginals(req.user)) return args
  return { ...args, joins: false }
}

type UploadHandler = NonNullable<
  Exclude<CollectionConfig['upload'], boolean | undefined>['handlers']
>[number]

/**
 * `GET /api/<images>/file/<name>` of an original answers 403 to everyone but staff (copies are
 * served to anyone). Decided by the stored documents, not by the shape of the name.
 */
// Payload's type says void | Response; returning nothing falls through to the next handler.
export const originalsForStaff: UploadHandler = async (req, { params }): Promise<any> => {
  if (mayReadOriginals(req.user)) return
  const originals = await req.payload.count({
    collection: params.collection as 'images',
    overrideAccess: true,
    where: { filename: { equals: params.filename } },
  })
  if (!originals.totalDocs) return
  return forbidden(req)
}

const forbidden = (req: PayloadRequest) =>
  Response.json(
    {
      errors: [
        {
          message:
            'The original file is for newsroom staff only. Use the image\u2019s url or one of its sizes.',
        },
      ],
    },
    {
      status: 403,
      headers: headersWithCors({
        headers: new Headers({ 'Cache-Control': 'private, no-store' }),
        req,
      }),
    },
  )
