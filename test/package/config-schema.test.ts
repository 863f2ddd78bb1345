/** The committed .schemawise.json schema is exactly what the registry generates (`npm run gen:schema`). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { configSchema, SCHEMA_PATH } from '../../scripts/config-schema';

test('schemas/schemawise.schema.json is up to date with the rules (run npm run gen:schema)', () => {
  assert.deepEqual(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')), configSchema());
});
