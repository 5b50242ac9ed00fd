// The access matrix (tests/security/accessMatrix.ts), part 2: every other collection and global,
// and the tests of the whole config.
import { accessMatrix } from './accessMatrix'

await accessMatrix({ entities: (entity) => entity !== 'articles', general: true })
