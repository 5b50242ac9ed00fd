// Admin component references for the config, kept apart from the components themselves so the
// Payload config never imports React or @payloadcms/ui.

import type { NewsroomKey } from './translations'

/**
 * `admin.components.Cell` of an optional field: an empty value reads as the translation `empty`
 * ("Not set") instead of Payload's "<No {{label}}>" (src/features/languages/NotSetCell.tsx).
 */
export const notSetCell = (empty: NewsroomKey = 'notSet') => ({
  path: '/features/languages/NotSetCell#NotSetCell',
  serverProps: { empty },
})
