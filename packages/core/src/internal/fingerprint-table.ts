const MIN_SLOTS = 1024;

/**
 * An open-addressing hash set of 64-bit key fingerprints with an expiry each, in typed arrays:
 * 12 bytes a slot and no heap object per entry, so a busy server's replay cache costs the
 * garbage collector nothing (a `Map` of strings cost ~20 us of GC per request under load).
 * Expired slots are reused in place; a rebuild at half load drops them and resizes.
 */
export class FingerprintTable {
  private low = new Uint32Array(MIN_SLOTS);
  private high = new Uint32Array(MIN_SLOTS);
  // Whole seconds since the epoch; 0 marks a slot never used since the last rebuild.
  private expiry = new Uint32Array(MIN_SLOTS);
  /** Slots used since the last rebuild: an upper bound of the live entries. */
  occupied = 0;

  /** Adds the key unless a live entry has it; false for a live duplicate. */
  add(low: number, high: number, expiresAt: number, now: number): boolean {
    const mask = this.expiry.length - 1;
    let reusable = -1;
    let i = low & mask;
    for (let e = this.expiry[i] as number; e !== 0; e = this.expiry[i] as number) {
      if (e <= now) {
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
    this.expiry[reusable] = expiresAt;
    return true;
  }

  /** True if a live entry has this fingerprint. */
  has(low: number, high: number, now: number): boolean {
    const mask = this.expiry.length - 1;
    let i = low & mask;
    for (let e = this.expiry[i] as number; e !== 0; e = this.expiry[i] as number) {
      if (e > now && this.low[i] === low && this.high[i] === high) return true;
      i = (i + 1) & mask;
    }
    return false;
  }

  /** Drops expired entries and resizes to twice the live ones (at least); returns them, counted. */
  rebuild(now: number): { live: number; earliestExpiry: number } {
    const { low, high, expiry } = this;
    let live = 0;
    let earliestExpiry = Infinity;
    for (let i = 0; i < expiry.length; i++) {
      const e = expiry[i] as number;
      if (e > now) {
        live++;
        if (e < earliestExpiry) earliestExpiry = e;
      }
    }
    let slots = MIN_SLOTS;
    while (slots < live * 4) slots *= 2;
    this.low = new Uint32Array(slots);
    this.high = new Uint32Array(slots);
    this.expiry = new Uint32Array(slots);
    this.occupied = 0;
    for (let i = 0; i < expiry.length; i++) {
      const e = expiry[i] as number;
      if (e > now) this.add(low[i] as number, high[i] as number, e, now);
    }
    return { live, earliestExpiry };
  }

  /** True when the next add could push the load over one half. */
  get crowded(): boolean {
    return (this.occupied + 1) * 2 > this.expiry.length;
  }

  /** Live entries, counted (a full scan: for `size`, not the hot path). */
  countLive(now: number): number {
    let live = 0;
    for (const e of this.expiry) if (e > now) live++;
    return live;
  }
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
