import type { I18n, I18nClient, NestedKeysStripped } from '@payloadcms/translations'
import { t } from '@payloadcms/translations'

import { DEFAULT_LOCALE } from '../locales'
import { de } from './de'
import { en } from './en'

/** Our translations per language: the config's `i18n.translations`. */
export const translations = { en, de }
/** The admin languages we have texts for. */
export const ADMIN_LANGUAGES = Object.keys(translations) as (keyof typeof translations)[]

export type NewsroomTranslations = typeof en
/** Our keys and the Payload keys we replace, as `t()` takes them (`newsroom:notSet`), for
 * `useTranslation<NewsroomTranslations, NewsroomTranslationKey>()`. */
export type NewsroomTranslationKey = NestedKeysStripped<NewsroomTranslations>
/** A key of ours, without the `newsroom:` namespace. */
export type NewsroomKey = keyof NewsroomTranslations['newsroom']
type Vars = Record<string, unknown>

const inLanguage = (language: string | undefined) =>
  translations[language as keyof typeof translations] ?? translations[DEFAULT_LOCALE]

/**
 * A `{ en, de }` label or description for a collection or field: the static form is read the same
 * wherever Payload or a plugin shows a label (collection labels take no function), and keeps the
 * German labels in reach of the register check of tests/admin-german.test.ts.
 */
export const label = (key: NewsroomKey): Record<string, string> =>
  Object.fromEntries(
    ADMIN_LANGUAGES.map((language) => [language, translations[language].newsroom[key]]),
  )

/** Server side, with the request's (or a component's) `i18n`: `req.i18n.t('newsroom:<key>')`. */
export const translate = (
  i18n: Pick<I18n | I18nClient, 't'>,
  key: NewsroomKey,
  vars?: Vars,
): string => (i18n.t as (key: string, vars?: Vars) => string)(`newsroom:${key}`, vars)

/**
 * Reader pages: Payload's `t` over the same objects, in the page's content language rather than
 * the visitor's admin language; a language without its own file reads English.
 */
export const siteText = (locale: string | undefined) => {
  const all = inLanguage(locale)
  return (key: NewsroomKey, vars?: Vars): string =>
    t({ key: `newsroom:${key}`, translations: all as never, vars })
}

export type SiteText = ReturnType<typeof siteText>
