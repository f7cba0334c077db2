/**
 * Colours that stay with a run in every view of the panel. A run's preferred palette slot
 * comes from a hash of its id, so it tends to keep its colour across sessions too; when two
 * selected runs want the same slot, the later one takes the next free slot, because two
 * look-alike lines are worse than a colour that changed since yesterday.
 */

/** Hues of the palette, ordered so that neighbours differ strongly. */
const HUES = [212, 28, 140, 354, 272, 48, 184, 318, 96, 240, 8, 160];

/** The number of distinct palette colours before hues repeat at other lightness. */
export const PALETTE_SIZE = HUES.length;

/** The theme families VS Code has; colours are tuned for each background. */
export type ThemeKind = 'light' | 'dark' | 'highContrast' | 'highContrastLight';

/** Saturation and lightness per theme: darker lines on light backgrounds, and the reverse. */
const LIGHTNESS: Record<ThemeKind, [number, number]> = {
  light: [70, 40],
  dark: [70, 62],
  highContrast: [100, 70],
  highContrastLight: [100, 30],
};

/** A 32-bit FNV-1a hash: cheap, stable across platforms, and well spread for short ids. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }

  return hash;
}

/**
 * Gives each id a palette slot. Ids that already have a slot in `previous` keep it, so adding
 * a run to the selection never recolours the others.
 */
export function assignColourSlots(
  ids: readonly string[],
  previous: ReadonlyMap<string, number> = new Map(),
): Map<string, number> {
  const slots = new Map<string, number>();
  const taken = new Set<number>();
  for (const id of ids) {
    const slot = previous.get(id);
    if (slot !== undefined && !taken.has(slot)) {
      slots.set(id, slot);
      taken.add(slot);
    }
  }

  for (const id of ids) {
    if (slots.has(id)) {
      continue;
    }

    // Past the palette's size, slots keep counting; colourOfSlot varies lightness for them.
    const limit = Math.max(PALETTE_SIZE, ids.length);
    let slot = hashText(id) % PALETTE_SIZE;
    while (taken.has(slot)) {
      slot = (slot + 1) % limit;
    }

    slots.set(id, slot);
    taken.add(slot);
  }

  return slots;
}

/** The CSS colour of a slot on a theme, optionally see-through (alpha below 1). */
export function colourOfSlot(slot: number, theme: ThemeKind, alpha = 1): string {
  const hue = HUES[slot % PALETTE_SIZE];
  const round = Math.floor(slot / PALETTE_SIZE) % 3;
  const shift = round === 0 ? 0 : round === 1 ? 10 : -10;
  const [saturation, lightness] = LIGHTNESS[theme];
  return `hsla(${hue}, ${saturation}%, ${lightness + shift}%, ${alpha})`;
}
