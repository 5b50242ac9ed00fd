import type { Field, FieldAccess, GroupField, TextField } from 'payload'

import { AI_DISCLOSURE_GROUP } from '../constants'
import { ORIGINS, REVIEW_GROUP } from '../disclosure/origins'
import { reviewState } from '../disclosure/resolve'
import { tl } from '../utilities/translate'

/** djb2, for short stable identifiers */
const shortHash = (value: string): string => {
  let hash = 5381
  for (let index = 0; index < value.length; index++) {
    hash = ((hash << 5) + hash + value.charCodeAt(index)) >>> 0
  }
  return hash.toString(36)
}

/** The AI system that made a text or an image (both the text group and the image fields have it). */
export const aiSystemField = (): TextField => ({
  name: 'aiSystem',
  type: 'text',
  admin: { description: tl('aiSystemDescription') },
  label: tl('aiSystem'),
})

/**
 * Payload names enums `enum_<table>_<group>_<field>`, which passes the 63-character limit of
 * database identifiers for versioned collections (`enum__related_articles_v_version_ai_disclosure_…`).
 */
const shortEnumName =
  (suffix: string) =>
  ({ tableName = 'ai_disclosure' }: { tableName?: string }): string => {
    const name = `enum_${tableName}_${suffix}`
    return name.length <= 63
      ? name
      : `enum_${tableName.slice(0, 40)}_${shortHash(tableName)}_${suffix}`
  }

const never: FieldAccess = () => false

/** Written by the server only (hooks restore them on every save; REST/GraphQL/admin values are dropped). */
const serverOnly = { access: { create: never, update: never } }

const whenOrigin =
  (...origins: string[]) =>
  (_: unknown, siblingData: Record<string, unknown> | undefined): boolean =>
    origins.includes(String(siblingData?.origin ?? ''))

/**
 * The localized `aiDisclosure` group of a text collection: per locale, the origin of that
 * language version (human, AI-generated, AI-assisted, machine- or human-translated), the
 * fingerprint of its text and the editorial review bound to that fingerprint. `textHash` and
 * `review` are set by the server only; `reviewStatus` is computed on read.
 */
export const aiDisclosureField = ({ enabled }: { enabled: boolean }): GroupField => ({
  name: AI_DISCLOSURE_GROUP,
  type: 'group',
  localized: true,
  admin: {
    description: tl('aiDisclosureDescription'),
    position: 'sidebar',
  },
  fields: [
    ...(enabled
      ? [
          {
            name: 'reviewPanel',
            type: 'ui',
            admin: {
              components: { Field: 'payload-plugin-ai-disclosure/client#ReviewPanel' },
              disableListColumn: true,
            },
          } satisfies Field,
        ]
      : []),
    {
      name: 'origin',
      type: 'select',
      admin: { description: tl('originDescription') },
      enumName: shortEnumName('origin'),
      index: true,
      label: tl('origin'),
      options: ORIGINS.map((value) => ({ label: tl(`origin_${value}`), value })),
    },
    aiSystemField(),
    {
      name: 'aiSystemVersion',
      type: 'text',
      admin: { condition: whenOrigin('ai-generated', 'ai-assisted') },
      label: tl('aiSystemVersion'),
    },
    {
      name: 'sourceLocale',
      type: 'text',
      admin: { condition: whenOrigin('machine-translated', 'human-translated') },
      label: tl('sourceLocale'),
      maxLength: 100,
    },
    {
      name: 'sourceVersion',
      type: 'text',
      admin: { condition: whenOrigin('machine-translated', 'human-translated') },
      label: tl('sourceVersion'),
      maxLength: 100,
    },
    {
      name: 'translationSystem',
      type: 'text',
      admin: { condition: whenOrigin('machine-translated') },
      label: tl('translationSystem'),
      maxLength: 200,
    },
    {
      name: 'humanReason',
      type: 'textarea',
      admin: {
        condition: whenOrigin('human', 'human-translated'),
        description: tl('humanReasonDescription'),
      },
      label: tl('humanReason'),
      maxLength: 2000,
    },
    {
      name: 'migrated',
      type: 'checkbox',
      admin: { description: tl('migratedDescription') },
      defaultValue: false,
      label: tl('migrated'),
    },
    {
      name: 'editorialResponsibility',
      type: 'text',
      admin: { description: tl('editorialResponsibilityDescription') },
      label: tl('editorialResponsibility'),
      maxLength: 300,
    },
    {
      name: 'editorialResponsibilityType',
      type: 'select',
      defaultValue: 'organization',
      enumName: shortEnumName('resp_type'),
      label: tl('editorialResponsibilityType'),
      options: [
        { label: tl('organization'), value: 'organization' },
        { label: tl('person'), value: 'person' },
      ],
    },
    {
      name: 'textHash',
      type: 'text',
      ...serverOnly,
      admin: { readOnly: true },
      label: tl('textHash'),
    },
    {
      name: REVIEW_GROUP,
      type: 'group',
      ...serverOnly,
      admin: { readOnly: true },
      fields: [
        { name: 'reviewerId', type: 'text', label: tl('reviewerId') },
        { name: 'reviewerName', type: 'text', label: tl('reviewerName') },
        { name: 'reviewedAt', type: 'date', label: tl('reviewedAt') },
        { name: 'versionId', type: 'text', label: tl('reviewVersion') },
        { name: 'hash', type: 'text', label: tl('reviewHash') },
        { name: 'migrated', type: 'checkbox', label: tl('migrated') },
      ],
      label: tl('review'),
    },
    {
      // none | current | stale, from the stored fingerprints (never stored itself)
      name: 'reviewStatus',
      type: 'text',
      ...serverOnly,
      admin: { hidden: true },
      hooks: {
        afterRead: [({ siblingData }) => reviewState(siblingData as Record<string, unknown>)],
      },
      label: tl('reviewStatus'),
      virtual: true,
    },
  ],
  // A locale without its own group reads as an empty group in REST too, as GraphQL answers it.
  hooks: { afterRead: [({ value }) => value ?? {}] },
  interfaceName: 'AiDisclosure',
  label: tl('aiDisclosure'),
})
