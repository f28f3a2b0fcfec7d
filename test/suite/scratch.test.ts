import { it } from 'vitest';
import { schemaErrors } from '../../src/suite/compile-schema.js';
import { suiteSchema } from '../../src/suite/suite-schema.js';
it('scratch', () => {
const data = { id: 'X', titl: 'a', steps: [{ id: 'a', title: 'b', request: { method: 'get', path: 'x' }, expect: { status: 'abc', bodu: 1, schema: 'Usr' }, capture: { 'a-b': 'bdy.id' }, cleanup: [{ method: 'DELETE' }] }, {id: 'b', title: 'c', request: {method: 'GET', path: '/'}, expect: [{status: [200, 'x']}], cleanup: {path: '/x', foo: 1}}] };
for (const e of schemaErrors(suiteSchema, data)) console.log(e.instancePath, e.keyword, JSON.stringify(e.params), e.schemaPath, (e as {propertyName?: string}).propertyName, e.message);
});
