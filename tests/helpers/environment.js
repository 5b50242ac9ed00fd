import { Console } from 'node:console'
import { Writable } from 'node:stream'

import { TestEnvironment } from 'jest-environment-node'

/**
 * Jest's Node environment, with what tests log kept in memory: Payload's logger (pointed at
 * `globalThis.__testLog` by tests/helpers/quiet.ts) and `console`. A passing test prints nothing,
 * a failing one prints what was logged since the previous test ended (its boot in `beforeAll`
 * included). `DEBUG=1` prints everything as it comes.
 */
export default class QuietEnvironment extends TestEnvironment {
  lines = []

  constructor(config, context) {
    super(config, context)
    this.global.__testLog = new Writable({
      write: (chunk, _encoding, done) => {
        if (process.env.DEBUG) process.stderr.write(chunk)
        else this.lines.push(String(chunk))
        done()
      },
    })
  }

  async setup() {
    await super.setup()
    // Jest has set its own console by now.
    this.global.console = new Console({
      stdout: this.global.__testLog,
      stderr: this.global.__testLog,
    })
  }

  handleTestEvent(event) {
    if (event.name !== 'test_done') return
    if (event.test.errors.length && this.lines.length) {
      const name = [...ancestors(event.test)].reverse().join(' › ')
      process.stderr.write(
        `\n── server log of the failed test "${name}" ──\n${this.lines.join('')}\n`,
      )
    }
    this.lines = []
  }

  async teardown() {
    // Logged after the last test (afterAll): printed only if something else failed already.
    this.lines = []
    await super.teardown()
  }
}

function* ancestors(block) {
  for (let b = block; b && b.name !== 'ROOT_DESCRIBE_BLOCK'; b = b.parent) yield b.name
}
