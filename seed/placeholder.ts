import sharp from 'sharp'

// A neutral grey 16:9 picture for images that exist only as alt text in the source. One buffer per
// process: every placeholder is the same picture, and editors see `placeholder: true` on the Image.
let cached: Promise<Buffer> | undefined

export function placeholderPicture(): Promise<Buffer> {
  cached ??= sharp({ create: { width: 1600, height: 900, channels: 3, background: '#d5d8dc' } })
    .png({ compressionLevel: 9 })
    .toBuffer()
  return cached
}
