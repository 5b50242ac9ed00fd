// The access matrix (tests/security/accessMatrix.ts), part 1: articles, the largest entity.
import { accessMatrix } from './accessMatrix'

await accessMatrix({ entities: (entity) => entity === 'articles', general: false })
