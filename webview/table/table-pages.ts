/**
 * The runs table's data, fetched from the host in pages as rows scroll into view. A new
 * filter or sort starts a new generation, and replies for an older one are dropped, so fast
 * typing never shows the rows of a filter already replaced.
 */
import type {
  FilterError,
  RunSummary,
  TableColumn,
  TableSort,
} from '../../src/extension/compare/protocol';
import type { HostChannel } from '../host-channel';

/** Rows per request: a few screens, so scrolling rarely waits. */
export const PAGE_SIZE = 100;

/** Rows per request when fetching everything for an export. */
const EXPORT_PAGE_SIZE = 1000;

/** The query the table shows. */
export interface TableQuery {
  filter: string;
  sort: TableSort | null;
}

/** Pages of the filtered, sorted runs. */
export class TablePages {
  total = 0;
  columns: TableColumn[] = [];
  filterError: FilterError | null = null;
  /** False until the first page of the current query arrives. */
  loaded = false;
  private pages = new Map<number, RunSummary[]>();
  private readonly inFlight = new Set<number>();
  private generation = 0;

  constructor(
    private readonly channel: HostChannel,
    private readonly query: () => TableQuery,
    private readonly onChange: () => void,
    private readonly onError: (message: string) => void,
  ) {}

  /** Drops every page and fetches the first one again, for a new query or fresh data. */
  reset(keepRows = false): void {
    this.generation += 1;
    this.inFlight.clear();
    if (!keepRows) {
      this.pages = new Map();
      this.loaded = false;
    }

    void this.fetchPage(0);
  }

  /** The run at `index`, or undefined while its page is loading (which this starts). */
  row(index: number): RunSummary | undefined {
    const page = Math.floor(index / PAGE_SIZE);
    const rows = this.pages.get(page);
    if (!rows) {
      void this.fetchPage(page);
      return undefined;
    }

    return rows[index - page * PAGE_SIZE];
  }

  /** Every run of the query, fetched in large pages, for export. */
  async allRows(): Promise<RunSummary[]> {
    const { filter, sort } = this.query();
    const rows: RunSummary[] = [];
    let total = Infinity;
    while (rows.length < total) {
      const reply = await this.channel.request({
        type: 'getTableRows',
        offset: rows.length,
        limit: EXPORT_PAGE_SIZE,
        filter,
        sort,
      });
      total = reply.total;
      rows.push(...reply.rows);
      if (reply.rows.length === 0) {
        break;
      }
    }

    return rows;
  }

  private async fetchPage(page: number): Promise<void> {
    if (this.inFlight.has(page)) {
      return;
    }

    const generation = this.generation;
    const { filter, sort } = this.query();
    this.inFlight.add(page);
    try {
      const reply = await this.channel.request({
        type: 'getTableRows',
        offset: page * PAGE_SIZE,
        limit: PAGE_SIZE,
        filter,
        sort,
      });
      if (generation !== this.generation) {
        return;
      }

      if (page === 0) {
        this.pages = new Map();
      }

      this.total = reply.total;
      this.columns = reply.columns;
      this.filterError = reply.filterError;
      this.loaded = true;
      this.pages.set(page, reply.rows);
      this.onChange();
    } catch (error) {
      if (generation === this.generation) {
        this.onError(error instanceof Error ? error.message : String(error));
      }
    } finally {
      if (generation === this.generation) {
        this.inFlight.delete(page);
      }
    }
  }
}
