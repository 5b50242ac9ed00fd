import { buildConfig, type Config, type Field, type SanitizedConfig } from 'payload'

import { appConfig } from '../src/payload.config'

/** A field without hooks (and so are its sub-fields). */
function bareField(field: Field): Field {
  const { hooks: _hooks, ...rest } = field as Field & { hooks?: unknown }
  const result = rest as Record<string, unknown>
  if (Array.isArray(result.fields)) result.fields = (result.fields as Field[]).map(bareField)
  if (Array.isArray(result.tabs)) {
    result.tabs = (result.tabs as { fields: Field[] }[]).map((tab) => ({
      ...tab,
      fields: tab.fields.map(bareField),
    }))
  }
  if (Array.isArray(result.blocks)) {
    result.blocks = (result.blocks as { fields: Field[] }[]).map((block) => ({
      ...block,
      fields: block.fields.map(bareField),
    }))
  }
  return result as Field
}

/**
 * Bench-only "bare Payload": the app's collections and globals with the fields our plugins add
 * (so the database schema is the same and both configs read one database), but without any of our
 * hooks, endpoints or `onInit`. Access rules stay (anonymous readers see published documents only).
 */
export async function bareConfig(): Promise<SanitizedConfig> {
  let config: Config = { ...appConfig, plugins: [] }
  for (const plugin of appConfig.plugins ?? []) config = await plugin(config)
  return buildConfig({
    ...config,
    plugins: [],
    onInit: undefined,
    collections: (config.collections ?? []).map((collection) => ({
      ...collection,
      hooks: {},
      endpoints: [],
      fields: collection.fields.map(bareField),
    })),
    globals: (config.globals ?? []).map((global) => ({
      ...global,
      hooks: {},
      endpoints: [],
      fields: global.fields.map(bareField),
    })),
  })
}
