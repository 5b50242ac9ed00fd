import { describe, expect, test } from '@jest/globals'

import { sqliteSynchronous } from '../src/database/adapter'

describe('SQLITE_SYNCHRONOUS', () => {
  test('FULL unless NORMAL is asked for; anything else stops the start', () => {
    expect(sqliteSynchronous(undefined)).toBe('FULL')
    expect(sqliteSynchronous('')).toBe('FULL')
    expect(sqliteSynchronous('normal')).toBe('NORMAL')
    expect(sqliteSynchronous('FULL')).toBe('FULL')
    expect(() => sqliteSynchronous('OFF')).toThrow(/SQLITE_SYNCHRONOUS must be FULL or NORMAL/)
  })
})
