/**
 * The images list's "unused images" view: no article has it as hero image and no related article
 * as its image (the staff-only joins of collections/Images.ts). As a query string, for the admin's
 * list URL and for REST (`GET /api/images?…`).
 */
export const UNUSED_IMAGES_QUERY =
  'where[and][0][usedInArticles][exists]=false&where[and][1][usedInRelated][exists]=false'
