/** Exports of a chart: an image of it with its title and legend, and its points as CSV. */
import { type CsvCell, toCsv } from '../../src/compare-logic/csv';
import { themeColour } from '../theme';
import type { DecodedSeries } from './series-cache';

/** A legend entry drawn under the exported image. */
export interface LegendEntry {
  label: string;
  colour: string;
}

/** A file-name-safe form of a metric key. */
export function fileStem(key: string): string {
  return key.replace(/[^\w.-]+/g, '_').replace(/^\.+/, '') || 'metric';
}

/** The chart's canvas on the theme's background, with title and legend, as base64 PNG. */
export function chartPngBase64(
  title: string,
  plot: HTMLCanvasElement,
  legend: LegendEntry[],
): string {
  const scale = plot.width / Math.max(1, plot.clientWidth);
  const padding = 12 * scale;
  const line = 18 * scale;
  const image = document.createElement('canvas');
  image.width = plot.width + padding * 2;
  image.height = plot.height + padding * 3 + line * (1 + legend.length);
  const context = image.getContext('2d');
  if (!context) {
    throw new Error('This webview cannot draw images, so the chart cannot be exported as PNG.');
  }

  const family = themeColour('--vscode-font-family', 'sans-serif');
  context.fillStyle = themeColour('--vscode-editor-background', '#1e1e1e');
  context.fillRect(0, 0, image.width, image.height);
  context.fillStyle = themeColour('--vscode-foreground', '#cccccc');
  context.font = `600 ${13 * scale}px ${family}`;
  context.textBaseline = 'top';
  context.fillText(title, padding, padding);
  context.drawImage(plot, padding, padding * 2 + line);
  context.font = `${12 * scale}px ${family}`;
  legend.forEach((entry, index) => {
    const top = plot.height + padding * 3 + line * (1 + index);
    context.fillStyle = entry.colour;
    context.fillRect(padding, top + 3 * scale, 10 * scale, 10 * scale);
    context.fillStyle = themeColour('--vscode-foreground', '#cccccc');
    context.fillText(entry.label, padding + 16 * scale, top);
  });
  return image.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
}

/** The points behind a chart, one row per point, as CSV. */
export function chartCsv(
  key: string,
  runs: readonly { id: string; name: string }[],
  seriesOf: (runId: string) => DecodedSeries | undefined,
): string {
  const rows: CsvCell[][] = [];
  for (const run of runs) {
    const series = seriesOf(run.id);
    series?.steps.forEach((step, index) => {
      rows.push([run.id, run.name, key, step, series.times[index], series.values[index]]);
    });
  }

  return toCsv(['run_id', 'run_name', 'metric', 'step', 'time', 'value'], rows);
}
