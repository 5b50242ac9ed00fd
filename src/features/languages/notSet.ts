// Admin component references for the config, kept apart from the components themselves so the
// Payload config never imports React or @payloadcms/ui.

/** Not set: what an empty "Original language" reads as in the list. */
export const NOT_SET = { en: 'Not set', de: 'Nicht angegeben' }

/**
 * `admin.components.Cell` of an optional field: an empty value reads as `empty` instead of
 * Payload's "<No {{label}}>" (src/features/languages/NotSetCell.tsx).
 */
export const notSetCell = (empty: Record<string, string> = NOT_SET) => ({
  path: '/features/languages/NotSetCell#NotSetCell',
  serverProps: { empty },
})
