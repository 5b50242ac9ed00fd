import type { Payload } from 'payload'

import type { ConsentDefaults } from './defaults'

import { CONSENT_GLOBAL_SLUG } from '../constants'
import { loose } from '../utilities/loose'

type Row = { [key: string]: unknown; id?: string }

/**
 * Writes the default banner texts of every locale into the consent global when it has never been
 * saved, so German visitors get the German texts (and not the English fallback) from the start.
 */
export const seedConsentGlobal = async (
  payload: Payload,
  defaults: ConsentDefaults,
): Promise<void> => {
  const api = loose(payload)
  const current = await api.findGlobal({
    slug: CONSENT_GLOBAL_SLUG,
    depth: 0,
    overrideAccess: true,
  })
  if (current?.updatedAt || current?.createdAt) {
    return
  }

  const localization = payload.config.localization
  const locales: Array<string | undefined> = localization
    ? [
        localization.defaultLocale,
        ...localization.localeCodes.filter((code) => code !== localization.defaultLocale),
      ]
    : [undefined]

  let savedRows: Row[] | undefined
  for (const locale of locales) {
    const texts = defaults.textsFor(locale)
    const categories = defaults.categoriesFor(locale).map((category, index) => {
      const savedRow = savedRows?.[index]
      const savedServices = (savedRow?.services ?? []) as Row[]
      return {
        ...(savedRow?.id ? { id: savedRow.id } : {}),
        description: category.description,
        key: category.key,
        label: category.label,
        required: category.required,
        services: category.services.map((service, serviceIndex) => ({
          ...(savedServices[serviceIndex]?.id ? { id: savedServices[serviceIndex].id } : {}),
          cookies: service.cookies,
          description: service.description,
          name: service.name,
        })),
      }
    })
    const saved = await api.updateGlobal({
      slug: CONSENT_GLOBAL_SLUG,
      data: {
        acceptLabel: texts.acceptLabel,
        categories,
        enabled: true,
        equalWeightButtons: true,
        privacyPolicy: { label: texts.privacyPolicyLabel, url: texts.privacyPolicyURL || null },
        rejectLabel: texts.rejectLabel,
        revision: 1,
        revisionMessage: texts.revisionMessage,
        settingsLabel: texts.settingsLabel,
        text: texts.text,
        title: texts.title,
      },
      depth: 0,
      locale,
      overrideAccess: true,
    })
    savedRows = (saved.categories ?? []) as Row[]
  }
}
