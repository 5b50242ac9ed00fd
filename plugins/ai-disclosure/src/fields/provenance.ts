import type { GroupField, TextareaField } from 'payload'

import { keepProvenance } from '../hooks/provenance'
import { isAIDigitalSourceType } from '../constants'
import { tl } from '../utilities/translate'

const never = () => false

/**
 * The read-only `provenance` group: what the plugin read from the file (C2PA, XMP, PNG text). Only
 * a new file (or the back-fill) changes it; REST, GraphQL and the admin cannot write it.
 */
export const provenanceGroup = ({ enabled }: { enabled: boolean }): GroupField => ({
  name: 'provenance',
  type: 'group',
  access: { create: never, update: never },
  admin: {
    components: enabled
      ? { Field: 'payload-plugin-ai-disclosure/client#ContentCredentialsPanel' }
      : undefined,
    readOnly: true,
  },
  fields: [
    { name: 'source', type: 'text', label: tl('provenanceSource') },
    { name: 'status', type: 'text', index: true, label: tl('provenanceStatus') },
    { name: 'reason', type: 'textarea', label: tl('provenanceReason') },
    { name: 'codes', type: 'json', label: tl('provenanceCodes') },
    { name: 'digitalSourceType', type: 'text', label: tl('digitalSourceType') },
    { name: 'aiSystem', type: 'text', label: tl('aiSystem') },
    { name: 'aiSystemVersion', type: 'text', label: tl('provenanceAISystemVersion') },
    { name: 'claimGenerator', type: 'text', label: tl('provenanceClaimGenerator') },
    { name: 'signer', type: 'text', label: tl('provenanceSigner') },
    { name: 'signerOrganization', type: 'text', label: tl('provenanceSignerOrganization') },
    { name: 'signedAt', type: 'date', label: tl('provenanceSignedAt') },
    { name: 'actions', type: 'json', label: tl('provenanceActions') },
    { name: 'ingredients', type: 'number', label: tl('provenanceIngredients') },
    { name: 'creator', type: 'text', label: tl('provenanceCreator') },
    { name: 'credit', type: 'text', label: tl('provenanceCredit') },
    { name: 'promptPresent', type: 'checkbox', label: tl('provenancePromptPresent') },
    { name: 'prompt', type: 'textarea', label: tl('aiPrompt') },
    { name: 'manifest', type: 'json', label: tl('provenanceManifest') },
    { name: 'readAt', type: 'date', label: tl('provenanceReadAt') },
  ],
  hooks: { beforeChange: [keepProvenance] },
  label: tl('contentCredentials'),
})

/** Why the editor disagrees with a file that says it is AI-made (required then). */
export const aiOverrideReasonField = (): TextareaField => ({
  name: 'aiOverrideReason',
  type: 'textarea',
  admin: {
    condition: (data) =>
      isAIDigitalSourceType(
        (data?.provenance as { digitalSourceType?: unknown } | undefined)?.digitalSourceType,
      ),
    description: tl('aiOverrideReasonDescription'),
  },
  label: tl('aiOverrideReason'),
  maxLength: 2000,
})
