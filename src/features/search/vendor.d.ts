// Types for the CommonJS modules the search analysis loads (they ship none).
declare module '@nlpjs/lang-de/src/stemmer-de.js' {
  export default class StemmerDe {
    stemWord(word: string): string
  }
}
declare module '@nlpjs/lang-en-min/src/stemmer-en.js' {
  export default class StemmerEn {
    stemWord(word: string): string
  }
}
declare module 'hyphen/de-1996/index.js' {
  const hyphen: { hyphenateSync(text: string, options?: { hyphenChar?: string }): string }
  export default hyphen
}
