/**
 * The built-in reader-facing wording of the text labels, per language. Our own wording: the EU code
 * of practice's labels are not final in text form; "Von KI berichtet" is the seed site's own label.
 */
type Texts = {
  'reported-by-ai': string
  'ai-assisted': string
  /** `{from}`: the source language in the right grammatical form. */
  'machine-translated': string
  'machine-translated-unknown': string
  reviewed: string
  /** The source language in the form `{from}` needs. */
  from: Record<string, string>
}

export const LABEL_TEXTS: Record<string, Texts> = {
  en: {
    'reported-by-ai': 'Reported by AI',
    'ai-assisted': 'Written with AI assistance',
    'machine-translated': 'Machine-translated from {from}',
    'machine-translated-unknown': 'Machine-translated',
    reviewed: 'editorially reviewed',
    from: { de: 'German', en: 'English', fr: 'French', es: 'Spanish', it: 'Italian' },
  },
  de: {
    'reported-by-ai': 'Von KI berichtet',
    'ai-assisted': 'Mit KI-Unterstützung verfasst',
    'machine-translated': 'Maschinell übersetzt aus dem {from}',
    'machine-translated-unknown': 'Maschinell übersetzt',
    reviewed: 'redaktionell geprüft',
    from: {
      de: 'Deutschen',
      en: 'Englischen',
      fr: 'Französischen',
      es: 'Spanischen',
      it: 'Italienischen',
    },
  },
}

export const textsFor = (locale: string): Texts =>
  LABEL_TEXTS[locale] ?? LABEL_TEXTS[locale.split(/[-_]/)[0]!] ?? LABEL_TEXTS.en!
