import type { Endpoint } from 'payload'

import type { JsonLdOptions } from '../types'
import type { ImageFieldRef } from '../utilities/imageFields'

import { PLUGIN_NAMESPACE } from '../constants'
import { buildNewsArticleJsonLd } from '../jsonLd/buildNewsArticleJsonLd'
import { getValueAtPath, toImageReferences } from '../utilities/imageFields'
import { resolveRequestLocale } from '../utilities/locale'
import { loose } from '../utilities/loose'
import { nestedReq } from '../utilities/nestedReq'

/**
 * `GET /api/ai-disclosure/json-ld/:collection/:id?locale=de` → `application/ld+json`, a schema.org
 * NewsArticle of an opted-in document, read with the requesting user's access.
 */
export const createJsonLdEndpoint = ({
  imageFieldsByCollection,
  options = {},
}: {
  imageFieldsByCollection: Map<string, ImageFieldRef[]>
  options?: JsonLdOptions
}): Endpoint => ({
  handler: async (req) => {
    const { collection, id } = (req.routeParams ?? {}) as { collection?: string; id?: string }
    const imageFields = collection ? imageFieldsByCollection.get(collection) : undefined
    if (!collection || !id || !imageFields) {
      return Response.json(
        { errors: [{ message: `No AI disclosure for the collection "${collection ?? ''}".` }] },
        { status: 404 },
      )
    }

    const api = loose(req.payload)
    const locale = resolveRequestLocale(req)
    // throws NotFound / Forbidden, which Payload turns into the matching response
    const doc = (await api.findByID({
      id,
      collection,
      depth: 0,
      draft: false,
      overrideAccess: false,
      req: nestedReq(req),
    }))!

    const images: Record<string, unknown>[] = []
    for (const field of imageFields) {
      for (const ref of toImageReferences(getValueAtPath(doc, field.path), field.relationTo)) {
        const imageID = typeof ref.value === 'object' ? ref.value.id : ref.value
        if (typeof imageID !== 'string' && typeof imageID !== 'number') {
          continue
        }
        const image = await api
          .findByID({
            id: imageID,
            collection: ref.collection,
            depth: 0,
            disableErrors: true,
            overrideAccess: false,
            req: nestedReq(req),
          })
          .catch(() => null)
        if (image) {
          images.push(image)
        }
      }
    }

    const collectionConfig =
      req.payload.collections[collection as keyof typeof req.payload.collections]?.config
    const useAsTitle = collectionConfig?.admin?.useAsTitle
    const headline =
      useAsTitle && useAsTitle !== 'id' && typeof doc[useAsTitle] === 'string'
        ? (doc[useAsTitle] as string)
        : undefined
    const url = options.generateURL
      ? await options.generateURL({ collectionSlug: collection, doc, locale, req })
      : undefined

    let jsonLd = buildNewsArticleJsonLd({
      baseURL: req.payload.config.serverURL || new URL(req.url ?? 'http://localhost').origin,
      doc,
      headline,
      images,
      locale,
      publicImage: options.publicImage,
      url,
      vocabulary: options.digitalSourceTypeVocabulary ?? 'schema.org',
    })
    if (options.transform) {
      jsonLd = await options.transform({ collectionSlug: collection, doc, jsonLd, locale, req })
    }

    return new Response(JSON.stringify(jsonLd), {
      headers: { 'content-type': 'application/ld+json; charset=utf-8' },
      status: 200,
    })
  },
  method: 'get',
  path: `/${PLUGIN_NAMESPACE}/json-ld/:collection/:id`,
})
