/**
 * `BENCH_VARIANTS=bench/peer/variants/defaultPopulate.ts tsx bench/peer/profile.ts <db-file>`:
 * A populates relations whole (no `defaultPopulate`), B as configured (teasers and images without
 * their join fields).
 */
import type { Payload } from 'payload'

export const variants = (payload: Payload) => {
  const collections = payload.collections as unknown as Record<
    string,
    { config: { defaultPopulate?: unknown } }
  >
  const configured = Object.fromEntries(
    Object.entries(collections).map(([slug, c]) => [slug, c.config.defaultPopulate]),
  )
  return {
    A: () => Object.values(collections).forEach((c) => (c.config.defaultPopulate = undefined)),
    B: () =>
      Object.entries(collections).forEach(
        ([slug, c]) => (c.config.defaultPopulate = configured[slug]),
      ),
  }
}
