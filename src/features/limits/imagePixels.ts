import type { CollectionBeforeOperationHook } from 'payload'
import { APIError } from 'payload'
import { assertUploadAllowed } from 'payload-plugin-ai-disclosure'
import sharp from 'sharp'

/** Largest image an upload may decode to: 40 megapixels (a 16,000 × 16,000 PNG can be 730 KB). */
export const MAX_IMAGE_PIXELS = 40_000_000

/** How many uploads had their header read here (tests check that refused callers never do). */
export const pixelChecks = { count: 0 }

/**
 * Refuses an upload whose image is larger than MAX_IMAGE_PIXELS before anything decodes it: sharp
 * reads only the header for `metadata()`, while Payload's resizing would hold every pixel in memory.
 * Files that are no image sharp can read are left to Payload's own checks. Runs only for callers who
 * may save the upload (Payload's own access check comes after `beforeOperation` hooks).
 */
export const imagePixelLimit: CollectionBeforeOperationHook = async ({
  args,
  collection,
  operation,
  overrideAccess,
  req,
}) => {
  if (operation !== 'create' && operation !== 'update' && operation !== 'updateByID') return args
  const file = req.file
  if (!file) return args
  await assertUploadAllowed({
    args,
    collection,
    operation: operation === 'create' ? 'create' : 'update',
    overrideAccess,
    req,
  })
  pixelChecks.count++
  const input = file.tempFilePath || file.data
  if (!input || (Buffer.isBuffer(input) && !input.length)) return args
  let width: number | undefined
  let height: number | undefined
  let pages = 1
  try {
    ;({ width, height, pages = 1 } = await sharp(input, { limitInputPixels: false }).metadata())
  } catch {
    return args
  }
  const pixels = (width ?? 0) * (height ?? 0) * Math.max(1, pages)
  if (pixels > MAX_IMAGE_PIXELS) {
    const mp = (n: number) => Math.round(n / 1e6)
    throw new APIError(
      `The image is too large: ${width} × ${height} pixels${pages > 1 ? ` × ${pages} frames` : ''} (${mp(pixels)} megapixels; at most ${mp(MAX_IMAGE_PIXELS)}).`,
      413,
      { width, height, pages, maxPixels: MAX_IMAGE_PIXELS },
      true,
    )
  }
  return args
}
