// The in-memory users and groups, with the indexes that keep lookups O(1): lower-cased userName and group
// displayName (the filters Okta sends, okta-protocol.md §1.4) and user → groups (the read-only User.groups).
// Every method is synchronous, so a uniqueness check and its insert can never interleave with another request.
import { randomUUID } from 'node:crypto';
import { GROUP_SCHEMA, USER_SCHEMA, USER_SHAPE } from './resource-schemas.js';
import type { ResourceKind } from './resource-schemas.js';
import type { Json } from './normalize-resource.js';

/** The stored JSON of one resource: id, schemas, canonical writable attributes (password too), meta. */
export type StoredResource = Json & { id: string; meta: Json };

const NAME_ATTR: Record<ResourceKind, string> = { User: 'userName', Group: 'displayName' };
const ENDPOINT: Record<ResourceKind, string> = { User: 'Users', Group: 'Groups' };

export class ResourceStore {
  readonly users = new Map<string, StoredResource>();
  readonly groups = new Map<string, StoredResource>();
  private readonly nameIndex: Record<ResourceKind, Map<string, Set<string>>> = { User: new Map(), Group: new Map() };
  private readonly memberOf = new Map<string, Set<string>>();
  private lastStamp = '';

  /** Origin + base path, for meta.location; set once the server listens. */
  baseUrl = '';

  map(kind: ResourceKind): Map<string, StoredResource> {
    return kind === 'User' ? this.users : this.groups;
  }

  get(kind: ResourceKind, id: string): StoredResource | undefined {
    return this.map(kind).get(id);
  }

  /** Resources whose userName (users) or displayName (groups) equals `name` ignoring case: an index lookup. */
  findByName(kind: ResourceKind, name: string): StoredResource[] {
    const ids = this.nameIndex[kind].get(name.toLowerCase());
    if (ids === undefined) return [];
    const out: StoredResource[] = [];
    for (const id of ids) {
      const r = this.map(kind).get(id);
      if (r !== undefined) out.push(r);
    }
    return out;
  }

  /** Strictly increasing ISO timestamps, so lastModified orders writes even within one millisecond. */
  private stamp(): string {
    let now = new Date().toISOString();
    if (now <= this.lastStamp) now = new Date(Date.parse(this.lastStamp) + 1).toISOString();
    this.lastStamp = now;
    return now;
  }

  private build(kind: ResourceKind, id: string, attrs: Json, created: string, version: number): StoredResource {
    const schemas = kind === 'User' ? [USER_SCHEMA] : [GROUP_SCHEMA];
    if (kind === 'User') for (const ext of USER_SHAPE.extensions) if (attrs[ext.id] !== undefined) schemas.push(ext.id);
    const lastModified = version === 1 ? created : this.stamp();
    return {
      schemas,
      id,
      ...attrs,
      meta: {
        resourceType: kind,
        created,
        lastModified,
        location: `${this.baseUrl}/${ENDPOINT[kind]}/${id}`,
        version: `W/"${version}"`,
      },
    };
  }

  /** The writable attributes of a stored resource (what PATCH and PUT start from). */
  attributesOf(resource: StoredResource): Json {
    const { schemas: _schemas, id: _id, meta: _meta, ...attrs } = resource;
    return attrs;
  }

  insert(kind: ResourceKind, attrs: Json, id: string = randomUUID()): StoredResource {
    const resource = this.build(kind, id, attrs, this.stamp(), 1);
    this.map(kind).set(id, resource);
    this.indexName(kind, id, undefined, resource);
    if (kind === 'Group') this.indexMembers(id, undefined, resource);
    return resource;
  }

  replace(kind: ResourceKind, id: string, attrs: Json): StoredResource {
    const old = this.map(kind).get(id);
    if (old === undefined) throw new Error(`replace of unknown ${kind} ${id}`);
    const created = typeof old.meta['created'] === 'string' ? old.meta['created'] : this.stamp();
    const resource = this.build(kind, id, attrs, created, versionOf(old) + 1);
    this.map(kind).set(id, resource);
    this.indexName(kind, id, old, resource);
    if (kind === 'Group') this.indexMembers(id, old, resource);
    return resource;
  }

  remove(kind: ResourceKind, id: string): boolean {
    const old = this.map(kind).get(id);
    if (old === undefined) return false;
    this.map(kind).delete(id);
    this.indexName(kind, id, old, undefined);
    if (kind === 'Group') this.indexMembers(id, old, undefined);
    else this.dropMember(id);
    return true;
  }

  /** Moves a user to a new id (the reactivate-new-id quirk): a new resource, the old id gone. */
  moveUser(id: string, attrs: Json): StoredResource {
    this.remove('User', id);
    return this.insert('User', attrs);
  }

  /** Group ids a user belongs to (for the read-only User.groups). */
  groupsOf(userId: string): ReadonlySet<string> {
    return this.memberOf.get(userId) ?? new Set();
  }

  clear(): void {
    this.users.clear();
    this.groups.clear();
    this.nameIndex.User.clear();
    this.nameIndex.Group.clear();
    this.memberOf.clear();
  }

  private indexName(kind: ResourceKind, id: string, before: StoredResource | undefined, after: StoredResource | undefined): void {
    const attr = NAME_ATTR[kind];
    const oldKey = nameKey(before?.[attr]);
    const newKey = nameKey(after?.[attr]);
    if (oldKey === newKey && before !== undefined && after !== undefined) return;
    const index = this.nameIndex[kind];
    if (oldKey !== undefined) {
      const ids = index.get(oldKey);
      ids?.delete(id);
      if (ids?.size === 0) index.delete(oldKey);
    }
    if (newKey !== undefined) {
      let ids = index.get(newKey);
      if (ids === undefined) index.set(newKey, (ids = new Set()));
      ids.add(id);
    }
  }

  private indexMembers(groupId: string, before: StoredResource | undefined, after: StoredResource | undefined): void {
    for (const userId of memberIds(before)) this.memberOf.get(userId)?.delete(groupId);
    for (const userId of memberIds(after)) {
      let groups = this.memberOf.get(userId);
      if (groups === undefined) this.memberOf.set(userId, (groups = new Set()));
      groups.add(groupId);
    }
  }

  /** A deleted user leaves every group it was in (no dangling member values). */
  private dropMember(userId: string): void {
    const groups = this.memberOf.get(userId);
    if (groups === undefined) return;
    this.memberOf.delete(userId);
    for (const groupId of groups) {
      const group = this.groups.get(groupId);
      if (group === undefined) continue;
      const members = Array.isArray(group['members']) ? group['members'] : [];
      const kept = members.filter((m) => !(typeof m === 'object' && m !== null && (m as Json)['value'] === userId));
      const attrs = this.attributesOf(group);
      if (kept.length === 0) delete attrs['members'];
      else attrs['members'] = kept;
      this.replace('Group', groupId, attrs);
    }
  }
}

function nameKey(v: unknown): string | undefined {
  return typeof v === 'string' ? v.toLowerCase() : undefined;
}

function versionOf(r: StoredResource): number {
  const m = /(\d+)/.exec(String(r.meta['version'] ?? ''));
  return m === null ? 1 : Number(m[1]);
}

function memberIds(group: StoredResource | undefined): string[] {
  const members = group?.['members'];
  if (!Array.isArray(members)) return [];
  const out: string[] = [];
  for (const m of members) {
    if (typeof m === 'object' && m !== null && typeof (m as Json)['value'] === 'string') out.push((m as Json)['value'] as string);
  }
  return out;
}
