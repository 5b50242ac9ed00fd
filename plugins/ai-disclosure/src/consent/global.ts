import type { Access, GlobalBeforeChangeHook, GlobalConfig } from 'payload'

import type { ConsentTexts } from '../types'
import type { ConsentDefaults } from './defaults'

import { CONSENT_GLOBAL_SLUG } from '../constants'
import { anyone } from '../utilities/access'
import { staticLabel, tl } from '../utilities/translate'
import { NECESSARY_KEY } from './defaults'

const KEY_PATTERN = /^[a-z0-9][a-z0-9_-]*$/

/** The category `necessary` is always required. */
const forceNecessaryRequired: GlobalBeforeChangeHook = ({ data }) => {
  if (Array.isArray(data?.categories)) {
    for (const category of data.categories as Array<Record<string, unknown>>) {
      if (category?.key === NECESSARY_KEY) {
        category.required = true
      }
    }
  }
  return data
}

/** The consent global: banner texts (localized), categories, revision, equal-weight buttons. */
export const createConsentGlobal = ({
  defaults,
  enabled,
  updateAccess,
}: {
  defaults: ConsentDefaults
  enabled: boolean
  updateAccess: Access
}): GlobalConfig => {
  // A banner text's default in the locale being edited.
  const defaultText =
    (key: keyof ConsentTexts) =>
    ({ locale }: { locale?: string }) =>
      defaults.textsFor(locale)[key]
  return {
    slug: CONSENT_GLOBAL_SLUG,
    access: {
      read: anyone,
      update: updateAccess,
    },
    admin: {
      group: staticLabel('privacy'),
    },
    fields: [
      {
        name: 'enabled',
        type: 'checkbox',
        defaultValue: true,
        label: tl('consentEnabled'),
      },
      {
        name: 'title',
        type: 'text',
        defaultValue: defaultText('title'),
        label: tl('bannerTitle'),
        localized: true,
        required: true,
      },
      {
        name: 'text',
        type: 'textarea',
        defaultValue: defaultText('text'),
        label: tl('bannerText'),
        localized: true,
        required: true,
      },
      {
        type: 'row',
        fields: [
          {
            name: 'acceptLabel',
            type: 'text',
            defaultValue: defaultText('acceptLabel'),
            label: tl('acceptLabel'),
            localized: true,
            required: true,
          },
          {
            name: 'rejectLabel',
            type: 'text',
            defaultValue: defaultText('rejectLabel'),
            label: tl('rejectLabel'),
            localized: true,
            required: true,
          },
          {
            name: 'settingsLabel',
            type: 'text',
            defaultValue: defaultText('settingsLabel'),
            label: tl('settingsLabel'),
            localized: true,
          },
        ],
      },
      {
        name: 'privacyPolicy',
        type: 'group',
        fields: [
          {
            name: 'label',
            type: 'text',
            defaultValue: defaultText('privacyPolicyLabel'),
            label: tl('privacyPolicyLabel'),
            localized: true,
          },
          {
            name: 'url',
            type: 'text',
            defaultValue: ({ locale }: { locale?: string }) =>
              defaults.textsFor(locale).privacyPolicyURL || undefined,
            label: tl('privacyPolicyURL'),
            localized: true,
          },
        ],
        label: tl('privacyPolicy'),
      },
      {
        name: 'categories',
        type: 'array',
        defaultValue: ({ locale }: { locale?: string }) => defaults.categoriesFor(locale),
        fields: [
          {
            type: 'row',
            fields: [
              {
                name: 'key',
                type: 'text',
                admin: { description: tl('categoryKeyDescription') },
                label: tl('categoryKey'),
                required: true,
                validate: (value: null | string | undefined) =>
                  typeof value === 'string' && KEY_PATTERN.test(value)
                    ? true
                    : 'Use lowercase letters, digits, "-" and "_" (e.g. "analytics").',
              },
              {
                name: 'label',
                type: 'text',
                label: tl('categoryLabel'),
                localized: true,
                required: true,
              },
            ],
          },
          {
            name: 'description',
            type: 'textarea',
            label: tl('categoryDescription'),
            localized: true,
          },
          {
            name: 'required',
            type: 'checkbox',
            admin: { description: tl('categoryRequiredDescription') },
            defaultValue: false,
            label: tl('categoryRequired'),
          },
          {
            name: 'services',
            type: 'array',
            fields: [
              {
                name: 'name',
                type: 'text',
                label: tl('serviceName'),
                required: true,
              },
              {
                name: 'description',
                type: 'textarea',
                label: tl('serviceDescription'),
                localized: true,
              },
              {
                name: 'cookies',
                type: 'text',
                hasMany: true,
                label: tl('serviceCookies'),
              },
            ],
            // The array's heading is its `label`; without one Payload shows the field name ("Services").
            label: tl('services'),
            labels: { plural: tl('services'), singular: tl('service') },
          },
        ],
        label: tl('categories'),
        labels: { plural: tl('categories'), singular: tl('category') },
        minRows: 1,
        validate: (rows: unknown) => {
          if (!Array.isArray(rows)) {
            return true
          }
          const keys = rows.map((row) => (row as Record<string, unknown>)?.key)
          const duplicate = keys.find((key, index) => key && keys.indexOf(key) !== index)
          return duplicate ? `The category key "${String(duplicate)}" is used twice.` : true
        },
      },
      {
        type: 'row',
        fields: [
          {
            name: 'revision',
            type: 'number',
            admin: { description: tl('revisionDescription'), step: 1 },
            defaultValue: 1,
            label: tl('revision'),
            min: 1,
            required: true,
            validate: (
              value: null | number | undefined,
              { previousValue }: { previousValue?: unknown },
            ) => {
              if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
                return 'The revision must be a whole number of at least 1.'
              }
              if (typeof previousValue === 'number' && value < previousValue) {
                return `The revision can only be raised (it is ${previousValue}).`
              }
              return true
            },
          },
          {
            name: 'equalWeightButtons',
            type: 'checkbox',
            admin: { description: tl('equalWeightButtonsDescription') },
            defaultValue: true,
            label: tl('equalWeightButtons'),
          },
        ],
      },
      {
        name: 'revisionMessage',
        type: 'textarea',
        admin: { description: tl('revisionMessageDescription') },
        defaultValue: defaultText('revisionMessage'),
        label: tl('revisionMessage'),
        localized: true,
      },
    ],
    hooks: enabled ? { beforeChange: [forceNecessaryRequired] } : {},
    label: staticLabel('consent'),
  }
}
