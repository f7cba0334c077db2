/**
 * Keeps secrets out of what Labbook writes down about a command: the command line and params
 * in the record, and the command line in the extension's log. The command itself still runs
 * with its real arguments; only the written copy is redacted. The rules are narrow on purpose,
 * because a redacted argument cannot be rerun: a value that is a known secret (environment.ts),
 * a password inside a URL, the value of a flag named like a secret (`--api-key`, `--token`,
 * `--db-password`), and `NAME=value` where NAME is an environment-style secret name. Tags
 * are redacted as params are, and the recorded environment loses known secret values.
 */
import { isSecretName, REDACTED, redactUrlPasswords } from './environment';

/** A flag or param key whose value is a secret: its last word names one. */
const SECRET_WORD = /(token|secret|password|passwd|passphrase|api[-_.]?key|access[-_.]?key)$/i;

const FLAG = /^--?[A-Za-z][\w.-]*$/;
const FLAG_WITH_VALUE = /^(--?[A-Za-z][\w.-]*)=/;

/** `NAME=value` as `env NAME=value command` passes a variable: upper-case names only. */
const VARIABLE_ASSIGNMENT = /^([A-Z_][A-Z0-9_]*)=/;

/** The text with known secret values and URL passwords replaced by `[redacted]`. */
export function redactText(text: string, secrets: readonly string[]): string {
  let result = redactUrlPasswords(text);
  for (const secret of secrets) {
    result = result.replaceAll(secret, REDACTED);
  }

  return result;
}

function isSecretFlag(flag: string): boolean {
  return FLAG.test(flag) && SECRET_WORD.test(flag);
}

/** The command line as it may be written down, with its secrets redacted. */
export function redactCommand(command: readonly string[], secrets: readonly string[]): string[] {
  const redacted: string[] = [];
  let nextIsSecret = false;
  for (const arg of command) {
    if (nextIsSecret) {
      nextIsSecret = false;
      redacted.push(REDACTED);
      continue;
    }

    const flag = FLAG_WITH_VALUE.exec(arg)?.[1];
    const variable = VARIABLE_ASSIGNMENT.exec(arg)?.[1];
    if (flag && isSecretFlag(flag)) {
      redacted.push(`${flag}=${REDACTED}`);
    } else if (variable && isSecretName(variable)) {
      redacted.push(`${variable}=${REDACTED}`);
    } else {
      nextIsSecret = isSecretFlag(arg);
      redacted.push(redactText(arg, secrets));
    }
  }

  return redacted;
}

/** Params as they may be recorded: secret-named keys and secret values redacted. */
export function redactParams<T>(
  params: Readonly<Record<string, T>>,
  secrets: readonly string[],
): Record<string, T | string> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => {
      if (SECRET_WORD.test(key)) {
        return [key, REDACTED];
      }

      return [key, typeof value === 'string' ? redactText(value, secrets) : value];
    }),
  );
}

/** A map's values with known secret values and URL passwords redacted; its keys as they are. */
export function redactValues(
  values: Readonly<Record<string, string>>,
  secrets: readonly string[],
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, redactText(value, secrets)]),
  );
}
