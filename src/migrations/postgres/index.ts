import * as migration_20261207_040246_initial from './20261207_040246_initial';
import * as migration_20261207_053856_ai_text_disclosure from './20261207_053856_ai_text_disclosure';

export const migrations = [
  {
    up: migration_20261207_040246_initial.up,
    down: migration_20261207_040246_initial.down,
    name: '20261207_040246_initial',
  },
  {
    up: migration_20261207_053856_ai_text_disclosure.up,
    down: migration_20261207_053856_ai_text_disclosure.down,
    name: '20261207_053856_ai_text_disclosure'
  },
];
