'use client'
import { getTranslation } from '@payloadcms/translations'
import {
  FormSubmit,
  PopupList,
  useConfig,
  useDocumentInfo,
  useForm,
  useFormModified,
  useLocale,
  useModal,
  useTranslation,
} from '@payloadcms/ui'
import { formatAdminURL, hasLocalizeStatusEnabled } from 'payload/shared'
import React, { useCallback } from 'react'

import { ScheduleDrawer } from './ScheduleDrawer'
import type { NewsroomTranslationKey, NewsroomTranslations } from '../../languages/translations'

// The Articles publish button (`admin.components.edit.PublishButton`): Payload's behaviour as
// editors know it ("Publish in <language>" / "Publish in all locales", the same requests), with
// our "Schedule…" drawer instead of Payload's, whose toast says "Scheduled successfully." whatever
// the server answered and whose times are the browser's, not the newsroom's.

type Field = { localized?: boolean; fields?: Field[]; tabs?: Field[]; blocks?: Field[] }
const hasLocalized = (fields: Field[] | undefined): boolean =>
  (fields ?? []).some(
    (f) => f.localized || hasLocalized(f.fields) || hasLocalized(f.tabs) || hasLocalized(f.blocks),
  )

export function PublishButton({ label: labelProp }: { label?: string } = {}) {
  const {
    id,
    collectionSlug,
    hasPublishedDoc,
    hasPublishPermission,
    setHasPublishedDoc,
    setMostRecentVersionIsAutosaved,
    setUnpublishedVersionCount,
    unpublishedVersionCount,
    uploadStatus,
  } = useDocumentInfo()
  const { config, getEntityConfig } = useConfig()
  const { submit } = useForm()
  const modified = useFormModified()
  const { code: localeCode } = useLocale()
  const { isModalOpen, toggleModal } = useModal()
  const { i18n, t } = useTranslation<NewsroomTranslations, NewsroomTranslationKey>()
  const drawerSlug = `newsroom-schedule-${id}`
  const { localization, routes } = config
  const entityConfig = collectionSlug ? getEntityConfig({ collectionSlug }) : undefined
  const label = labelProp || t('version:publishChanges')

  const canPublish =
    hasPublishPermission &&
    (modified || unpublishedVersionCount > 0 || !hasPublishedDoc) &&
    uploadStatus !== 'uploading'
  const canSchedule = Boolean(hasPublishPermission && collectionSlug && id)
  const specificLocale = Boolean(
    localization && hasLocalized(entityConfig?.fields as Field[]) && hasPublishPermission,
  )
  const localizeStatus = hasLocalizeStatusEnabled(entityConfig as never)

  const send = useCallback(
    async (params: Record<string, string | number | boolean>) => {
      if (uploadStatus === 'uploading') return
      const query = new URLSearchParams(
        Object.entries(params).map(([k, v]) => [k, String(v)]),
      ).toString()
      const result = await submit({
        action: formatAdminURL({
          apiRoute: routes.api,
          path: `/${collectionSlug}${id ? `/${id}` : ''}?${query}`,
        }),
        overrides: { _status: 'published' },
      })
      if (result) {
        setUnpublishedVersionCount(0)
        setMostRecentVersionIsAutosaved(false)
        setHasPublishedDoc(true)
      }
    },
    [
      collectionSlug,
      id,
      routes.api,
      setHasPublishedDoc,
      setMostRecentVersionIsAutosaved,
      setUnpublishedVersionCount,
      submit,
      uploadStatus,
    ],
  )
  const publishAll = () =>
    send({ depth: 0, locale: localeCode, ...(localizeStatus ? { publishAllLocales: true } : {}) })
  const publishLocale = (code: string) =>
    send({ depth: 0, locale: code, publishSpecificLocale: code })

  const isDefaultPublishAll =
    !specificLocale || (localization && localization.defaultLocalePublishOption !== 'active')
  const activeLocale = localization && localization.locales.find((l) => l.code === localeCode)
  const activeLocaleLabel = activeLocale ? getTranslation(activeLocale.label, i18n) : localeCode

  if (!hasPublishPermission) return null
  return (
    <React.Fragment>
      <FormSubmit
        buttonId="action-save"
        disabled={!canPublish}
        enableSubMenu={canSchedule || specificLocale}
        onClick={() => void (isDefaultPublishAll ? publishAll() : publishLocale(localeCode))}
        size="medium"
        SubMenuPopupContent={({ close }) => (
          <React.Fragment>
            {canSchedule && (
              <PopupList.ButtonGroup>
                <PopupList.Button
                  id="schedule-publish"
                  onClick={() => {
                    toggleModal(drawerSlug)
                    close()
                  }}
                >
                  {t('newsroom:scheduleOpen')}
                </PopupList.Button>
              </PopupList.ButtonGroup>
            )}
            {specificLocale && (
              <PopupList.ButtonGroup>
                <PopupList.Button
                  id="publish-locale"
                  onClick={() =>
                    void (isDefaultPublishAll ? publishLocale(localeCode) : publishAll())
                  }
                >
                  {isDefaultPublishAll
                    ? t('version:publishIn', { locale: activeLocaleLabel })
                    : t('version:publishAllLocales')}
                </PopupList.Button>
              </PopupList.ButtonGroup>
            )}
          </React.Fragment>
        )}
        type="button"
      >
        {!isDefaultPublishAll ? t('version:publishIn', { locale: activeLocaleLabel }) : label}
      </FormSubmit>
      {canSchedule && isModalOpen(drawerSlug) && (
        <ScheduleDrawer
          slug={drawerSlug}
          collectionSlug={collectionSlug!}
          id={id!}
          modified={modified}
        />
      )}
    </React.Fragment>
  )
}
