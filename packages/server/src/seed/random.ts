/** Deterministic randomness for the demo dataset: the same seed always yields the same rows. */
const BASE_SEED = 'macheng-2020';

/** FNV-1a 32-bit hash of a string. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32 pseudo-random generator with the helpers the generator needs. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (!items.length) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks a value with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return entries[entries.length - 1][0];
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = items.slice();
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  /** Up to `count` distinct items in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, count);
  }
}

/** An independent stream per area of the generator, so editing one area leaves the others unchanged. */
export function randomFor(area: string): Random {
  return new Random(hashString(`${BASE_SEED}:${area}`));
}

/**
 * Splits `total` into `parts` positive multiples of `unit` with random proportions; the parts
 * add up to `total` exactly. `total` must be a multiple of `unit`.
 */
export function splitTotal(rng: Random, total: number, parts: number, unit: number): number[] {
  if (total % unit !== 0 || total / unit < parts) throw new Error(`cannot split ${total} into ${parts} parts of ${unit}`);
  const weights = Array.from({ length: parts }, () => 0.4 + rng.next());
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const units = total / unit;
  const shares = weights.map((weight) => Math.max(1, Math.floor((units * weight) / weightSum)));
  let remainder = units - shares.reduce((sum, share) => sum + share, 0);
  for (let i = 0; remainder !== 0; i = (i + 1) % parts) {
    const step = remainder > 0 ? 1 : shares[i] > 1 ? -1 : 0;
    shares[i] += step;
    remainder -= step;
  }
  return shares.map((share) => share * unit);
}
