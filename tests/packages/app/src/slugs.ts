// With the app's generated types, the plugins' collection options accept this app's slugs only.
import { aiDisclosurePlugin } from 'payload-plugin-ai-disclosure'
import { translationWorkflowPlugin } from 'payload-plugin-translation-workflow'

export const ok = [
  aiDisclosurePlugin({ collections: ['posts'], imageCollections: ['media'] }),
  translationWorkflowPlugin({ collections: ['posts'], translatableCollections: ['media'] }),
]
// @ts-expect-error 'articles' is not a collection of this app
export const typo1 = aiDisclosurePlugin({ collections: ['articles'] })
// @ts-expect-error 'images' is not a collection of this app
export const typo2 = aiDisclosurePlugin({ imageCollections: ['images'] })
// @ts-expect-error 'articles' is not a collection of this app
export const typo3 = translationWorkflowPlugin({ collections: ['articles'] })
