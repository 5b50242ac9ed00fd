import * as migration_20261126_212209_initial from './20261126_212209_initial';

export const migrations = [
  {
    up: migration_20261126_212209_initial.up,
    down: migration_20261126_212209_initial.down,
    name: '20261126_212209_initial'
  },
];
