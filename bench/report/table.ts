import type { Row } from './model';

const format = (value: number | null | undefined, decimals: number | undefined) => {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  const places = decimals ?? (Math.abs(value) >= 100 ? 0 : 1);
  return value.toLocaleString('en', { minimumFractionDigits: places, maximumFractionDigits: places });
};

/** The one table `npm run bench` prints: plain text, fixed-width columns. */
export function renderTable(rows: readonly Row[]): string {
  const header = ['Figure', 'Unit', 'Ours', 'Limit*', 'PeerJS', 'Target', 'Met', 'Note'];
  const lines = rows.map((row) => [
    `${row.section}: ${row.figure}`,
    row.unit,
    format(row.ours, row.decimals),
    format(row.limit, row.decimals),
    row.peerjs === undefined ? '' : format(row.peerjs, row.decimals),
    row.target ?? '',
    row.met === undefined ? '' : row.met === null ? '?' : row.met ? 'yes' : 'NO',
    row.note ?? '',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)));
  const numeric = new Set([2, 3, 4]);
  const render = (cells: string[]) =>
    cells
      .map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [
    render(header),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...lines.map(render),
    '* Limit: signaling = a bare `ws` relay server; join and picture = a plain RTCPeerConnection loopback pair in one page, same capture; uplink = a plain RTCPeerConnection pair across the same shaped link.',
  ].join('\n');
}
