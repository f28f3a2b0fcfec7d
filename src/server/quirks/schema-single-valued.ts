import { defineQuirk } from '../quirk-hooks.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export default defineQuirk({
  name: 'schema-single-valued',
  description: '/Schemas describes phoneNumbers and addresses as single-valued, though the server stores and returns arrays (RFC 7643 §7)',
  oktaSymptom: 'none for plain provisioning; an app with entitlements, which reads /Schemas, maps these attributes wrongly (§2.15)',
  hooks: () => ({
    answer: (op, answer) => {
      if (op.action !== 'discovery' || op.error !== undefined || !isObject(answer.body)) return answer;
      const fix = (schema: unknown): unknown => {
        if (!isObject(schema) || !Array.isArray(schema['attributes'])) return schema;
        const attributes = schema['attributes'].map((a) => (isObject(a) && (a['name'] === 'phoneNumbers' || a['name'] === 'addresses') ? { ...a, multiValued: false } : a));
        return { ...schema, attributes };
      };
      const body = answer.body;
      return { ...answer, body: Array.isArray(body['Resources']) ? { ...body, Resources: body['Resources'].map(fix) } : fix(body) };
    },
  }),
});
