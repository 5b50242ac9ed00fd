/**
 * The resized copies of every image (Payload `imageSizes`). Both width and height are set, so a
 * copy is exactly that large and its file is named `<name>-<width>x<height>.<ext>`; next.config.ts
 * lets the image optimizer read these names only. Kept free of imports: next.config.ts loads it.
 */
export const IMAGE_SIZES = [
  { name: 'thumbnail', width: 320, height: 180, position: 'centre' },
  { name: 'card', width: 640, height: 360, position: 'centre' },
  { name: 'hero', width: 1600, height: 900, position: 'centre' },
] as const

/** `images.localPatterns` for Next: the copies' file names, never an original's. */
export const optimizerPatterns = (apiRoute = '/api', collection = 'images') =>
  IMAGE_SIZES.map(({ width, height }) => ({
    pathname: `${apiRoute}/${collection}/file/*-${width}x${height}.*`,
    search: '',
  }))
