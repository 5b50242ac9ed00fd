import type { SharpDependency } from 'payload'
import type { Sharp } from 'sharp'

/**
 * Uploads of the plugin's image collections (`req.file.data`, or the temp file path), with the XMP
 * for their resized copies. Payload hands exactly these to `sharp()` for the original and every size.
 */
const uploads = new WeakMap<object, { packet?: string }>()
const uploadsByPath = new Map<string, { packet?: string }>()

export const registerUpload = (
  file: { data?: Buffer; tempFilePath?: string },
  packet: string | undefined,
): void => {
  if (file.data) uploads.set(file.data, { packet })
  if (file.tempFilePath) {
    const path = file.tempFilePath
    uploadsByPath.set(path, { packet })
    // temp files are deleted after the request; do not keep their names for long
    setTimeout(() => uploadsByPath.delete(path), 60_000).unref()
  }
}

/** Sharp methods that change the pixels or the format (anything else keeps the original). */
const TRANSFORMS = [
  'affine',
  'avif',
  'blur',
  'boolean',
  'clahe',
  'composite',
  'convolve',
  'dilate',
  'ensureAlpha',
  'erode',
  'extend',
  'extract',
  'extractChannel',
  'flatten',
  'flip',
  'flop',
  'gamma',
  'gif',
  'greyscale',
  'grayscale',
  'heif',
  'jpeg',
  'joinChannel',
  'jp2',
  'jxl',
  'linear',
  'median',
  'modulate',
  'negate',
  'normalise',
  'normalize',
  'png',
  'raw',
  'recomb',
  'removeAlpha',
  'resize',
  'sharpen',
  'threshold',
  'tiff',
  'tile',
  'tint',
  'toColourspace',
  'toColorspace',
  'toFormat',
  'trim',
  'unflatten',
  'webp',
] as const

/**
 * Keeps the uploaded bytes when Payload only passes the original through sharp (it does so for
 * every WebP and GIF, to read their frames): a re-encode would drop the C2PA manifest. Payload still
 * gets sharp's `info` (dimensions), with the size of the original bytes.
 */
const keepOriginalBytes = (instance: Sharp, original: Buffer): Sharp => {
  let transformed = false
  const target = instance as unknown as Record<string, (...args: unknown[]) => unknown>
  for (const name of TRANSFORMS) {
    const method = target[name]
    if (typeof method !== 'function') continue
    target[name] = function (this: unknown, ...args: unknown[]) {
      transformed = true
      return method.apply(this, args)
    }
  }
  const rotate = target.rotate!
  target.rotate = function (this: unknown, ...args: unknown[]) {
    // rotate() without an angle only applies the EXIF orientation, which viewers apply anyway
    if (args.length) transformed = true
    return rotate.apply(this, args)
  }
  const toBuffer = target.toBuffer!
  target.toBuffer = async function (this: unknown, ...args: unknown[]) {
    if (transformed) return toBuffer.apply(this, args)
    const options = args[0] as { resolveWithObject?: boolean } | undefined
    if (!options?.resolveWithObject) return original
    const { info } = (await toBuffer.call(this, { resolveWithObject: true })) as {
      info: Record<string, unknown>
    }
    return { data: original, info: { ...info, size: original.length } }
  }
  return instance
}

/**
 * Payload's `sharp` for the plugin's uploads: every resized copy gets the upload's XMP (`withXmp`:
 * XMP only, so EXIF, GPS and camera serials stay dropped), and the original keeps its bytes.
 */
export const wrapSharp = (base: SharpDependency): SharpDependency =>
  ((input, options) => {
    const instance = base(input, options)
    const upload =
      typeof input === 'string'
        ? uploadsByPath.get(input)
        : input && typeof input === 'object'
          ? uploads.get(input)
          : undefined
    if (!upload) return instance
    const withCopies = upload.packet ? instance.withXmp(upload.packet) : instance
    return Buffer.isBuffer(input) ? keepOriginalBytes(withCopies, input) : withCopies
  }) as SharpDependency
