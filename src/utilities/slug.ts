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
