'use client'
import { Pill } from '@payloadcms/ui'
import React from 'react'

/** `type`: one of the AI badge types (AIBadgeType), or a custom badge's own. */
export type BadgeListItem = { label: string; type: string }

/** The badges as small pills (shared by the list cell and the edit view). */
export const BadgeList: React.FC<{ badges: BadgeListItem[] }> = ({ badges }) => (
  <span
    className="ai-disclosure-badges"
    style={{ display: 'inline-flex', flexWrap: 'wrap', gap: '4px' }}
  >
    {badges.map((badge) => (
      <Pill
        key={badge.type}
        pillStyle={badge.type === 'reported-by-ai' ? 'warning' : 'light'}
        size="small"
      >
        {badge.label}
      </Pill>
    ))}
  </span>
)
