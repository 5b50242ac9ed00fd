import { api } from './api'
import { bootPayload, loginAs, shutdown, type TestContext } from './payload'

export type Booted = { ctx: TestContext; client: ReturnType<typeof api>; token: string }

/**
 * Boots Payload (tests/helpers/payload.ts), opens a REST client on it and logs one user in: the
 * start of most API test files. A failed login still shuts the instance down.
 */
export async function bootAs(email: string, roles?: string[]): Promise<Booted> {
  const ctx = await bootPayload()
  try {
    return { ctx, client: api(ctx.config), token: await loginAs(ctx.payload, email, roles) }
  } catch (error) {
    await shutdown(ctx)
    throw error
  }
}
