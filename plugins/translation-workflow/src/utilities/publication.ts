import type { CollectionSlug, Payload, PayloadRequest, TypedLocale } from 'payload'

/**
 * A document's publication state in one locale (with Payload's `localizeStatus` each locale has
 * its own; without it every locale has the document's): `draft` not live there, `published` live
 * with nothing newer, `changed` live with a newer draft there (Payload's "Draft", "Published",
 * "Changed").
 */
export type PublicationState = 'changed' | 'draft' | 'published'

type Access = { overrideAccess: boolean; user?: unknown; req?: Partial<PayloadRequest> }

/**
 * The publication state in `locale` of each document, from its latest `_status` there (read with
 * `draft: true`) and one read of the live documents. Undefined for collections without drafts
 * (what is saved is live).
 */
export async function publicationStates(
  payload: Payload,
  {
    collection,
    locale,
    latest,
    ...access
  }: Access & {
    collection: string
    locale: string
    /** Document id → its latest `_status` in `locale`. */
    latest: Map<string, unknown>
  },
): Promise<Map<string, PublicationState> | undefined> {
  if (!payload.collections[collection as CollectionSlug]?.config.versions?.drafts) return undefined
  const states = new Map<string, PublicationState>()
  if (!latest.size) return states
  const live = await payload.find({
    collection: collection as CollectionSlug,
    locale: locale as TypedLocale,
    fallbackLocale: false,
    draft: false,
    depth: 0,
    where: { id: { in: [...latest.keys()] } },
    limit: latest.size,
    pagination: false,
    select: { _status: true } as never,
    ...(access as object),
  })
  const published = new Set(
    (live.docs as { _status?: unknown; id: number | string }[])
      .filter((doc) => doc._status === 'published')
      .map((doc) => String(doc.id)),
  )
  for (const [id, status] of latest)
    states.set(id, !published.has(id) ? 'draft' : status === 'published' ? 'published' : 'changed')
  return states
}
