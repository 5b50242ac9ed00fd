/**
 * `BENCH_VARIANTS=bench/peer/variants/statementCache.ts tsx bench/peer/profile.ts <db-file>`:
 * A compiles every statement anew (as libsql does by itself), B reuses them
 * (src/database/statementCache.ts).
 */
import { cacheStatements } from '../../../src/database/statementCache'

export const variants = () => ({ A: () => cacheStatements(false), B: () => cacheStatements(true) })
