import fs from 'node:fs'

export default async function globalTeardown(): Promise<void> {
  const replSet = (globalThis as Record<string, unknown>).__MONGO_REPLSET__ as
    { stop: () => Promise<unknown> } | undefined
  await replSet?.stop()
  const cluster = (globalThis as Record<string, unknown>).__POSTGRES__ as
    { stop: () => void } | undefined
  cluster?.stop()
  const templates = process.env.NEWSROOM_TEST_TEMPLATES
  if (templates) fs.rmSync(templates, { recursive: true, force: true })
}
