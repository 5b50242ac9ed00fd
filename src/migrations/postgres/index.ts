import * as migration_20261207_054231_initial from './20261207_054231_initial';
import * as migration_20261207_073000_search_index from './20261207_073000_search_index';

export const migrations = [
  {
    up: migration_20261207_054231_initial.up,
    down: migration_20261207_054231_initial.down,
    name: '20261207_054231_initial'
  },
  {
    up: migration_20261207_073000_search_index.up,
    down: migration_20261207_073000_search_index.down,
    name: '20261207_073000_search_index'
  },
];
