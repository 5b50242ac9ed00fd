export { purgeBus, type Purge, PurgeBus } from './bus'
export { cacheOptionsFromEnv, responseCache } from './middleware'
export {
  addTags,
  docTag,
  globalTag,
  PRIVATE_CACHE_CONTROL,
  PUBLIC_CACHE_CONTROL,
  responseCachePlugin,
  SURROGATE_KEY,
  surrogateKeyOf,
} from './plugin'
