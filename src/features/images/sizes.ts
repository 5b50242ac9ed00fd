/**
 * The resized copies of every image (Payload `imageSizes`). `withoutEnlargement: true`: a picture
 * smaller than a size is re-encoded at its own size instead of being left without that copy, so
 * every image has a copy without the original's EXIF (the public file, src/features/images/publicImage.ts).
 * A copy's file is named `<name>-<width>x<height>.<ext>` after its real size. Kept free of imports:
 * next.config.ts loads it.
 */
export const IMAGE_SIZES = [
  { name: 'thumbnail', width: 320, height: 180, position: 'centre', withoutEnlargement: true },
  { name: 'card', width: 640, height: 360, position: 'centre', withoutEnlargement: true },
  { name: 'hero', width: 1600, height: 900, position: 'centre', withoutEnlargement: true },
] as const

/**
 * `images.localPatterns` for Next: names of the copies (`…-<w>x<h>.<ext>`), no query string. An
 * original whose name looks like that is still refused: the optimizer's internal fetch carries no
 * credentials, and the file route serves originals to staff only.
 */
export const optimizerPatterns = (apiRoute = '/api', collection = 'images') => [
  { pathname: `${apiRoute}/${collection}/file/*-+([0-9])x+([0-9]).*`, search: '' },
]
