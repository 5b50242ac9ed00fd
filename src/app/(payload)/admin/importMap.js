import { SourceTitleCell as SourceTitleCell_dba5e289a93c47ccadc95d15e3296373 } from 'payload-plugin-translation-workflow/rsc'
import { SourceText as SourceText_904239c33ecd7d003f7be57054d95422 } from 'payload-plugin-translation-workflow/client'
import { RscEntryLexicalCell as RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { RscEntryLexicalField as RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { LexicalDiffComponent as LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { InlineToolbarFeatureClient as InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HorizontalRuleFeatureClient as HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UploadFeatureClient as UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BlockquoteFeatureClient as BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { RelationshipFeatureClient as RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { LinkFeatureClient as LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ChecklistFeatureClient as ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { OrderedListFeatureClient as OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnorderedListFeatureClient as UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { IndentFeatureClient as IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { AlignFeatureClient as AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HeadingFeatureClient as HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ParagraphFeatureClient as ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineCodeFeatureClient as InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SuperscriptFeatureClient as SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SubscriptFeatureClient as SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { StrikethroughFeatureClient as StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnderlineFeatureClient as UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BoldFeatureClient as BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ItalicFeatureClient as ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HeroImageStatus as HeroImageStatus_7baa78a4fbf5f2b141561d73fa55b4bc } from '../../../features/images/HeroImageStatus'
import { NotSetCell as NotSetCell_141f1bf6e4df50311b7d30c88df626e4 } from '../../../features/languages/NotSetCell'
import { ReviewPanel as ReviewPanel_073e75fc98700613cfe058d147f13dfa } from 'payload-plugin-ai-disclosure/client'
import { BadgesCell as BadgesCell_073e75fc98700613cfe058d147f13dfa } from 'payload-plugin-ai-disclosure/client'
import { BadgesField as BadgesField_073e75fc98700613cfe058d147f13dfa } from 'payload-plugin-ai-disclosure/client'
import { TranslationStatusCell as TranslationStatusCell_904239c33ecd7d003f7be57054d95422 } from 'payload-plugin-translation-workflow/client'
import { ReviewWarning as ReviewWarning_073e75fc98700613cfe058d147f13dfa } from 'payload-plugin-ai-disclosure/client'
import { SourceDocumentTitle as SourceDocumentTitle_dba5e289a93c47ccadc95d15e3296373 } from 'payload-plugin-translation-workflow/rsc'
import { PublishButton as PublishButton_77d9cdee991421970e77c80f48f0ef06 } from '../../../features/publishing/components/PublishButton'
import { CreateDeniedView as CreateDeniedView_dba5e289a93c47ccadc95d15e3296373 } from 'payload-plugin-translation-workflow/rsc'
import { DigitalSourceTypeSelect as DigitalSourceTypeSelect_073e75fc98700613cfe058d147f13dfa } from 'payload-plugin-ai-disclosure/client'
import { ContentCredentialsPanel as ContentCredentialsPanel_073e75fc98700613cfe058d147f13dfa } from 'payload-plugin-ai-disclosure/client'
import { UnusedImagesLink as UnusedImagesLink_3209dfe164c61792dc47b5a28c04d240 } from '../../../features/images/UnusedImagesLink'
import { ComplianceDashboard as ComplianceDashboard_073e75fc98700613cfe058d147f13dfa } from 'payload-plugin-ai-disclosure/client'
import { AdminSearchLink as AdminSearchLink_59752010c22b72b8401fd41941b5b072 } from '../../../features/search/AdminSearchLink'
import { MissingTranslations as MissingTranslations_dba5e289a93c47ccadc95d15e3296373 } from 'payload-plugin-translation-workflow/rsc'
import { AdminSearchView as AdminSearchView_b3a09e95b3c1cab47417bc4406984e02 } from '../../../features/search/AdminSearchView'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "payload-plugin-translation-workflow/rsc#SourceTitleCell": SourceTitleCell_dba5e289a93c47ccadc95d15e3296373,
  "payload-plugin-translation-workflow/client#SourceText": SourceText_904239c33ecd7d003f7be57054d95422,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalCell": RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalField": RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#LexicalDiffComponent": LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/client#InlineToolbarFeatureClient": InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HorizontalRuleFeatureClient": HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UploadFeatureClient": UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BlockquoteFeatureClient": BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#RelationshipFeatureClient": RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#LinkFeatureClient": LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ChecklistFeatureClient": ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#OrderedListFeatureClient": OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnorderedListFeatureClient": UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#IndentFeatureClient": IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#AlignFeatureClient": AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HeadingFeatureClient": HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ParagraphFeatureClient": ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineCodeFeatureClient": InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SuperscriptFeatureClient": SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SubscriptFeatureClient": SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#StrikethroughFeatureClient": StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnderlineFeatureClient": UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BoldFeatureClient": BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ItalicFeatureClient": ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "/features/images/HeroImageStatus#HeroImageStatus": HeroImageStatus_7baa78a4fbf5f2b141561d73fa55b4bc,
  "/features/languages/NotSetCell#NotSetCell": NotSetCell_141f1bf6e4df50311b7d30c88df626e4,
  "payload-plugin-ai-disclosure/client#ReviewPanel": ReviewPanel_073e75fc98700613cfe058d147f13dfa,
  "payload-plugin-ai-disclosure/client#BadgesCell": BadgesCell_073e75fc98700613cfe058d147f13dfa,
  "payload-plugin-ai-disclosure/client#BadgesField": BadgesField_073e75fc98700613cfe058d147f13dfa,
  "payload-plugin-translation-workflow/client#TranslationStatusCell": TranslationStatusCell_904239c33ecd7d003f7be57054d95422,
  "payload-plugin-ai-disclosure/client#ReviewWarning": ReviewWarning_073e75fc98700613cfe058d147f13dfa,
  "payload-plugin-translation-workflow/rsc#SourceDocumentTitle": SourceDocumentTitle_dba5e289a93c47ccadc95d15e3296373,
  "/features/publishing/components/PublishButton#PublishButton": PublishButton_77d9cdee991421970e77c80f48f0ef06,
  "payload-plugin-translation-workflow/rsc#CreateDeniedView": CreateDeniedView_dba5e289a93c47ccadc95d15e3296373,
  "payload-plugin-ai-disclosure/client#DigitalSourceTypeSelect": DigitalSourceTypeSelect_073e75fc98700613cfe058d147f13dfa,
  "payload-plugin-ai-disclosure/client#ContentCredentialsPanel": ContentCredentialsPanel_073e75fc98700613cfe058d147f13dfa,
  "/features/images/UnusedImagesLink#UnusedImagesLink": UnusedImagesLink_3209dfe164c61792dc47b5a28c04d240,
  "payload-plugin-ai-disclosure/client#ComplianceDashboard": ComplianceDashboard_073e75fc98700613cfe058d147f13dfa,
  "/features/search/AdminSearchLink#AdminSearchLink": AdminSearchLink_59752010c22b72b8401fd41941b5b072,
  "payload-plugin-translation-workflow/rsc#MissingTranslations": MissingTranslations_dba5e289a93c47ccadc95d15e3296373,
  "/features/search/AdminSearchView#AdminSearchView": AdminSearchView_b3a09e95b3c1cab47417bc4406984e02,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
