import { Writable } from 'node:stream'

import type { Config, DatabaseAdapterObj } from 'payload'
import { build as prettyLog } from 'pino-pretty'

type LoggerConfig = Extract<NonNullable<Config['logger']>, { options: unknown }>

/**
 * Payload's logger for a test: the same options (level, hooks) as `base`, written to the test
 * environment's memory (tests/helpers/environment.js), which prints it only when a test fails.
 * Passing tests expect some errors to be logged (refused uploads, a database that went away).
 */
export function testLogger(base?: Config['logger']): LoggerConfig {
  const options = base && typeof base === 'object' && 'options' in base ? base.options : {}
  const memory = (globalThis as { __testLog?: Writable }).__testLog
  return {
    options: { level: 'info', ...options },
    destination: prettyLog({
      ignore: 'pid,hostname',
      translateTime: 'SYS:HH:MM:ss',
      colorize: false,
      ...(memory ? { destination: memory } : {}),
    }),
  }
}

const nowhere = () => new Writable({ write: (_chunk, _encoding, done) => done() })

/** Runs `task` with drizzle-kit's spinner ("Pulling schema from database...") sent nowhere. */
async function withoutSpinner<T>(task: () => Promise<T>): Promise<T> {
  const stdout = Object.getOwnPropertyDescriptor(process, 'stdout')!
  Object.defineProperty(process, 'stdout', { configurable: true, value: nowhere() })
  try {
    return await task()
  } finally {
    Object.defineProperty(process, 'stdout', stdout)
  }
}

type PushingAdapter = { requireDrizzleKit?: () => { pushSchema: (...args: never[]) => unknown } }

/**
 * A SQL adapter whose dev-mode schema push (drizzle-kit) prints nothing: drizzle-kit draws its
 * spinner on stdout, between the test results.
 */
export function quietPush(adapter: DatabaseAdapterObj): DatabaseAdapterObj {
  return {
    ...adapter,
    init: (args) => {
      const db = adapter.init(args) as ReturnType<DatabaseAdapterObj['init']> & PushingAdapter
      const kit = db.requireDrizzleKit?.bind(db)
      if (kit)
        db.requireDrizzleKit = () => {
          const api = kit()
          const pushSchema = api.pushSchema as (...args: unknown[]) => Promise<unknown>
          return {
            ...api,
            pushSchema: (...args: never[]) => withoutSpinner(() => pushSchema(...args)),
          }
        }
      return db
    },
  }
}
