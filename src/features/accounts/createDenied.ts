import { type Collection, getPayload, type SanitizedConfig } from 'payload'
import { CREATE_DENIED_PATH, CREATE_DENIED_VIEW } from 'payload-plugin-translation-workflow'

type Params = { segments?: string[] }

/**
 * The admin route to render for `params`: `/collections/<slug>/create` becomes the collection's
 * "create denied" view (translation-workflow plugin) for a logged-in user who may not create
 * there, so a translator reads why ("Translators cannot create documents.") instead of Payload's
 * "Unauthorized – you must be logged in", which is meant for visitors who are not. The URL stays
 * as it is; anyone else, and every other route, gets Payload's own page.
 */
export async function adminRouteFor(
  params: Promise<Params>,
  config: Promise<SanitizedConfig>,
  headers: Promise<Headers>,
): Promise<Params> {
  const resolved = await params
  const [section, slug, action, ...rest] = resolved.segments ?? []
  if (section !== 'collections' || action !== 'create' || rest.length || !slug) return resolved
  const payload = await getPayload({ config })
  const collection = (payload.collections as Record<string, Collection | undefined>)[slug]
  const views = collection?.config.admin.components?.views
  if (!views || !(CREATE_DENIED_VIEW in views)) return resolved
  // Payload's own answer to "who is this and what may they do", from the request's credentials.
  const { permissions, user } = await payload.auth({ headers: await headers })
  if (!user || permissions.collections?.[slug]?.create) return resolved
  return { ...resolved, segments: ['collections', slug, CREATE_DENIED_PATH.slice(1)] }
}
