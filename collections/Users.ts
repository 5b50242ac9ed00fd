import type { Access, CollectionConfig, Condition, DefaultValue } from 'payload'

import { adminOnlyField, hasRole, isAdmin, ROLES } from '../src/features/accounts/roles'
import { LOCALES, TRANSLATION_LOCALES } from '../src/features/languages/locales'
import { nestedReq } from '../src/utilities/nestedReq'
import { label } from '../src/features/languages/translations'

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
  admin: label('roleAdmin'),
  editor: label('roleEditor'),
  translator: label('roleTranslator'),
  developer: label('roleDeveloper'),
}

export const Users: CollectionConfig = {
  slug: 'users',
  labels: {
    singular: label('usersSingular'),
    plural: label('usersPlural'),
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
    { name: 'name', type: 'text', label: label('name') },
    {
      name: 'roles',
      type: 'select',
      hasMany: true,
      required: true,
      saveToJWT: true,
      defaultValue: defaultRoles,
      label: label('usersRoles'),
      access: { create: adminOnlyField, update: adminOnlyField },
      options: ROLES.map((value) => ({ value, label: ROLE_LABELS[value] })),
    },
    {
      name: 'translatorLocales',
      type: 'select',
      hasMany: true,
      saveToJWT: true,
      defaultValue: TRANSLATION_LOCALES,
      label: label('usersTranslatorLocales'),
      access: { create: adminOnlyField, update: adminOnlyField },
      options: LOCALES.map((l) => ({ value: l.code, label: l.label })),
      admin: {
        description: label('usersTranslatorLocalesDescription'),
        condition: (data) => Boolean(data?.roles?.includes('translator')),
      },
    },
    {
      name: 'canReadDrafts',
      type: 'checkbox',
      defaultValue: false,
      saveToJWT: true,
      label: label('usersCanReadDrafts'),
      access: { create: adminOnlyField, update: adminOnlyField },
      admin: { condition: (data) => Boolean(data?.roles?.includes('developer')) },
    },
    {
      // An account an AI system writes through (its API key): its texts are AI-generated unless it
      // declares otherwise (aiAuthors in src/plugins.ts, docs/ai-disclosure.md).
      name: 'aiSystem',
      type: 'text',
      maxLength: 200,
      saveToJWT: true,
      label: label('usersAISystem'),
      access: { create: adminOnlyField, update: adminOnlyField },
      // not on the create-first-user screen: the first account is a person, an admin
      admin: { condition: loggedIn, description: label('usersAISystemDescription') },
    },
    // Merged into Payload's API key fields of the same names (auth.useAPIKey).
    { name: 'apiKey', type: 'text', admin: { condition: loggedIn } },
    { name: 'hasAPIKey', type: 'checkbox', virtual: true, admin: { condition: loggedIn } },
  ],
}
