// Types only, for 'payload-plugin-ai-disclosure/types'.
export type * from '../types'
