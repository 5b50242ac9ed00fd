import type { PublishRule } from 'payload-plugin-ai-disclosure'

/**
 * The app's AI-disclosure publish rule: the seed site labels every AI text, reviewed or not ("Von
 * KI berichtet" + "redaktionell geprüft"); unreviewed AI texts are published with their label
 * rather than refused (docs/ai-disclosure.md). Read by the plugin (src/plugins.ts) and the pages.
 */
export const DISCLOSURE_RULE: PublishRule = 'label-always'
