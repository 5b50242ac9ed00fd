import * as migration_20261207_054231_initial from './20261207_054231_initial';

export const migrations = [
  {
    up: migration_20261207_054231_initial.up,
    down: migration_20261207_054231_initial.down,
    name: '20261207_054231_initial'
  },
];
