import type { Access, FieldAccess, Where } from 'payload'
import { TRANSLATION_LOCALES } from '../languages/locales'

// Who may do what. Four roles share the CMS (docs/accounts.md):
// - admin: everything, including users and consent records;
// - editor: content, images, Locale labels and the consent setting; no user management;
// - translator: reads what editors read; updates only localized fields in `translatorLocales`
//   (enforced by the translation-workflow plugin as well as here, so no API path gets around it);
// - developer: read-only API access (API key); drafts only with `canReadDrafts`.
// Anonymous visitors read published content only.

export const ROLES = ['admin', 'editor', 'translator', 'developer'] as const
export type Role = (typeof ROLES)[number]

type UserLike = {
  roles?: string[] | null
  translatorLocales?: string[] | null
  canReadDrafts?: boolean | null
}
const asUser = (user: unknown) => (user ?? null) as UserLike | null

/** True when the logged-in user has any of the given roles. */
export const hasRole = (user: unknown, ...roles: Role[]): boolean =>
  Boolean(asUser(user)?.roles?.some((role) => (roles as string[]).includes(role)))

/** Editors and admins act as such even when they are also translators. */
export const isStaff = (user: unknown) => hasRole(user, 'admin', 'editor')
export const isTranslatorOnly = (user: unknown) => hasRole(user, 'translator') && !isStaff(user)
export const translatorLocales = (user: unknown): string[] =>
  asUser(user)?.translatorLocales ?? TRANSLATION_LOCALES

export const anyone: Access = () => true
export const isAdmin: Access = ({ req }) => hasRole(req.user, 'admin')
export const isAdminOrEditor: Access = ({ req }) => isStaff(req.user)

const PUBLISHED: Where = { _status: { equals: 'published' } }

/** Staff and translators see drafts; developers only with `canReadDrafts`. */
export const mayReadDrafts = (user: unknown): boolean => {
  const u = asUser(user)
  if (hasRole(u, 'admin', 'editor', 'translator')) return true
  return hasRole(u, 'developer') && Boolean(u?.canReadDrafts)
}

/** Staff and translators see drafts; developers only when allowed; everyone else published only. */
export const readPublishedUnlessAllowed: Access = ({ req }) =>
  mayReadDrafts(req.user) ? true : PUBLISHED

/**
 * Versions (`/api/<slug>/versions`, GraphQL `versions<Slug>`, `version<Slug>`) hold every draft and
 * every earlier text, so only those who may read drafts read them.
 */
export const readVersions: Access = ({ req }) => mayReadDrafts(req.user)

/**
 * Updating content: staff always; translators only in their target locales and never to publish
 * (Payload asks this with `_status: 'published'` to decide whether to show the Publish button).
 */
export const canUpdateContent: Access = ({ req, data }) => {
  if (isStaff(req.user)) return true
  if (!isTranslatorOnly(req.user)) return false
  if ((data as { _status?: string } | undefined)?._status === 'published') return false
  return translatorLocales(req.user).includes(req.locale ?? '')
}

/** Content access for a collection without drafts (teasers, images): readable by anyone. */
export const contentAccess = {
  create: isAdminOrEditor,
  read: anyone,
  update: canUpdateContent,
  delete: isAdminOrEditor,
}

/** Fields only admins may set (roles, translator locales, draft access). */
export const adminOnlyField: FieldAccess = ({ req }) => hasRole(req.user, 'admin')
