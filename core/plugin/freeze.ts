/**
 * Freezing helpers: an engine keeps frozen copies, so neither the engine nor anyone holding it can
 * change what a plugin shipped, and the plugin's own objects are never touched.
 */

/**
 * Freezes an object graph in place: objects, arrays, and the entries of Maps and Sets. Functions
 * are not frozen. (A frozen Map still accepts `set`: its entries are frozen, not its contents list.)
 *
 * @example
 * const t = deepFreeze({ rows: [{ id: 'r1' }] })
 * Object.isFrozen(t.rows[0]) // true
 */
export function deepFreeze<T>(value: T, seen: WeakSet<object> = new WeakSet()): T {
  // Functions are the plugin's own objects (shared, not copied): they are left as they are.
  if (value === null || typeof value !== 'object') return value
  const obj = value as object
  if (seen.has(obj) || ArrayBuffer.isView(obj)) return value
  seen.add(obj)
  if (obj instanceof Map) {
    for (const [k, v] of obj) {
      deepFreeze(k, seen)
      deepFreeze(v, seen)
    }
  } else if (obj instanceof Set) {
    for (const v of obj) deepFreeze(v, seen)
  }
  for (const key of Reflect.ownKeys(obj)) {
    deepFreeze((obj as Record<PropertyKey, unknown>)[key], seen)
  }
  return Object.freeze(value)
}

/**
 * A deep copy of JSON data (templates, catalogues); throws on values JSON cannot hold, naming the path.
 *
 * @example
 * cloneJson({ a: [1, 'x', null] }, 'catalogs[0]') // { a: [1, 'x', null] }
 */
export function cloneJson<T>(value: T, path: string): T {
  return copy(value, path, new Set()) as T
}

function copy(value: unknown, path: string, stack: Set<object>): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${path}: ${value} is not a JSON number`)
    return value
  }
  if (typeof value !== 'object') throw new Error(`${path}: a ${typeof value} is not JSON data`)
  if (stack.has(value)) throw new Error(`${path}: circular reference`)
  stack.add(value)
  try {
    if (Array.isArray(value)) return value.map((v, i) => copy(v, `${path}[${i}]`, stack))
    const proto = Object.getPrototypeOf(value) as unknown
    if (proto !== Object.prototype && proto !== null)
      throw new Error(`${path}: only plain objects are JSON data`)
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) out[k] = copy(v, `${path}.${k}`, stack)
    }
    return out
  } finally {
    stack.delete(value)
  }
}
