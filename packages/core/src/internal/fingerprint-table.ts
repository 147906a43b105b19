const MIN_SLOTS = 1024;
// Expiries are Uint32 seconds after `base`, which sits 2^31 s (68 years) below the clock when set,
// so they cannot wrap as absolute Unix seconds do in 2106. Should the clock leave
// [base, base + 3 * 2^30] (a step back of 68 years, or 34 years of uptime), a rebuild re-bases.
const BASE_OFFSET = 2 ** 31;
const MAX_SINCE_BASE = 3 * 2 ** 30;
const MAX_RELATIVE = 2 ** 32 - 1;

/**
 * An open-addressing hash set of 64-bit key fingerprints with an expiry each, in typed arrays:
 * 12 bytes a slot and no heap object per entry, so a busy server's replay cache costs the
 * garbage collector nothing (a `Map` of strings cost ~20 us of GC per request under load).
 * Expired slots are reused in place; a rebuild at half load drops them and resizes. Times in
 * and out are seconds since the Unix epoch.
 */
export class FingerprintTable {
  private low = new Uint32Array(MIN_SLOTS);
  private high = new Uint32Array(MIN_SLOTS);
  // Whole seconds after `base`; 0 marks a slot never used since the last rebuild.
  private expiry = new Uint32Array(MIN_SLOTS);
  private base: number;
  /** Slots used since the last rebuild: an upper bound of the live entries. */
  occupied = 0;

  constructor(now: number) {
    this.base = baseFor(now);
  }

  /** Adds the key unless a live entry has it; false for a live duplicate. */
  add(low: number, high: number, expiresAt: number, now: number): boolean {
    const sinceBase = now - this.base;
    if (!(sinceBase >= 0 && sinceBase <= MAX_SINCE_BASE)) this.rebuild(now);
    return this.insert(low, high, this.relative(expiresAt), this.relative(now));
  }

  /** True if a live entry has this fingerprint. */
  has(low: number, high: number, now: number): boolean {
    const relativeNow = this.relative(now);
    const mask = this.expiry.length - 1;
    let i = low & mask;
    for (let e = this.expiry[i] as number; e !== 0; e = this.expiry[i] as number) {
      if (e > relativeNow && this.low[i] === low && this.high[i] === high) return true;
      i = (i + 1) & mask;
    }
    return false;
  }

  /**
   * Drops expired entries, re-bases on `now` and resizes to twice the live entries (at least);
   * returns the live entries, counted, and the earliest expiry among them.
   */
  rebuild(now: number): { live: number; earliestExpiry: number } {
    const { low, high, expiry, base } = this;
    const relativeNow = this.relative(now);
    let live = 0;
    let earliest = Infinity;
    for (const e of expiry) {
      if (e > relativeNow) {
        live++;
        if (e < earliest) earliest = e;
      }
    }
    let slots = MIN_SLOTS;
    while (slots < live * 4) slots *= 2;
    this.low = new Uint32Array(slots);
    this.high = new Uint32Array(slots);
    this.expiry = new Uint32Array(slots);
    this.occupied = 0;
    this.base = baseFor(now);
    for (let i = 0; i < expiry.length; i++) {
      const e = expiry[i] as number;
      if (e <= relativeNow) continue;
      this.insert(low[i] as number, high[i] as number, this.relative(e + base), this.relative(now));
    }
    return { live, earliestExpiry: earliest + base };
  }

  /** True when the next add could push the load over one half. */
  get crowded(): boolean {
    return (this.occupied + 1) * 2 > this.expiry.length;
  }

  /** Live entries, counted (a full scan: for `size`, not the hot path). */
  countLive(now: number): number {
    const relativeNow = this.relative(now);
    let live = 0;
    for (const e of this.expiry) if (e > relativeNow) live++;
    return live;
  }

  // Seconds after `base`, clamped to what a slot holds (0 is kept for "never used").
  private relative(seconds: number): number {
    return Math.min(Math.max(seconds - this.base, 1), MAX_RELATIVE);
  }

  private insert(low: number, high: number, expiry: number, relativeNow: number): boolean {
    const mask = this.expiry.length - 1;
    let reusable = -1;
    let i = low & mask;
    for (let e = this.expiry[i] as number; e !== 0; e = this.expiry[i] as number) {
      if (e <= relativeNow) {
        if (reusable === -1) reusable = i;
      } else if (this.low[i] === low && this.high[i] === high) {
        return false;
      }
      i = (i + 1) & mask;
    }
    if (reusable === -1) {
      reusable = i;
      this.occupied++;
    }
    this.low[reusable] = low;
    this.high[reusable] = high;
    this.expiry[reusable] = expiry;
    return true;
  }
}

function baseFor(now: number): number {
  return Math.floor(now) - BASE_OFFSET;
}

/** Two independent 32-bit hashes of a string (FNV-1a style, murmur3 finalizer): a 64-bit fingerprint. */
export function fingerprint(key: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return [mix(a), mix(b ^ key.length)];
}

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
