import * as migration_20261126_205503_initial from './20261126_205503_initial';

export const migrations = [
  {
    up: migration_20261126_205503_initial.up,
    down: migration_20261126_205503_initial.down,
    name: '20261126_205503_initial'
  },
];
