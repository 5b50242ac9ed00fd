import type { CheckboxField, Field, TextareaField, TextField } from 'payload'

import { DIGITAL_SOURCE_TYPE_URIS } from '../constants'
import { aiSystemField } from './aiDisclosure'
import { aiOverrideReasonField, provenanceGroup } from './provenance'
import { tl } from '../utilities/translate'

/**
 * Image provenance fields of an upload collection, in a collapsible (their data stays top-level):
 * `aiGenerated`, `digitalSourceType` (IPTC URI), `aiSystem`, `aiPrompt`, `aiOverrideReason` and the
 * read-only `provenance` group (what the file itself says).
 *
 * `digitalSourceType` is a text field with a select in the admin: Payload turns select options into
 * GraphQL enum names, and URIs (`http://…`) are not valid GraphQL names.
 */
export const imageProvenanceFields = ({
  enabled,
  existing = new Map(),
}: {
  enabled: boolean
  /**
   * Fields the collection already has at its root. A field of the same name and a compatible type
   * is kept instead of being added (e.g. an `aiGenerated` checkbox from before the plugin); another
   * type is a configuration error.
   */
  existing?: Map<string, Field>
}): Field[] => {
  for (const name of ['provenance', 'aiOverrideReason']) {
    if (existing.has(name)) {
      throw new Error(
        `[ai-disclosure] The image collection already has a field "${name}", which the plugin adds.`,
      )
    }
  }
  const fields = provenanceFields(enabled).filter((field) => {
    const current = existing.get(field.name)
    if (!current) {
      return true
    }
    const compatible = COMPATIBLE_TYPES[field.name] ?? [field.type]
    if (!compatible.includes(current.type)) {
      throw new Error(
        `[ai-disclosure] The image collection already has a field "${field.name}" of type "${current.type}"; the plugin needs ${compatible.join(' or ')}.`,
      )
    }
    return false
  })
  return [
    {
      type: 'collapsible',
      admin: { initCollapsed: false },
      fields: [...fields, aiOverrideReasonField(), provenanceGroup({ enabled })],
      label: tl('aiProvenance'),
    },
  ]
}

const COMPATIBLE_TYPES: Record<string, string[]> = {
  aiGenerated: ['checkbox'],
  aiPrompt: ['textarea', 'text'],
  aiSystem: ['text'],
  // a select would need GraphQL enum names, which URIs are not
  digitalSourceType: ['text'],
}

const provenanceFields = (enabled: boolean): Array<CheckboxField | TextareaField | TextField> => [
  {
    name: 'aiGenerated',
    type: 'checkbox',
    admin: { description: tl('aiGeneratedDescription') },
    defaultValue: false,
    index: true,
    label: tl('aiGenerated'),
  },
  {
    name: 'digitalSourceType',
    type: 'text',
    admin: {
      components: enabled
        ? { Field: 'payload-plugin-ai-disclosure/client#DigitalSourceTypeSelect' }
        : undefined,
      description: tl('digitalSourceTypeDescription'),
    },
    index: true,
    label: tl('digitalSourceType'),
    validate: (value: null | string | undefined) =>
      value === null ||
      value === undefined ||
      value === '' ||
      DIGITAL_SOURCE_TYPE_URIS.includes(value)
        ? true
        : `"${value}" is not an IPTC digital source type; use a URI such as http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia.`,
  },
  aiSystemField(),
  {
    name: 'aiPrompt',
    type: 'textarea',
    admin: { description: tl('aiPromptDescription') },
    label: tl('aiPrompt'),
  },
]
