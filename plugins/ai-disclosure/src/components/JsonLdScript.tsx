import React from 'react'

/**
 * Server component for front ends: embeds JSON-LD (e.g. from the plugin's endpoint or
 * `buildNewsArticleJsonLd`) as `<script type="application/ld+json">`, with `<` escaped.
 */
export const JsonLdScript: React.FC<{ data: Record<string, unknown> }> = ({ data }) => (
  <script
    dangerouslySetInnerHTML={{ __html: JSON.stringify(data).replace(/</g, '\\u003c') }}
    type="application/ld+json"
  />
)
