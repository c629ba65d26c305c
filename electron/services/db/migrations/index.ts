import type { Migration } from '../migrate';
import { migration0001 } from './0001_initial';
import { migration0002 } from './0002_import';
import { migration0003 } from './0003_collab';
import { migration0004 } from './0004_deleted_drafts';
import { migration0005 } from './0005_jsonl_record_originals';
import { migration0006 } from './0006_unique_imports';
import { migration0007 } from './0007_trash_pins_recent';

/** All shipped migrations, in order. Add new ones at the end; never edit one that shipped. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007];
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
