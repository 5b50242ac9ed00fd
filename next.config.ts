import { withPayload } from '@payloadcms/next/withPayload'
import type { NextConfig } from 'next'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const dirname = path.dirname(fileURLToPath(import.meta.url))

// Next's route files import `@payload-config`: they get the config the server already initialised
// Payload with (one Payload per process, src/server/payload.ts).
const configAlias = { '@payload-config': './src/server/nextConfig.ts' }
const webpackConfigAlias = { '@payload-config': path.resolve(dirname, 'src/server/nextConfig.ts') }

const nextConfig: NextConfig = {
  // The C2PA SDK loads its .wasm file from node_modules at run time: keep it out of the bundle.
  serverExternalPackages: ['@contentauth/c2pa-wasm'],
  // `npm test` type-checks everything; the build does not need to do it again.
  typescript: { ignoreBuildErrors: true },
  // The optimizer may read the resized copies only (`<name>-<w>x<h>.<ext>`, src/features/images/sizes.ts;
  // tests/images-public.test.ts checks the two agree): originals keep their EXIF (GPS, serial
  // numbers) and are for staff (src/features/images/publicImage.ts); a 40 MP original costs ~1.3 s CPU per
  // width. Written out here: the image's runtime stage ships next.config.ts without src/.
  images: { localPatterns: [{ pathname: '/api/images/file/*-+([0-9])x+([0-9]).*', search: '' }] },
  // Express compresses (src/server/serve.ts); the response cache stores and hashes the plain bytes.
  compress: false,
  // No `X-Powered-By: Next.js, Payload`: it names the stack to every scanner.
  poweredByHeader: false,
  webpack: (webpackConfig) => {
    webpackConfig.resolve.alias = { ...webpackConfig.resolve.alias, ...webpackConfigAlias }
    return webpackConfig
  },
  turbopack: { root: path.resolve(dirname), resolveAlias: configAlias },
  // Minifying the server bundle drops class names, and Payload keys error responses and log levels
  // by `error.name`: every APIError became "An unknown error occurred." and was logged as a server error.
  experimental: { turbopackMinify: { server: false }, serverMinification: false },
}

const withPayloadConfig = withPayload(nextConfig, { devBundleServerPackages: false })

export default {
  ...withPayloadConfig,
  // Payload asks every path for the colour-scheme client hint its admin renders with. On reader
  // pages, feeds and sitemaps `Critical-CH` made Chromium load a reader's first page twice and
  // `Vary` split shared caches by it: it is the admin's alone.
  headers: async () =>
    ((await withPayloadConfig.headers?.()) ?? []).map((rule) =>
      rule.source === '/:path*' ? { ...rule, source: '/admin/:path*' } : rule,
    ),
} satisfies NextConfig
