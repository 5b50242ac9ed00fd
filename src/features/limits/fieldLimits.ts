import type { Field, PayloadRequest } from 'payload'
import { ValidationError } from 'payload'

import { disallowedLinks, LINK_RULE } from '../../utilities/links'
import { describeValue, isObject, wrongType } from './fieldTypes'

/**
 * Size limits of stored values, checked on every save (drafts too): a text field's own `maxLength`,
 * else these defaults; rich text by its serialized JSON size, and its links' schemes
 * (src/utilities/links.ts).
 */
export const FIELD_LIMITS = { text: 10_000, textarea: 100_000, richTextBytes: 1_000_000 }

type Owner = { collection: string } | { global: string }
type Problem = { path: string; message: string }

/**
 * Size limits and value types on every save, drafts included (Payload validates fields only when
 * publishing, a field's own `validate` replaces the built-in `maxLength` check, and the built-in
 * checks of text and textarea do not look at the type): a 400 naming each field over its limit or
 * given a value of the wrong JSON type (`wrongType`, src/features/limits/fieldTypes.ts).
 */
export function fieldLimits(fields: Field[], owner: Owner) {
  return ({
    data,
    req,
    ...args
  }: {
    data?: Partial<Record<string, unknown>>
    req: PayloadRequest
    collection?: { fields: Field[] }
    global?: { fields: Field[] }
  }) => {
    const problems: Problem[] = []
    // The sanitized fields when Payload passes them: they include its own (`_status`, timestamps).
    const all = args.collection?.fields ?? args.global?.fields ?? fields
    collectOversized(all, data, '', req.locale === 'all', problems)
    if (problems.length) throw new ValidationError({ ...owner, errors: problems, req })
    return data
  }
}

function collectOversized(
  fields: Field[],
  data: unknown,
  prefix: string,
  allLocales: boolean,
  problems: Problem[],
): void {
  if (!isObject(data)) return
  for (const field of fields) {
    if (field.type === 'tabs') {
      for (const tab of field.tabs) {
        const named = 'name' in tab && tab.name
        collectOversized(
          tab.fields,
          named ? data[tab.name!] : data,
          named ? `${prefix}${tab.name}.` : prefix,
          allLocales,
          problems,
        )
      }
      continue
    }
    if (!('name' in field) || !field.name) {
      if ('fields' in field) collectOversized(field.fields, data, prefix, allLocales, problems)
      continue
    }
    if (!(field.name in data) || ('virtual' in field && field.virtual)) continue
    const raw = data[field.name]
    const perLocale =
      'localized' in field && field.localized && allLocales && isObject(raw)
        ? Object.entries(raw)
        : [['', raw] as const]
    for (const [locale, value] of perLocale) {
      const path = `${prefix}${field.name}${locale ? `.${locale}` : ''}`
      const expected = wrongType(field, value)
      if (expected) {
        problems.push({
          path,
          message: `${path} must be ${expected}, not ${describeValue(value)}.`,
        })
        continue
      }
      if (field.type === 'text' || field.type === 'textarea') {
        const max = field.maxLength ?? FIELD_LIMITS[field.type]
        for (const text of Array.isArray(value) ? value : [value]) {
          if (typeof text === 'string' && text.length > max) {
            problems.push({
              path,
              message: `${path} is too long: ${text.length} characters; at most ${max}.`,
            })
            break
          }
        }
      } else if (field.type === 'richText' && value !== null && value !== undefined) {
        const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8')
        if (bytes > FIELD_LIMITS.richTextBytes) {
          problems.push({
            path,
            message: `${path} is too large: ${bytes} bytes of rich text (JSON); at most ${FIELD_LIMITS.richTextBytes}.`,
          })
        } else {
          const links = disallowedLinks(value)
          if (links.length)
            problems.push({
              path,
              message: `${path} has a link to ${JSON.stringify(links[0].slice(0, 100))}: ${LINK_RULE}`,
            })
        }
      } else if (field.type === 'group') {
        collectOversized(field.fields, value, `${path}.`, allLocales, problems)
      } else if (field.type === 'array' && Array.isArray(value)) {
        value.forEach((row, i) =>
          collectOversized(field.fields, row, `${path}.${i}.`, allLocales, problems),
        )
      } else if (field.type === 'blocks' && Array.isArray(value)) {
        value.forEach((row, i) => {
          const block = field.blocks.find((b) => isObject(row) && b.slug === row.blockType)
          if (block) collectOversized(block.fields, row, `${path}.${i}.`, allLocales, problems)
        })
      }
    }
  }
}
