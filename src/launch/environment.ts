/**
 * Which environment variables a run records. Only names on an allowlist are kept, because
 * an environment is full of things nobody wants in a shared record, and any name that
 * looks like it holds a secret is redacted even when allowlisted. The Python SDK applies
 * the same rules (sdk/python/labbook/capture.py); a cross-language test keeps them equal.
 */

/** Names recorded by default: what changes how training behaves or where it runs. */
export const DEFAULT_ENV_ALLOW: readonly string[] = [
  'PATH',
  'PYTHONPATH',
  'PYTHONHASHSEED',
  'VIRTUAL_ENV',
  'CONDA_DEFAULT_ENV',
  'CONDA_PREFIX',
  'LANG',
  'LC_ALL',
  'TZ',
  'CUDA_*',
  'NVIDIA_VISIBLE_DEVICES',
  'HIP_VISIBLE_DEVICES',
  'OMP_*',
  'MKL_*',
  'OPENBLAS_NUM_THREADS',
  'TORCH_*',
  'PYTORCH_*',
  'TF_*',
  'XLA_*',
  'JAX_*',
  'HF_*',
  'NCCL_*',
  'WORLD_SIZE',
  'RANK',
  'LOCAL_RANK',
  'NODE_ENV',
  'NODE_OPTIONS',
  'LABBOOK_*',
];

/** Words in a variable's name that mark its value as a secret. */
const SECRET_NAME = new RegExp(
  'KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|AUTH|PRIVATE|COOKIE|SESSION|' +
    'SIGNATURE|DSN',
  'i',
);

/** What a redacted value is replaced with. */
export const REDACTED = '[redacted]';

/** Secrets shorter than this are not searched for in output; they would match everywhere. */
export const MIN_SCRUB_LENGTH = 6;

/** `scheme://user:password@host`: the password part of a URL. */
const URL_PASSWORD = /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:([^/\s@]+)@/gi;

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*');
  return new RegExp(`^${escaped}$`);
}

/** Whether a variable name looks like it holds a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** The passwords of every `scheme://user:password@` inside a value. */
export function urlPasswords(value: string): string[] {
  return [...value.matchAll(URL_PASSWORD)].map((match) => match[1] as string);
}

/** Removes the password from any `scheme://user:password@` inside a value. */
export function redactUrlPasswords(value: string): string {
  return value.replace(URL_PASSWORD, (whole, password: string) =>
    whole.replace(`:${password}@`, `:${REDACTED}@`),
  );
}

/** The allowlisted variables, with secrets redacted, sorted by name. */
export function recordedEnvironment(
  env: NodeJS.ProcessEnv,
  extraAllow: readonly string[] = [],
): Record<string, string> {
  const allow = [...DEFAULT_ENV_ALLOW, ...extraAllow].map(globToRegExp);
  const recorded: Record<string, string> = {};
  for (const name of Object.keys(env).sort()) {
    const value = env[name];
    if (value === undefined || !allow.some((pattern) => pattern.test(name))) {
      continue;
    }

    recorded[name] = isSecretName(name) ? REDACTED : redactUrlPasswords(value);
  }

  return recorded;
}

/**
 * Every secret value in an environment: the values of secret-looking names and the
 * passwords inside URLs. The launcher removes them from the output it keeps.
 */
export function secretValues(env: NodeJS.ProcessEnv): string[] {
  const secrets = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (!value) {
      continue;
    }

    if (isSecretName(name)) {
      secrets.add(value);
    }

    for (const password of urlPasswords(value)) {
      secrets.add(password);
    }
  }

  return [...secrets].filter((secret) => secret.length >= MIN_SCRUB_LENGTH);
}
