/**
 * Removes known secret values from output before it is written to the run folder. A
 * secret can straddle two chunks, so the last few bytes of each chunk are held back until
 * the next one shows how they continue.
 */
import { REDACTED } from './environment';

const REPLACEMENT = Buffer.from(REDACTED);

export class SecretScrubber {
  private readonly secrets: Buffer[];
  private readonly holdBytes: number;
  private held: Buffer = Buffer.alloc(0);

  constructor(secrets: readonly string[]) {
    this.secrets = secrets.map((secret) => Buffer.from(secret));
    this.holdBytes = Math.max(0, ...this.secrets.map((secret) => secret.length - 1));
  }

  /** Returns the bytes of `chunk` (and earlier held bytes) that are safe to write now. */
  write(chunk: Buffer): Buffer {
    if (this.secrets.length === 0) {
      return chunk;
    }

    const text = this.held.length > 0 ? Buffer.concat([this.held, chunk]) : chunk;
    const clean = this.replaceAll(text);
    const keep = Math.min(this.holdBytes, clean.length);
    this.held = Buffer.from(clean.subarray(clean.length - keep));
    return clean.subarray(0, clean.length - keep);
  }

  /** Returns what is still held, at the end of the output. */
  end(): Buffer {
    const rest = this.held;
    this.held = Buffer.alloc(0);
    return rest;
  }

  private replaceAll(text: Buffer): Buffer {
    let result = text;
    for (const secret of this.secrets) {
      let at = result.indexOf(secret);
      if (at === -1) {
        continue;
      }

      const parts: Buffer[] = [];
      let from = 0;
      while (at !== -1) {
        parts.push(result.subarray(from, at), REPLACEMENT);
        from = at + secret.length;
        at = result.indexOf(secret, from);
      }

      parts.push(result.subarray(from));
      result = Buffer.concat(parts);
    }

    return result;
  }
}
