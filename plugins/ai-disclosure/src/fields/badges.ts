import type { ArrayField, FieldHook } from 'payload'

import { BADGE_INTERFACE_NAME, BADGE_TYPES, BADGES_FIELD } from '../constants'
import { tl } from '../utilities/translate'

/**
 * The computed, read-only `badges` list (`[{ type, label }]`). Virtual: never stored. An array (not
 * JSON) so GraphQL gets the typed list `[AiBadge!]`; `type` is a text field so GraphQL returns
 * `reported-by-ai` as is (a select would become an enum `reported_by_ai`).
 */
export const badgesField = ({
  afterRead,
  enabled,
  kind,
}: {
  afterRead?: FieldHook
  enabled: boolean
  kind: 'image' | 'text'
}): ArrayField => ({
  name: BADGES_FIELD,
  type: 'array',
  access: { create: () => false, update: () => false },
  admin: {
    components: enabled
      ? {
          Cell: 'payload-plugin-ai-disclosure/client#BadgesCell',
          Field: {
            clientProps: { kind },
            path: 'payload-plugin-ai-disclosure/client#BadgesField',
          },
        }
      : undefined,
    // a disabled plugin keeps the field (stable schema) but shows nothing in the admin
    disabled: !enabled,
    disableListFilter: true,
    position: 'sidebar',
    readOnly: true,
  },
  fields: [
    // declared so Payload adds no generated row id: a badge is `{ type, label }` only
    { name: 'id', type: 'text', hidden: true },
    {
      name: 'type',
      type: 'text',
      required: true,
      typescriptSchema: [() => ({ type: 'string', enum: [...BADGE_TYPES] })],
    },
    {
      name: 'label',
      type: 'text',
      required: true,
    },
  ],
  hooks: enabled && afterRead ? { afterRead: [afterRead] } : undefined,
  interfaceName: BADGE_INTERFACE_NAME,
  label: tl('badges'),
  // Not `required`: that would make every Local API create/update call pass `badges` in TypeScript.
  // The afterRead hook still always returns a list (possibly empty).
  virtual: true,
})
