// What the optional advertised round trip sends, made from a server's /Schemas answer: each writable attribute
// beyond the mapped ones gets a value of its declared type and shape; what cannot be filled is said, and nothing the
// server wrote reaches a request where templates would expand it.
import { describe, expect, it } from 'vitest';
import { advertisedBody, advertisedMatcher, planAdvertised } from '../../src/suite/advertised-attributes.js';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const ACME = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';
const attr = (name: string, more: Record<string, unknown> = {}) => ({ name, type: 'string', multiValued: false, mutability: 'readWrite', returned: 'default', ...more });
const schemas = (...list: Array<{ id: string; attributes: unknown[] }>) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: list.length, Resources: list });

describe('planAdvertised', () => {
  const doc = schemas(
    {
      id: CORE,
      attributes: [
        attr('userName'), attr('password', { mutability: 'writeOnly', returned: 'never' }), attr('active', { type: 'boolean' }),
        attr('title'), attr('nickName'), attr('created', { mutability: 'readOnly' }), attr('badge', { mutability: 'immutable' }),
        attr('secret', { returned: 'request' }),
        attr('name', { type: 'complex', subAttributes: [attr('formatted'), attr('givenName')] }),
        attr('ims', { type: 'complex', multiValued: true, subAttributes: [attr('value'), attr('type'), attr('primary', { type: 'boolean' }), attr('$ref', { type: 'reference', referenceTypes: ['User'] })] }),
        attr('tags', { multiValued: true }),
        attr('{{ env.SCIM_TOKEN }}'),
        attr('level', { canonicalValues: ['gold', '{{ env.SCIM_TOKEN }}'] }),
      ],
    },
    { id: ENT, attributes: [attr('department'), attr('manager', { type: 'complex', subAttributes: [attr('value'), attr('displayName', { mutability: 'readOnly' })] })] },
    { id: ACME, attributes: [attr('remote', { type: 'boolean' }), attr('start', { type: 'dateTime' }), attr('floor', { type: 'integer' }), attr('home', { type: 'reference', referenceTypes: ['external'] }), attr('boss', { type: 'reference', referenceTypes: ['User'] })] },
    { id: 'urn:ietf:params:scim:schemas:core:2.0:Group', attributes: [attr('displayName')] },
  );
  const mapped = new Set([`${CORE}:title`, `${CORE}:name.givenName`, `${ENT}:department`].map((k) => k.toLowerCase()));
  const plan = planAdvertised(doc, mapped);

  it('takes each writable User attribute the profile does not map, extensions included, nothing of other resources', () => {
    expect(plan.attributes.map((a) => a.label)).toEqual(['nickName', 'name.formatted', 'ims', 'tags', 'level', `${ACME}:remote`, `${ACME}:start`, `${ACME}:floor`, `${ACME}:home`]);
  });

  it('says what it cannot fill and why: write-only or unreturned values, the manager, references to other resources', () => {
    expect(plan.unfillable.join('\n')).toContain('secret (returned request');
    expect(plan.unfillable.join('\n')).toContain(`${ENT}:manager (its value must be the id of another user`);
    expect(plan.unfillable.join('\n')).toContain('ims.$ref');
    expect(plan.unfillable.join('\n')).toContain(`${ACME}:boss (a reference`);
    expect(plan.unfillable.join('\n')).not.toContain('password');
  });

  it('gives each a value of its declared type and shape, and a different one for the change', () => {
    const byLabel = new Map(plan.attributes.map((a) => [a.label, a]));
    expect(byLabel.get('ims')?.values).toEqual([[{ value: 'ims-value-1', type: 'work', primary: true }], [{ value: 'ims-value-2', type: 'other', primary: true }]]);
    expect(byLabel.get('tags')?.values).toEqual([['tags-1'], ['tags-2']]);
    expect(byLabel.get(`${ACME}:remote`)?.values).toEqual([true, false]);
    expect(byLabel.get(`${ACME}:floor`)?.values).toEqual([41, 42]);
    expect(byLabel.get(`${ACME}:start`)?.matchers[0]).toEqual({ $match: '^2021-03-04T05:06:07' });
    // A canonical value is sent back only when it is plain text: a server's template never reaches a request.
    expect(byLabel.get('level')?.values).toEqual(['gold', 'gold']);
    expect(JSON.stringify(plan)).not.toContain('SCIM_TOKEN');
  });

  it('writes the values into a body, adding the extension URNs to schemas, and reads them back by pointer', () => {
    const body = advertisedBody({ schemas: [CORE], userName: 'u', name: { givenName: 'G' } }, plan, 1);
    expect(body).toMatchObject({ schemas: [CORE, ACME], name: { givenName: 'G', formatted: 'name-formatted-2' }, nickName: 'nickName-2', [ACME]: { remote: false, floor: 42 } });
    const floor = plan.attributes.find((a) => a.label === `${ACME}:floor`);
    expect(floor && advertisedMatcher(floor, 0)).toEqual({ [`/${ACME}/floor`]: 41 });
    const formatted = plan.attributes.find((a) => a.label === 'name.formatted');
    expect(formatted && advertisedMatcher(formatted, 1)).toEqual({ '/name/formatted': { $equalsIgnoreCase: 'name-formatted-2' } });
  });

  it('leaves a mapped attribute out whatever shape /Schemas gives it', () => {
    const single = schemas({ id: CORE, attributes: [attr('phoneNumbers', { type: 'complex', subAttributes: [attr('value')] })] });
    expect(planAdvertised(single, new Set([`${CORE}:phoneNumbers`.toLowerCase()])).attributes).toEqual([]);
    expect(planAdvertised(single, new Set()).attributes.map((a) => a.label)).toEqual(['phoneNumbers.value']);
  });

  it('reads a bare array too, and finds nothing in what is not a /Schemas answer', () => {
    expect(planAdvertised(doc.Resources, mapped).attributes).toHaveLength(plan.attributes.length);
    for (const junk of [undefined, null, 'text', 42, { Resources: 'x' }, { Resources: [{ id: CORE, attributes: 'x' }] }, { Resources: [{ id: CORE, attributes: [null, 1, { name: 7 }] }] }]) {
      expect(planAdvertised(junk, mapped)).toEqual({ attributes: [], unfillable: [] });
    }
  });
});
