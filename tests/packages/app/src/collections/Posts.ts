import type { CollectionConfig } from 'payload'

export const Posts: CollectionConfig = {
  slug: 'posts',
  access: { read: () => true },
  admin: { useAsTitle: 'title' },
  fields: [
    { name: 'title', type: 'text', localized: true, required: true },
    { name: 'slug', type: 'text', unique: true },
    { name: 'body', type: 'richText', localized: true },
    { name: 'heroImage', type: 'upload', relationTo: 'media' },
  ],
}
