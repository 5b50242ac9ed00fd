import crypto from 'node:crypto'

import type { Payload } from 'payload'

/**
 * Creates a developer who reads through an API key, a UUID as the admin's "Generate new API key"
 * makes it; `extra` adds fields (e.g. canReadDrafts).
 */
export async function createDeveloper(
  payload: Payload,
  email: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; apiKey: string }> {
  const apiKey = crypto.randomUUID()
  const user = await payload.create({
    collection: 'users',
    data: {
      email,
      password: 'test-password-123',
      roles: ['developer'],
      enableAPIKey: true,
      apiKey,
      ...extra,
    } as never,
  })
  return { id: String(user.id), apiKey }
}
