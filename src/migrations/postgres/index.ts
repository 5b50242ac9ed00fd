import * as migration_20261207_040246_initial from './20261207_040246_initial';

export const migrations = [
  {
    up: migration_20261207_040246_initial.up,
    down: migration_20261207_040246_initial.down,
    name: '20261207_040246_initial'
  },
];
