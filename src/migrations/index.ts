import * as migration_20261126_212209_initial from './20261126_212209_initial';
import * as migration_20261127_134318_read_indexes from './20261127_134318_read_indexes';
import * as migration_20261203_112356_image_provenance from './20261203_112356_image_provenance';
import * as migration_20261203_120912_login_throttle from './20261203_120912_login_throttle';

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
    up: migration_20261203_112356_image_provenance.up,
    down: migration_20261203_112356_image_provenance.down,
    name: '20261203_112356_image_provenance',
  },
  {
    up: migration_20261203_120912_login_throttle.up,
    down: migration_20261203_120912_login_throttle.down,
    name: '20261203_120912_login_throttle'
  },
];
