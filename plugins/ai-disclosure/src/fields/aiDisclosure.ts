import type { CollectionSlug, GroupField, TextField, UIField } from 'payload'

import { AI_DISCLOSURE_GROUP } from '../constants'
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
const shortEnumName = ({ tableName = 'ai_disclosure' }: { tableName?: string }): string => {
  const name = `enum_${tableName}_resp_type`
  return name.length <= 63 ? name : `enum_${tableName.slice(0, 40)}_${shortHash(tableName)}_resp`
}

/**
 * The `aiDisclosure` group of a text collection: was it reported by AI, by which system, did a
 * human review it (who, when), and who holds editorial responsibility (EU AI Act, Art. 50(4)).
 */
export const aiDisclosureField = ({
  userCollection,
  withWarning = false,
}: {
  userCollection: string
  /** Show the "not reviewed by a human" banner at the top of the group (admin only, no data). */
  withWarning?: boolean
}): GroupField => ({
  name: AI_DISCLOSURE_GROUP,
  type: 'group',
  admin: {
    description: tl('aiDisclosureDescription'),
    position: 'sidebar',
  },
  fields: [
    ...(withWarning
      ? [
          {
            name: 'reviewWarning',
            type: 'ui',
            admin: {
              components: {
                Field: {
                  clientProps: { variant: 'banner' },
                  path: 'payload-plugin-ai-disclosure/client#ReviewWarning',
                },
              },
              disableListColumn: true,
            },
          } satisfies UIField,
        ]
      : []),
    {
      name: 'reportedByAI',
      type: 'checkbox',
      admin: { description: tl('reportedByAIDescription') },
      defaultValue: false,
      index: true,
      label: tl('reportedByAI'),
    },
    aiSystemField(),
    {
      name: 'humanReviewed',
      type: 'checkbox',
      admin: { description: tl('humanReviewedDescription') },
      defaultValue: false,
      label: tl('humanReviewed'),
    },
    {
      name: 'reviewedBy',
      type: 'relationship',
      label: tl('reviewedBy'),
      relationTo: userCollection as CollectionSlug,
    },
    {
      name: 'reviewedAt',
      type: 'date',
      admin: { date: { pickerAppearance: 'dayAndTime' } },
      label: tl('reviewedAt'),
    },
    {
      name: 'editorialResponsibility',
      type: 'text',
      admin: { description: tl('editorialResponsibilityDescription') },
      label: tl('editorialResponsibility'),
    },
    {
      name: 'editorialResponsibilityType',
      type: 'select',
      defaultValue: 'organization',
      enumName: shortEnumName,
      label: tl('editorialResponsibilityType'),
      options: [
        { label: tl('organization'), value: 'organization' },
        { label: tl('person'), value: 'person' },
      ],
    },
  ],
  interfaceName: 'AiDisclosure',
  label: tl('aiDisclosure'),
})
