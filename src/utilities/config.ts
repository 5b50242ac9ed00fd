import type { CollectionConfig, Field } from 'payload'

// Helpers for the app's plugins (src/features/*/plugin.ts), which extend collections by slug.

/** `collections` with `extend` applied to those named in `slugs`. */
export const extendCollections = (
  collections: CollectionConfig[] | undefined,
  slugs: readonly string[],
  extend: (collection: CollectionConfig) => CollectionConfig,
): CollectionConfig[] =>
  (collections ?? []).map((collection) =>
    slugs.includes(collection.slug) ? extend(collection) : collection,
  )

/** `fields` with the top-level field called `name` replaced by `extend(field)`. */
export const extendField = (
  fields: Field[],
  name: string,
  extend: (field: Field) => Field,
): Field[] =>
  fields.map((field) => ('name' in field && field.name === name ? extend(field) : field))

/** `fields` with `added` right after the top-level field called `name` (at the end without it). */
export function insertAfter(fields: Field[], name: string, added: Field[]): Field[] {
  const at = fields.findIndex((field) => 'name' in field && field.name === name)
  return at < 0
    ? [...fields, ...added]
    : [...fields.slice(0, at + 1), ...added, ...fields.slice(at + 1)]
}

/**
 * A collection's or global's `hooks` with each of `added`'s hooks run after those of the same kind
 * already there.
 */
export function appendHooks<H extends object>(hooks: H | undefined, added: H): H {
  const merged: Record<string, unknown[] | undefined> = { ...hooks }
  for (const [kind, list] of Object.entries(added) as [string, unknown[]][])
    merged[kind] = [...(merged[kind] ?? []), ...list]
  return merged as H
}
