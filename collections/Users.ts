import type { CollectionConfig } from 'payload'

import { authenticated } from '../src/access'

export const ROLES = ['admin', 'editor', 'translator', 'developer'] as const
export type Role = (typeof ROLES)[number]

export const Users: CollectionConfig = {
  slug: 'users',
  labels: {
    singular: { en: 'User', de: 'Benutzer' },
    plural: { en: 'Users', de: 'Benutzer' },
  },
  admin: {
    useAsTitle: 'email',
    defaultColumns: ['email', 'name', 'roles'],
  },
  // API keys let developers read the API from build scripts without a session.
  auth: { useAPIKey: true },
  access: {
    create: authenticated,
    read: authenticated,
    update: authenticated,
    delete: authenticated,
  },
  hooks: {
    beforeChange: [
      // The very first account (created on the admin's create-first-user screen) must be able to
      // administer everything, whatever roles the form sent.
      async ({ data, operation, req }) => {
        if (operation !== 'create') return data
        const { totalDocs } = await req.payload.count({ collection: 'users', req })
        if (totalDocs === 0) data.roles = Array.from(new Set(['admin', ...(data.roles ?? [])]))
        return data
      },
    ],
  },
  fields: [
    { name: 'name', type: 'text', label: { en: 'Name', de: 'Name' } },
    {
      name: 'roles',
      type: 'select',
      hasMany: true,
      required: true,
      saveToJWT: true,
      defaultValue: ['editor'],
      label: { en: 'Roles', de: 'Rollen' },
      options: [
        { value: 'admin', label: { en: 'Admin', de: 'Administrator' } },
        { value: 'editor', label: { en: 'Editor', de: 'Redakteur' } },
        { value: 'translator', label: { en: 'Translator', de: 'Übersetzer' } },
        { value: 'developer', label: { en: 'Developer (API)', de: 'Entwickler (API)' } },
      ],
    },
  ],
}
