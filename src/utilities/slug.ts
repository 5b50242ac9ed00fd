// URL slugs that keep German words readable: "Größe über Maß" → "groesse-ueber-mass".
const GERMAN: Record<string, string> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  Ä: 'Ae',
  Ö: 'Oe',
  Ü: 'Ue',
  ß: 'ss',
  ẞ: 'SS',
}

export const MAX_SLUG_LENGTH = 120

export const slugify = (input: string): string =>
  input
    .replace(/[äöüÄÖÜßẞ]/g, (ch) => GERMAN[ch] ?? ch)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // strip accents left after NFKD (é → e)
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/g, '')

/** The base of an automatic slug whose title has no letters or digits of its own ("🚀", "中文"). */
export const SLUG_FALLBACK = 'article'

/** `base-suffix`, the base cut so that the whole fits MAX_SLUG_LENGTH (its own slugify()). */
export const withSuffix = (base: string, suffix: string): string =>
  `${base.slice(0, MAX_SLUG_LENGTH - suffix.length - 1).replace(/-+$/, '')}-${suffix}`

// A suffix an automatic slug may carry: hex digits (of an id, of a random UUID, of the importer's
// key), and a number after them.
const SUFFIX = /-([0-9a-f]{6,64}(?:-\d+)?)$/

/**
 * Whether `slug` is an automatic slug of `title`: its slugify() (or SLUG_FALLBACK), alone or with a
 * suffix that made it unique.
 */
export function isSlugOf(slug: string, title: string): boolean {
  const base = slugify(title) || SLUG_FALLBACK
  if (slug === base) return true
  const suffix = SUFFIX.exec(slug)?.[1]
  return suffix !== undefined && withSuffix(base, suffix) === slug
}

/**
 * Automatic slugs of `title`, to try in order: its slugify(), then with 8 hex digits of `key` (the
 * document's id, or a random UUID before it has one), then with random ones. Never empty: a title
 * without letters or digits of its own gets SLUG_FALLBACK with a suffix.
 */
export function* slugsOf(title: string, key: string): Generator<string> {
  const base = slugify(title)
  if (base) yield base
  yield withSuffix(base || SLUG_FALLBACK, key.replace(/-/g, '').slice(0, 8))
  for (;;)
    yield withSuffix(
      base || SLUG_FALLBACK,
      globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 8),
    )
}
