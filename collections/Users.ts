import type { Access, CollectionConfig, Condition, DefaultValue } from 'payload'

import { adminOnlyField, hasRole, isAdmin, ROLES } from '../src/features/accounts/roles'
import { LOCALES } from '../src/features/languages/locales'
import { nestedReq } from 'payload-nested-req'

// Extended by: accountsPlugin, limitsPlugin (logins), resetLinksFromPublicUrl (src/plugins.ts)

// Admins manage everybody; everyone else sees and edits only their own account (not their roles).
const adminOrSelf: Access = ({ req }) => {
  if (hasRole(req.user, 'admin')) return true
  return req.user ? { id: { equals: req.user.id } } : false
}

// The create-first-user screen has no logged-in user and makes its account an admin
// (src/features/accounts/lastAdmin.ts), so it preselects "Admin"; afterwards new accounts start as
// editors.
const defaultRoles: DefaultValue = async ({ req, user }) => {
  if (user) return ['editor']
  const { totalDocs } = await req.payload.count({ collection: 'users', req: nestedReq(req) })
  return totalDocs === 0 ? ['admin'] : ['editor']
}

// Payload's API key fields have no read access for a visitor, so the create-first-user screen
// (which renders every field) showed them as a bare "API Key" input and an unlabelled checkbox. A
// key is set on the account page, by a logged-in admin.
const loggedIn: Condition = (_data, _siblingData, { user }) => Boolean(user)

const ROLE_LABELS = {
  admin: { en: 'Admin', de: 'Administrator' },
  editor: { en: 'Editor', de: 'Redakteur' },
  translator: { en: 'Translator', de: 'Übersetzer' },
  developer: { en: 'Developer (API, read-only)', de: 'Entwickler (API, nur lesen)' },
}

export const Users: CollectionConfig = {
  slug: 'users',
  labels: {
    singular: { en: 'User', de: 'Benutzer' },
    plural: { en: 'Users', de: 'Benutzer' },
  },
  admin: {
    useAsTitle: 'email',
    defaultColumns: ['email', 'name', 'roles', 'translatorLocales'],
  },
  // API keys let developers read the API from build scripts without a session.
  auth: { useAPIKey: true },
  access: {
    create: isAdmin,
    read: adminOrSelf,
    update: adminOrSelf,
    delete: isAdmin,
  },
  fields: [
    { name: 'name', type: 'text', label: { en: 'Name', de: 'Name' } },
    {
      name: 'roles',
      type: 'select',
      hasMany: true,
      required: true,
      saveToJWT: true,
      defaultValue: defaultRoles,
      label: { en: 'Roles', de: 'Rollen' },
      access: { create: adminOnlyField, update: adminOnlyField },
      options: ROLES.map((value) => ({ value, label: ROLE_LABELS[value] })),
    },
    {
      name: 'translatorLocales',
      type: 'select',
      hasMany: true,
      saveToJWT: true,
      defaultValue: ['de'],
      label: { en: 'Translates into', de: 'Übersetzt in' },
      access: { create: adminOnlyField, update: adminOnlyField },
      options: LOCALES.map((l) => ({ value: l.code, label: l.label })),
      admin: {
        description: {
          en: 'Translators may edit only the localized fields of these languages.',
          de: 'Übersetzer dürfen nur die sprachabhängigen Felder dieser Sprachen bearbeiten.',
        },
        condition: (data) => Boolean(data?.roles?.includes('translator')),
      },
    },
    {
      name: 'canReadDrafts',
      type: 'checkbox',
      defaultValue: false,
      saveToJWT: true,
      label: { en: 'May read drafts through the API', de: 'Darf Entwürfe über die API lesen' },
      access: { create: adminOnlyField, update: adminOnlyField },
      admin: { condition: (data) => Boolean(data?.roles?.includes('developer')) },
    },
    // Merged into Payload's API key fields of the same names (auth.useAPIKey).
    { name: 'apiKey', type: 'text', admin: { condition: loggedIn } },
    { name: 'hasAPIKey', type: 'checkbox', virtual: true, admin: { condition: loggedIn } },
  ],
}
