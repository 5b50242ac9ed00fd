// The reader search page of each language: /de/suche, /en/search (an hreflang pair).
const WORDS: Record<string, string> = { de: 'suche', en: 'search' }

export const searchWord = (locale: string): string => WORDS[locale] ?? 'search'
export const searchPath = (locale: string): string => `/${locale}/${searchWord(locale)}`
