// The JSON formats: JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) and IPTC ninjs 3.x items
// (https://iptc.org/standards/ninjs/). ninjs describes items, not feeds: our ninjs feed is an
// envelope of our own, `{ uri, language, items: [ninjs…] }` (docs/syndication.md).
import type { FeedHead } from './xml'
import { DIGITAL_SOURCE_TYPE_SCHEME, type Item } from './items'

const term = (uri: string) =>
  uri.startsWith(DIGITAL_SOURCE_TYPE_SCHEME) ? uri.slice(DIGITAL_SOURCE_TYPE_SCHEME.length) : uri

/** JSON Feed 1.1; the AI disclosure travels in the `_ai_disclosure` extension and as tags. */
export function jsonFeed(head: FeedHead, items: Item[]) {
  const authors = [{ name: head.publication.name, url: head.home }]
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: head.publication.name,
    home_page_url: head.home,
    feed_url: head.self,
    description: head.publication.description,
    language: head.publication.language,
    authors,
    items: items.map((item) => ({
      id: item.entryId,
      url: item.url,
      title: item.title,
      ...(item.html ? { content_html: item.html } : { content_text: item.summary ?? item.title }),
      ...(item.summary ? { summary: item.summary } : {}),
      ...(item.image ? { image: item.image.url } : {}),
      date_published: item.firstPublishedAt,
      date_modified: item.updatedAt,
      authors,
      language: head.publication.language,
      tags: [
        ...item.disclosure.labels.map((l) => l.text),
        ...(item.image?.label ? [item.image.label] : []),
      ],
      _ai_disclosure: {
        about: 'https://iptc.org/standards/digital-source-type/',
        origin: item.disclosure.origin,
        digital_source_type: item.disclosure.digitalSourceType,
        labels: item.disclosure.labels,
        ...(item.image
          ? {
              image: { digital_source_type: item.image.digitalSourceType, label: item.image.label },
            }
          : {}),
      },
    })),
  }
}

/** One article in one locale as a ninjs 3.x item; its hero image is an association. */
export function ninjsItem(item: Item, language: string, uriOf: (id: string) => string) {
  const { disclosure, image } = item
  return {
    uri: uriOf(item.id),
    type: 'text',
    version: item.updatedAt,
    firstCreated: item.firstPublishedAt,
    versionCreated: item.updatedAt,
    pubStatus: 'usable',
    language,
    headlines: [{ value: item.title }],
    ...(item.summary || disclosure.labels.length
      ? {
          descriptions: [
            ...(item.summary ? [{ role: 'summary', value: item.summary }] : []),
            // Each AI label of the text, in this language.
            ...disclosure.labels.map((l) => ({ role: `ai-label:${l.kind}`, value: l.text })),
          ],
        }
      : {}),
    ...(item.html
      ? { bodies: [{ role: 'main', contentType: 'text/html', value: item.html }] }
      : {}),
    renditions: [{ name: 'html', href: item.url, contentType: 'text/html' }],
    digitalSourceType: {
      uri: disclosure.digitalSourceType,
      name: term(disclosure.digitalSourceType),
    },
    ...(image
      ? {
          associations: [
            {
              name: 'heroImage',
              rel: 'heroImage',
              uri: image.url,
              type: 'picture',
              ...(image.caption || image.alt || image.label
                ? {
                    descriptions: [
                      ...(image.caption ? [{ role: 'caption', value: image.caption }] : []),
                      ...(image.alt ? [{ role: 'alt', value: image.alt }] : []),
                      ...(image.label ? [{ role: 'ai-label:ai-image', value: image.label }] : []),
                    ],
                  }
                : {}),
              ...(image.credit ? { copyrightHolder: image.credit } : {}),
              renditions: [
                {
                  name: 'public',
                  href: image.url,
                  ...(image.mimeType ? { contentType: image.mimeType } : {}),
                  ...(image.width ? { width: image.width } : {}),
                  ...(image.height ? { height: image.height } : {}),
                  ...(image.filesize ? { sizeInBytes: image.filesize } : {}),
                },
              ],
              ...(image.digitalSourceType
                ? {
                    digitalSourceType: {
                      uri: image.digitalSourceType,
                      name: term(image.digitalSourceType),
                    },
                  }
                : {}),
            },
          ],
        }
      : {}),
  }
}
