import { expect, test } from 'vitest';
import { LAYER_RULES } from '../src/layers';
import { LAYER_KINDS, LAYER_SCHEMAS, layerSpecSchema } from '../src/schemas';

test.each(LAYER_KINDS)('layer kind %s: its schema accepts that kind, and it has a rule', (kind) => {
  expect(LAYER_SCHEMAS[kind].shape.kind.def.values).toEqual([kind]);
  expect(typeof LAYER_RULES[kind]).toBe('function');
});

test('the kind list, the schema table and the rule table name the same kinds; the union accepts exactly them', () => {
  expect(Object.keys(LAYER_RULES).sort()).toEqual([...LAYER_KINDS].sort());
  expect(layerSpecSchema.def.options.flatMap((option) => option.shape.kind.def.values).sort()).toEqual(
    [...LAYER_KINDS].sort(),
  );
  expect(layerSpecSchema.safeParse({ kind: 'conv3d' }).success).toBe(false);
});
