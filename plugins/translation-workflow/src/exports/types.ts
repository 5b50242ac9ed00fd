// Types only, for 'payload-plugin-translation-workflow/types'.
export type * from '../types'
