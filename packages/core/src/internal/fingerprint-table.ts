const MIN_SLOTS = 16_384;
// A slot is three Int32 side by side: the fingerprint's two halves, then the expiry. One array
// rather than three, so a probe touches one cache line, not three. Every value fits a signed
// 32-bit integer, which V8 keeps unboxed (a uint32 above 2^31 would be a heap number each time).
const WIDTH = 3;
// Expiries are seconds after `base`, which sits 2^30 s (34 years) below the clock when set, so
// they cannot wrap as absolute Unix seconds do in 2106. Should the clock leave
// [base, base + 2^30 + 2^29] (a step back of 34 years, or 17 years of uptime), a rebuild re-bases.
const BASE_OFFSET = 2 ** 30;
const MAX_SINCE_BASE = 2 ** 30 + 2 ** 29;
const MAX_RELATIVE = 2 ** 31 - 1;

/**
 * An open-addressing hash set of 64-bit key fingerprints with an expiry each, in one typed array:
 * 12 bytes a slot and no heap object per entry, so a busy server's replay cache costs the
 * garbage collector nothing (a `Map` of strings cost ~20 us of GC per request under load).
 * Expired slots are reused in place; a rebuild at half load drops them and resizes. Times in
 * and out are seconds since the Unix epoch. Keys are hashed here, in one pass, into `low`/`high`
 * of the table itself, so a lookup allocates nothing.
 */
export class FingerprintTable {
  private slots = new Int32Array(MIN_SLOTS * WIDTH);
  private mask = MIN_SLOTS - 1;
  private base: number;
  // The fingerprint of the key being looked up (see `hash`).
  private low = 0;
  private high = 0;
  /** Slots used since the last rebuild: an upper bound of the live entries. */
  occupied = 0;

  constructor(now: number) {
    this.base = baseFor(now);
  }

  /** Adds the key unless a live entry has it; false for a live duplicate. */
  add(key: string, expiresAt: number, now: number): boolean {
    const sinceBase = now - this.base;
    if (!(sinceBase >= 0 && sinceBase <= MAX_SINCE_BASE)) this.rebuild(now);
    this.hash(key);
    return this.insert(this.relative(expiresAt), this.relative(now));
  }

  /** True if a live entry has this key. */
  has(key: string, now: number): boolean {
    this.hash(key);
    const { slots, mask, low, high } = this;
    const relativeNow = this.relative(now);
    for (let i = low & mask, e = slots[i * WIDTH + 2] as number; e !== 0;) {
      if (e > relativeNow && slots[i * WIDTH] === low && slots[i * WIDTH + 1] === high) return true;
      i = (i + 1) & mask;
      e = slots[i * WIDTH + 2] as number;
    }
    return false;
  }

  /**
   * Drops expired entries, re-bases on `now` and resizes to twice the live entries (at least);
   * returns the live entries, counted, and the earliest expiry among them.
   */
  rebuild(now: number): { live: number; earliestExpiry: number } {
    const { slots: old, base } = this;
    const relativeNow = this.relative(now);
    let live = 0;
    let earliest = Infinity;
    for (let at = 2; at < old.length; at += WIDTH) {
      const e = old[at] as number;
      if (e > relativeNow) {
        live++;
        if (e < earliest) earliest = e;
      }
    }
    let size = MIN_SLOTS;
    while (size < live * 4) size *= 2;
    const slots = new Int32Array(size * WIDTH);
    const mask = size - 1;
    this.slots = slots;
    this.mask = mask;
    this.occupied = live;
    this.base = baseFor(now);
    // The live entries are distinct and the new table holds nothing expired: each goes to the
    // first free slot of its probe path, no comparisons needed.
    for (let at = 0; at < old.length; at += WIDTH) {
      const e = old[at + 2] as number;
      if (e <= relativeNow) continue;
      const low = old[at] as number;
      let i = low & mask;
      while (slots[i * WIDTH + 2] !== 0) i = (i + 1) & mask;
      slots[i * WIDTH] = low;
      slots[i * WIDTH + 1] = old[at + 1] as number;
      slots[i * WIDTH + 2] = this.relative(e + base);
    }
    return { live, earliestExpiry: earliest + base };
  }

  /** True when the next add could push the load over one half. */
  get crowded(): boolean {
    return (this.occupied + 1) * 2 > this.mask + 1;
  }

  /** Live entries, counted (a full scan: for `size`, not the hot path). */
  countLive(now: number): number {
    const relativeNow = this.relative(now);
    let live = 0;
    for (let at = 2; at < this.slots.length; at += WIDTH) {
      if ((this.slots[at] as number) > relativeNow) live++;
    }
    return live;
  }

  // Seconds after `base`, clamped to what a slot holds (0 is kept for "never used").
  private relative(seconds: number): number {
    return Math.min(Math.max(seconds - this.base, 1), MAX_RELATIVE);
  }

  /**
   * The key's 64-bit fingerprint into `low` and `high`: two independent 32-bit hashes (FNV-1a
   * style, murmur3 finalizer) computed in one pass, as signed integers.
   */
  private hash(key: string): void {
    let a = 0x811c9dc5;
    let b = 0x9747b28c;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
    }
    this.low = mix(a);
    this.high = mix(b ^ key.length);
  }

  // Inserts the fingerprint in `low`/`high`, reusing the first expired slot on its probe path.
  // A process meets its first expired slot (and maybe its first replay) a minute or more after
  // start, long after this code is optimized. So every operation of a probe step runs on every
  // step, whatever the slot holds: those slots find feedback for all of them, where a branch
  // never taken before would deoptimize `verify`, which V8 inlines this into.
  private insert(expiry: number, relativeNow: number): boolean {
    const { slots, mask, low, high } = this;
    let reusable = -1;
    let i = low & mask;
    for (let e = slots[i * WIDTH + 2] as number; e !== 0; e = slots[i * WIDTH + 2] as number) {
      const expired = e <= relativeNow;
      const same =
        (((slots[i * WIDTH] as number) ^ low) | ((slots[i * WIDTH + 1] as number) ^ high)) === 0;
      const unclaimed = reusable === -1;
      if (same && !expired) return false;
      if (expired && unclaimed) reusable = i;
      i = (i + 1) & mask;
    }
    if (reusable === -1) {
      reusable = i;
      this.occupied++;
    }
    slots[reusable * WIDTH] = low;
    slots[reusable * WIDTH + 1] = high;
    slots[reusable * WIDTH + 2] = expiry;
    return true;
  }
}

function baseFor(now: number): number {
  return Math.floor(now) - BASE_OFFSET;
}

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
