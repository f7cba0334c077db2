/**
 * `labbook ledger [anchor]`: prints the ledger's head hash, or anchors the ledger by
 * committing it to git (docs/audit.md).
 */
import { AnchorError, anchorLedger } from '../../audit/ledger-anchor';
import { readLedger } from '../../audit/ledger-read';
import type { CliCommand } from '../command';
import { UserError } from '../command';
import { commandStore } from '../open-store';
import { parseOptions, STORE_OPTION } from '../parse-options';
import { jsonText } from '../run-json';

const USAGE = `labbook ledger [--json]            print the ledger's head hash
       labbook ledger anchor [--json]     commit the ledger to git (or print its head hash)`;

export const ledgerCommand: CliCommand = {
  name: 'ledger',
  summary: "Print the ledger's head hash, or anchor the ledger in git",
  usage: USAGE,
  async run(args, context) {
    const parsed = parseOptions(args, { ...STORE_OPTION, json: { type: 'boolean' } }, USAGE);
    const [action, ...extra] = parsed.positionals;
    if ((action !== undefined && action !== 'anchor') || extra.length > 0) {
      throw new UserError(`expected nothing or "anchor". Usage: ${USAGE}`);
    }

    const layout = commandStore(parsed.values.store, context);
    const json = parsed.values.json === true;
    if (action === undefined) {
      const ledger = readLedger(layout);
      const head = { path: ledger.path, lines: ledger.lines, headHash: ledger.headHash };
      context.stdout.write(
        json ? jsonText(head) : `${ledger.headHash || '(empty)'}  ${ledger.lines} seals\n`,
      );
      return 0;
    }

    let result;
    try {
      result = await anchorLedger(layout);
    } catch (error) {
      throw error instanceof AnchorError ? new UserError(error.message, 1) : error;
    }

    if (json) {
      context.stdout.write(jsonText(result));
    } else if (result.commit) {
      const how = result.committed ? 'Committed' : 'Already committed';
      context.stdout.write(
        `${how} the ledger in ${result.commit.slice(0, 12)}: head ${result.headHash} ` +
          `(${result.lines} seals).\n`,
      );
    } else {
      context.stdout.write(
        `Head ${result.headHash} (${result.lines} seals); ${result.notInGit ?? ''}, ` +
          'so keep this hash somewhere the store cannot change it ' +
          '(check it later with "labbook verify --anchor HASH").\n',
      );
    }

    return 0;
  },
};
