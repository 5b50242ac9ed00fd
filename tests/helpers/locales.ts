import type { Payload } from 'payload'

/** Changes some labels of a Locale document, as an editor would; the returned function restores them. */
export async function changeLabels(
  payload: Payload,
  code: string,
  labels: Record<string, string>,
): Promise<() => Promise<unknown>> {
  const { docs } = await payload.find({ collection: 'locales', where: { code: { equals: code } } })
  const locale = docs[0]!
  await payload.update({
    collection: 'locales',
    id: locale.id,
    data: { labels: { ...locale.labels, ...labels } },
  })
  return () =>
    payload.update({ collection: 'locales', id: locale.id, data: { labels: locale.labels } })
}
