import type { Field, FieldAccess } from 'payload'

import { PACKAGE_NAME, SOURCE_HASH_FIELD, STATUS_FIELD, TRANSLATION_STATUSES } from '../constants'
import { tl } from '../utilities/translate'

/**
 * Per-locale translation status (localized, so every language has its own) and its bookkeeping.
 * `withCell: false` (plugin disabled) keeps the columns but not the admin component.
 */
export const translationStatusFields = ({
  withCell = true,
  readAccess,
}: { withCell?: boolean; readAccess?: FieldAccess } = {}): Field[] => [
  {
    name: STATUS_FIELD,
    type: 'select',
    localized: true,
    ...(readAccess && { access: { read: readAccess } }),
    label: tl('translationStatus'),
    options: TRANSLATION_STATUSES.map((value) => ({ value, label: tl(`status_${value}`) })),
    admin: {
      position: 'sidebar',
      ...(withCell ? { components: { Cell: `${PACKAGE_NAME}/client#TranslationStatusCell` } } : {}),
      description: tl('translationStatusDescription'),
    },
  },
  {
    // The source texts' hash when the translation was marked done: a different hash means stale.
    name: SOURCE_HASH_FIELD,
    type: 'text',
    localized: true,
    ...(readAccess && { access: { read: readAccess } }),
    admin: { hidden: true },
  },
]
