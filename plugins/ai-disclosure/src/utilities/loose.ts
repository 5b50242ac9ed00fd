import type { Payload, PayloadRequest } from 'payload'

/**
 * The plugin works with collection slugs it only knows at runtime. In an app with generated types
 * (`payload-types.ts`) the Local API is typed per slug, so the plugin calls it through this loose
 * view instead of casting at every call.
 */
export type LooseDoc = { [key: string]: unknown; id: number | string }

type CommonArgs = {
  context?: Record<string, unknown>
  depth?: number
  draft?: boolean
  fallbackLocale?: false | string
  locale?: string
  overrideAccess?: boolean
  req?: PayloadRequest
  select?: Record<string, unknown>
  showHiddenFields?: boolean
}

export type LoosePayload = {
  create: (
    args: { collection: string; data: Record<string, unknown> } & CommonArgs,
  ) => Promise<LooseDoc>
  find: (
    args: {
      collection: string
      limit?: number
      pagination?: boolean
      sort?: string
      where?: Record<string, unknown>
    } & CommonArgs,
  ) => Promise<{ docs: LooseDoc[]; totalDocs: number }>
  findByID: (
    args: { collection: string; disableErrors?: boolean; id: number | string } & CommonArgs,
  ) => Promise<LooseDoc | null>
  findGlobal: (args: { slug: string } & CommonArgs) => Promise<Record<string, unknown>>
  update: (
    args: { collection: string; data: Record<string, unknown>; id: number | string } & CommonArgs,
  ) => Promise<LooseDoc>
  updateGlobal: (
    args: { data: Record<string, unknown>; slug: string } & CommonArgs,
  ) => Promise<Record<string, unknown>>
}

export const loose = (payload: Payload): LoosePayload => payload as unknown as LoosePayload
