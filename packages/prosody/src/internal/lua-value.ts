/** A value of a prosody.cfg.lua option: Lua strings, numbers, booleans, lists and tables. */
export type LuaValue =
  string | number | boolean | readonly LuaValue[] | { readonly [key: string]: LuaValue };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Lua source for `value`. Strings keep their UTF-8 as is; quotes, backslashes and control bytes
 * are escaped (three-digit decimal escapes, so a following digit cannot extend them).
 */
export function toLua(value: LuaValue): string {
  if (typeof value === 'string') return luaString(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('Lua config numbers must be finite');
    return String(value);
  }
  if (Array.isArray(value)) return `{ ${value.map((item: LuaValue) => toLua(item)).join(', ')} }`;
  const entries = Object.entries(value).map(
    ([key, item]) => `[${luaString(key)}] = ${toLua(item)}`,
  );
  return `{ ${entries.join('; ')} }`;
}

/** `name = value`, refusing a name that is not a Lua identifier (it would not be an option). */
export function luaAssignment(name: string, value: LuaValue): string {
  if (!IDENTIFIER.test(name))
    throw new TypeError(`not a Prosody option name: ${JSON.stringify(name)}`);
  return `${name} = ${toLua(value)}`;
}

function luaString(text: string): string {
  // eslint-disable-next-line no-control-regex -- control bytes are exactly what must be escaped
  const escaped = text.replace(/[\\"\x00-\x1f\x7f]/g, (char) => {
    if (char === '\\' || char === '"') return `\\${char}`;
    return `\\${String(char.charCodeAt(0)).padStart(3, '0')}`;
  });
  return `"${escaped}"`;
}
