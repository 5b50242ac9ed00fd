import type { SharpDependency } from 'payload'

/**
 * XMP for the resized copies of the upload being saved, keyed by the upload's bytes (Payload hands
 * `req.file.data`, or the temp file path, to `sharp()` for every size).
 */
const packets = new WeakMap<object, string>()
const packetsByPath = new Map<string, string>()

export const setCopyXmp = (
  file: { data?: Buffer; tempFilePath?: string },
  packet: string | undefined,
): void => {
  if (!packet) return
  if (file.data) packets.set(file.data, packet)
  if (file.tempFilePath) {
    packetsByPath.set(file.tempFilePath, packet)
    // temp files are deleted after the request; do not keep their names for long
    setTimeout(() => packetsByPath.delete(file.tempFilePath!), 60_000).unref()
  }
}

/**
 * Payload's `sharp` with one change: an image whose upload has a packet writes that XMP into every
 * output (`withXmp`: XMP only, so EXIF, GPS and camera serials stay dropped). The original file is
 * stored as uploaded and never passes through here unless the collection re-encodes it.
 */
export const wrapSharp = (base: SharpDependency): SharpDependency => {
  const wrapped = ((input, options) => {
    const instance = base(input, options)
    const packet =
      typeof input === 'string'
        ? packetsByPath.get(input)
        : input && typeof input === 'object'
          ? packets.get(input)
          : undefined
    return packet ? instance.withXmp(packet) : instance
  }) as SharpDependency
  return wrapped
}
