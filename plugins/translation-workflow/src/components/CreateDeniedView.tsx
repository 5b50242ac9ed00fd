// React Server Component: a collection view (`admin.components.views.createDenied`).
import type { AdminViewServerProps } from 'payload'

import { Button, Gutter } from '@payloadcms/ui'
import { formatAdminURL } from 'payload/shared'

import type { TranslatorLocales } from '../hooks/translatorGuard'

import { PLUGIN_NAMESPACE } from '../constants'

type LooseT = (key: string) => string

/**
 * What a logged-in user reads on a create page they may not use: for a translator, the API's own
 * answer ("Translators cannot create documents.", in the admin's language); for anyone else,
 * Payload's "not allowed to perform this action". A link leads back to the collection's list.
 */
export function CreateDeniedView(
  props: AdminViewServerProps & { translatorLocales: TranslatorLocales },
) {
  const { collectionConfig, initPageResult, translatorLocales } = props
  const { req } = initPageResult
  const t = req.i18n.t as unknown as LooseT
  const message = translatorLocales(req.user)
    ? t(`${PLUGIN_NAMESPACE}:translatorsCannotCreate`)
    : t('error:notAllowedToPerformAction')
  const slug = collectionConfig?.slug ?? ''
  const listURL = formatAdminURL({
    adminRoute: req.payload.config.routes.admin,
    path: `/collections/${slug}`,
  })
  return (
    <Gutter className="create-denied">
      <h1
        className="create-denied__message"
        style={{ margin: 'calc(var(--base) * 2) 0 var(--base)' }}
      >
        {message}
      </h1>
      <Button el="link" size="large" to={listURL}>
        {t(`${PLUGIN_NAMESPACE}:backToList`)}
      </Button>
    </Gutter>
  )
}
