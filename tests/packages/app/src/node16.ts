// Every entry point of the packed plugins, resolved as a `moduleResolution: node16` consumer does.
// Each `@ts-expect-error` fails the check when a type resolved to `any` (a broken declaration).
import { aiDisclosurePlugin } from 'payload-plugin-ai-disclosure'
import { BadgesCell, BadgesField } from 'payload-plugin-ai-disclosure/client'
import { JsonLdScript } from 'payload-plugin-ai-disclosure/rsc'
import type { AIDisclosurePluginOptions } from 'payload-plugin-ai-disclosure/types'
import { translationWorkflowPlugin } from 'payload-plugin-translation-workflow'
import { SourceText } from 'payload-plugin-translation-workflow/client'
import { MissingTranslations } from 'payload-plugin-translation-workflow/rsc'
import type { TranslationWorkflowPluginOptions } from 'payload-plugin-translation-workflow/types'

const ai: AIDisclosurePluginOptions = { collections: ['posts'] }
const tw: TranslationWorkflowPluginOptions = { collections: ['posts'] }
export const plugins = [aiDisclosurePlugin(ai), translationWorkflowPlugin(tw)]
export const components = [BadgesCell, BadgesField, JsonLdScript, SourceText, MissingTranslations]

// @ts-expect-error collections is a list of slugs
export const wrongAI: AIDisclosurePluginOptions = { collections: 42 }
// @ts-expect-error collections is required
export const wrongTW: TranslationWorkflowPluginOptions = {}
// @ts-expect-error a plugin is a function of a config
export const notAString: string = aiDisclosurePlugin
// @ts-expect-error a component is not a string
export const notAString2: string = BadgesCell
// @ts-expect-error a server component is not a string
export const notAString3: string = MissingTranslations
