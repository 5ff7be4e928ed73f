import { isStorableText, storableText } from '../storable-text';

// How deep an object may nest. JSON.parse builds arbitrarily deep values without trouble, but every
// recursive walk after it (zod, JSON.stringify when storing or serving, clients such as Python's json,
// which stops near 1,000 levels) can exhaust its stack. So depth is checked first, without recursion.

/**
 * How many levels of objects and lists a STIX object may hold: a property's value is at level 1, an item
 * of a list held by a property at level 2, and so on; an object or list at level 65 is refused. Real data
 * stays far below: ATT&CK reaches 3 levels, CSAF-like extensions (product trees of branches within
 * branches) about 20.
 */
export const MAX_OBJECT_DEPTH = 64;

/**
 * The path to the first object or list nested more than `limit` levels inside `root`, or undefined when
 * there is none. Walks with an explicit stack, so any depth is safe.
 */
export function pathBeyondDepth(root: unknown, limit = MAX_OBJECT_DEPTH): PropertyKey[] | undefined {
  const found = firstStructuralProblem(root, limit);
  return found?.problem === 'depth' ? found.path : undefined;
}

/**
 * The first place in `root` that no store or client can take, in one walk with an explicit stack: an
 * object or list nested more than `limit` levels deep, or a text (a value or a property name) holding
 * U+0000 or half of a surrogate pair. JSON allows both as escapes (`\u0000`, `\ud800`), but they are not
 * text: PostgreSQL refuses them in JSON it stores, so they are named here rather than failing the write.
 */
export function firstStructuralProblem(root: unknown, limit = MAX_OBJECT_DEPTH): { path: PropertyKey[]; problem: 'depth' | 'text' } | undefined {
  if (typeof root !== 'object' || root === null) return undefined;
  // Containers met so far: value, depth, index of the parent container, and the key under that parent.
  const values: object[] = [root];
  const depths: number[] = [0];
  const parents: number[] = [-1];
  const keys: PropertyKey[] = [''];
  const pending: number[] = [0];
  while (pending.length > 0) {
    const node = pending.pop() as number;
    const value = values[node];
    const childDepth = depths[node] + 1;
    const entries: Iterable<[PropertyKey, unknown]> = Array.isArray(value) ? value.entries() : Object.entries(value);
    for (const [key, child] of entries) {
      // The name goes into the answer (and an import's stored results): its broken characters are replaced.
      if ((typeof key === 'string' && !isStorableText(key)) || (typeof child === 'string' && !isStorableText(child))) {
        return { path: pathTo(parents, keys, node).concat(typeof key === 'string' ? storableText(key) : key), problem: 'text' };
      }
      if (typeof child !== 'object' || child === null) continue;
      if (childDepth > limit) return { path: pathTo(parents, keys, node).concat(key), problem: 'depth' };
      values.push(child);
      depths.push(childDepth);
      parents.push(node);
      keys.push(key);
      pending.push(values.length - 1);
    }
  }
  return undefined;
}

function pathTo(parents: readonly number[], keys: readonly PropertyKey[], node: number): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let current = node; current > 0; current = parents[current]) path.push(keys[current]);
  return path.reverse();
}
