export { purgeBus, type Purge, PurgeBus } from './bus'
export {
  cacheOptionsFromEnv,
  PRIVATE_CACHE_CONTROL,
  PUBLIC_CACHE_CONTROL,
  responseCache,
} from './middleware'
export {
  addTags,
  docTag,
  globalTag,
  responseCachePlugin,
  SURROGATE_KEY,
  surrogateKeyOf,
} from './plugin'
