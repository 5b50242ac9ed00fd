// A plain (hook-free) component, usable from server components and client components alike.
import type { CSSProperties } from 'react'
import React from 'react'

import { normalizeStatus, type TranslationStatus } from '../constants'
import { STATUS_COLORS, statusLabel } from '../utilities/shared'

const pillBase: CSSProperties = {
  display: 'inline-flex',
  alignItems: 'center',
  gap: '0.35em',
  padding: '0.1em 0.6em',
  borderRadius: '999px',
  borderWidth: 1,
  borderStyle: 'solid',
  fontSize: '0.75rem',
  fontWeight: 500,
  lineHeight: 1.6,
  whiteSpace: 'nowrap',
}

const dotStyle: CSSProperties = {
  width: '0.5em',
  height: '0.5em',
  borderRadius: '50%',
  background: 'currentColor',
  flexShrink: 0,
}

/** A coloured pill for a translation status; null and unknown values show as "missing". */
export const StatusPill: React.FC<{ language?: string; status: unknown }> = ({
  language,
  status,
}) => {
  const value: TranslationStatus = normalizeStatus(status)
  const colors = STATUS_COLORS[value]
  return (
    <span
      className={`translation-status translation-status--${value}`}
      data-status={value}
      style={{
        ...pillBase,
        background: colors.background,
        color: colors.color,
        borderColor: colors.border,
      }}
    >
      <span aria-hidden="true" style={dotStyle} />
      {statusLabel(value, language)}
    </span>
  )
}
