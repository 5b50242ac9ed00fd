import type { BaseFilter, Where } from 'payload'

/**
 * The images list's "unused images" view: no article has it as hero image and no related article
 * as its image (the staff-only joins of collections/Images.ts). As a query string for REST
 * (`GET /api/images?…`).
 */
export const UNUSED_IMAGES_QUERY =
  'where[and][0][usedInArticles][exists]=false&where[and][1][usedInRelated][exists]=false'

/** The same as a `where`. */
export const UNUSED_IMAGES_WHERE: Where = {
  and: [{ usedInArticles: { exists: false } }, { usedInRelated: { exists: false } }],
}

/** The admin list's search parameter of that view (`?unused=1`). */
export const UNUSED_IMAGES_PARAM = 'unused'

/**
 * The images list's base filter: the unused images when the list is opened with `?unused=1`. Not a
 * `where` in the URL: the admin's filter builder cannot show a condition on a join field and the
 * list view fails to render ("Cannot read properties of undefined (reading 'field')").
 */
export const unusedImagesFilter: BaseFilter = ({ req }) =>
  req.query?.[UNUSED_IMAGES_PARAM] === '1' ? UNUSED_IMAGES_WHERE : null
