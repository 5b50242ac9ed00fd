import * as migration_20261126_212209_initial from './20261126_212209_initial';
import * as migration_20261127_134318_read_indexes from './20261127_134318_read_indexes';
import * as migration_20261203_110826_localize_status_and_jobs from './20261203_110826_localize_status_and_jobs';
import * as migration_20261203_122336_image_provenance_and_login_throttle from './20261203_122336_image_provenance_and_login_throttle';
import * as migration_20261203_182511_articles_live_and_teaser_sort from './20261203_182511_articles_live_and_teaser_sort';
import * as migration_20261206_220342_locale_publication from './20261206_220342_locale_publication';
import * as migration_20261207_040535_syndication_indexes from './20261207_040535_syndication_indexes';
import * as migration_20261207_041348_ai_text_disclosure from './20261207_041348_ai_text_disclosure';
import * as migration_20261207_041500_search_index from './20261207_041500_search_index';

export const migrations = [
  {
    up: migration_20261126_212209_initial.up,
    down: migration_20261126_212209_initial.down,
    name: '20261126_212209_initial',
  },
  {
    up: migration_20261127_134318_read_indexes.up,
    down: migration_20261127_134318_read_indexes.down,
    name: '20261127_134318_read_indexes',
  },
  {
    up: migration_20261203_110826_localize_status_and_jobs.up,
    down: migration_20261203_110826_localize_status_and_jobs.down,
    name: '20261203_110826_localize_status_and_jobs',
  },
  {
    up: migration_20261203_122336_image_provenance_and_login_throttle.up,
    down: migration_20261203_122336_image_provenance_and_login_throttle.down,
    name: '20261203_122336_image_provenance_and_login_throttle',
  },
  {
    up: migration_20261203_182511_articles_live_and_teaser_sort.up,
    down: migration_20261203_182511_articles_live_and_teaser_sort.down,
    name: '20261203_182511_articles_live_and_teaser_sort',
  },
  {
    up: migration_20261206_220342_locale_publication.up,
    down: migration_20261206_220342_locale_publication.down,
    name: '20261206_220342_locale_publication',
  },
  {
    up: migration_20261207_040535_syndication_indexes.up,
    down: migration_20261207_040535_syndication_indexes.down,
    name: '20261207_040535_syndication_indexes'
  },
  {
    up: migration_20261207_041348_ai_text_disclosure.up,
    down: migration_20261207_041348_ai_text_disclosure.down,
    name: '20261207_041348_ai_text_disclosure'
  },
  {
    up: migration_20261207_041500_search_index.up,
    down: migration_20261207_041500_search_index.down,
    name: '20261207_041500_search_index',
  },
];
