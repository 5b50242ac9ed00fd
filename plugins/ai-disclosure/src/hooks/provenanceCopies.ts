import type { CollectionAfterChangeHook } from 'payload'

import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'

import sharp from 'sharp'

import { pendingProvenance } from './provenance'
import { buildXmp } from '../provenance/xmp'

type Sizes = Record<string, { filename?: null | string } | undefined>

const labelsOf = (doc: Record<string, unknown> | undefined) =>
  JSON.stringify([doc?.aiGenerated, doc?.digitalSourceType, doc?.aiSystem])

/**
 * When the AI labels change without a new file (an editor labels an old image, or the back-fill
 * read its file), the stored resized copies get the new XMP. Copies only, never the original; only
 * for local storage (`staticDir`). Uploads get their XMP while Payload resizes (see `wrapSharp`).
 */
export const rewriteCopyXmp: CollectionAfterChangeHook = async ({
  collection,
  doc,
  operation,
  previousDoc,
  req,
}) => {
  if (operation !== 'update' || req.file || collection.upload?.disableLocalStorage) return doc
  const backfilled = Boolean(pendingProvenance(req, collection.slug))
  if (!backfilled && labelsOf(doc) === labelsOf(previousDoc)) return doc
  const staticDir = collection.upload?.staticDir
  const sizes = doc.sizes as Sizes | undefined
  if (!staticDir || !sizes) return doc
  const packet = buildXmp({
    aiSystem: doc.aiSystem,
    credit: doc.provenance?.credit,
    digitalSourceType: doc.digitalSourceType,
  })
  for (const size of Object.values(sizes)) {
    if (!size?.filename) continue
    const file = path.join(staticDir, size.filename)
    try {
      const input = await readFile(file)
      // XMP replaced (or dropped when there is nothing to say); no EXIF, as before
      const output = await (packet ? sharp(input).withXmp(packet) : sharp(input)).toBuffer()
      await writeFile(file, output)
    } catch (err) {
      req.payload.logger.warn({ err, msg: `[ai-disclosure] Could not update the XMP of ${file}` })
    }
  }
  return doc
}
