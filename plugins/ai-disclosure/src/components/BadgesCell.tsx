'use client'
import type { DefaultCellComponentProps } from 'payload'

import React from 'react'

import type { BadgeListItem } from './BadgeList'

import { BadgeList } from './BadgeList'

/** List-view cell of the `badges` field. */
export const BadgesCell: React.FC<DefaultCellComponentProps> = ({ cellData }) => {
  const badges = (Array.isArray(cellData) ? cellData : []).filter(
    (badge): badge is BadgeListItem =>
      Boolean(badge) &&
      typeof (badge as BadgeListItem).label === 'string' &&
      typeof (badge as BadgeListItem).type === 'string',
  )
  return badges.length ? <BadgeList badges={badges} /> : null
}
