/**
 * Names that scripts give artifacts become paths inside the run folder. A hostile or
 * careless name must never reach outside it, nor be a name Windows reserves.
 */
import { isAbsolute, normalize, sep } from 'node:path';

/** Windows opens these as devices whatever their extension or trailing spaces and dots. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])[ .]*(\..*)?$/i;

/** Whether `text` holds a control character (U+0000 to U+001F, or U+007F). */
export function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) {
      return true;
    }
  }

  return false;
}

/** Returns the cleaned relative name, or throws with a sentence that says why not. */
export function safeRelativeName(name: string): string {
  if (name.length === 0 || name.length > 255 * 4) {
    throw new RangeError(`The name ${JSON.stringify(name.slice(0, 80))} is empty or too long.`);
  }

  if (hasControlCharacter(name)) {
    throw new RangeError(`The name ${JSON.stringify(name)} holds control characters.`);
  }

  const unified = name.replaceAll('\\', '/');
  if (isAbsolute(unified) || /^[A-Za-z]:/.test(unified)) {
    throw new RangeError(`The name ${JSON.stringify(name)} is absolute; give a relative name.`);
  }

  const normalized = normalize(unified);
  const parts = normalized.split(sep);
  const last = parts[parts.length - 1];
  if (last === undefined || last === '' || last === '.') {
    throw new RangeError(`The name ${JSON.stringify(name)} names no file; give a file name.`);
  }

  if (parts.some((part) => part === '..')) {
    throw new RangeError(`The name ${JSON.stringify(name)} climbs out of the run folder.`);
  }

  if (parts.some((part) => WINDOWS_DEVICE.test(part))) {
    throw new RangeError(`The name ${JSON.stringify(name)} is a reserved device name.`);
  }

  return normalized;
}
