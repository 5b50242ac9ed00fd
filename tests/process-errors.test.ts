import { expect, test } from '@jest/globals'

import { spawnSync } from 'node:child_process'
import path from 'node:path'

// The server's process-wide handler (src/server/shutdown.ts): a rejected promise nobody awaits is
// logged in one line and the process goes on; without it Node ends the process (what one anonymous
// query did through Payload's query validation, tests/security/limits.server.ts).
const root = path.resolve(import.meta.dirname, '..')
const run = (withHandler: boolean) =>
  spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `${withHandler ? "const { surviveUnhandledRejections } = await import('./src/server/shutdown.ts'); surviveUnhandledRejections()" : ''}
       Promise.reject(new Error('x'.repeat(5000)))
       setTimeout(() => console.log('still serving'), 100)`,
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
  )

test('an unhandled rejection is logged in one bounded line and the process goes on', () => {
  const survived = run(true)
  expect(survived.status).toBe(0)
  expect(survived.stdout).toContain('still serving')
  const line = survived.stderr.trim()
  expect(line).toMatch(/^Unhandled rejection \(the server keeps serving\): Error: x+$/)
  expect(line.length).toBeLessThan(600)
  const ended = run(false)
  expect(ended.status).not.toBe(0)
  expect(ended.stdout).not.toContain('still serving')
})
