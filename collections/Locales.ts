import type { CollectionConfig, TextFieldSingleValidation } from 'payload'

import { anyone, isAdminOrEditor } from '../src/features/accounts/roles'
import { label } from '../src/features/languages/translations'

// Extended by: languagesPlugin (src/plugins.ts)

// Only codes configured in Payload's localization may get a Locale document; anything else would
// describe a language the API cannot serve.
const configuredLocale: TextFieldSingleValidation = (value, { req, required }) => {
  if (!value) return required ? 'A locale code is required.' : true
  const localization = req.payload.config.localization
  const codes = localization ? localization.localeCodes : []
  return codes.includes(value)
    ? true
    : `Locale code "${value}" is not configured. Configured locales: ${codes.join(', ')}.`
}

export const Locales: CollectionConfig = {
  slug: 'locales',
  labels: {
    singular: label('localesSingular'),
    plural: label('localesPlural'),
  },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'code', 'nativeName', 'isDefault'],
    description: label('localesDescription'),
  },
  access: {
    create: isAdminOrEditor,
    read: anyone,
    update: isAdminOrEditor,
    delete: isAdminOrEditor,
  },
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'code',
          type: 'text',
          required: true,
          unique: true,
          index: true,
          label: label('localesCode'),
          validate: configuredLocale,
        },
        { name: 'name', type: 'text', required: true, label: label('name') },
        { name: 'nativeName', type: 'text', label: label('localesNativeName') },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'isDefault',
          type: 'checkbox',
          defaultValue: false,
          label: label('localesIsDefault'),
        },
        {
          name: 'fallbackLocale',
          type: 'text',
          label: label('localesFallbackLocale'),
          validate: configuredLocale,
        },
      ],
    },
    {
      name: 'labels',
      type: 'group',
      label: label('localesLabels'),
      admin: {
        description: label('localesLabelsDescription'),
      },
      fields: [
        {
          name: 'relatedHeading',
          type: 'text',
          required: true,
          label: label('localesRelatedHeading'),
        },
        {
          name: 'aiTextBadge',
          type: 'text',
          required: true,
          label: label('localesAiTextBadge'),
        },
        {
          name: 'aiImageBadge',
          type: 'text',
          required: true,
          label: label('localesAiImageBadge'),
        },
        {
          name: 'consentHeading',
          type: 'text',
          label: label('localesConsentHeading'),
        },
        {
          name: 'consentAcceptLabel',
          type: 'text',
          label: label('localesConsentAcceptLabel'),
        },
        {
          name: 'consentRejectLabel',
          type: 'text',
          label: label('localesConsentRejectLabel'),
        },
      ],
    },
  ],
}
