import { useId, useRef, useState } from 'react';
import { axisTicks, bucketLabel, cellText, SUPPRESSED_LABEL } from './chart-data';
import type { Report, Series } from './chart-data';
import { downloadPng, downloadSvg } from './download';

const WIDTH = 640;
const HEIGHT = 220;
const LEFT = 44;
const RIGHT = 8;
const TOP = 12;
const BOTTOM = 44;
const BAR = '#12355b';
const RUNNING = '#7d9bbd';
const HATCH = '#b35900';

/**
 * One series as a bar chart in hand-written SVG. Drawn with presentation attributes only (no CSS
 * class), so the downloaded SVG and PNG look the same as the page. A suppressed bucket is a hatched
 * bar over the whole height with its label, never a bar of 0.
 */
export function TrendChart({ series, bucket, max, fileName, what }: { series: Series; bucket: Report['bucket']; max: number; fileName: string; what: string }) {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const svgRef = useRef<SVGSVGElement>(null);
  const [error, setError] = useState<string>();
  const ticks = axisTicks(max);
  const top = ticks[ticks.length - 1];
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const band = (WIDTH - LEFT - RIGHT) / Math.max(series.points.length, 1);
  const barWidth = Math.max(2, band * 0.7);
  const y = (value: number) => TOP + plotHeight - (value / top) * plotHeight;
  const suppressed = series.points.filter((point) => point.cell.kind === 'suppressed').length;
  const labelEvery = Math.ceil(series.points.length / 8);
  const title = `${series.key}: ${what} per ${bucket.toLowerCase()}`;
  const desc =
    `${series.points.length} buckets from ${series.points[0] ? bucketLabel(series.points[0].start, bucket) : '–'}` +
    (suppressed ? `, ${suppressed} of them ${SUPPRESSED_LABEL}` : '') +
    `; over the range: ${cellText(series.rangeTotal)}. The figures are also in the table below.`;

  const save = (kind: 'svg' | 'png') => {
    const svg = svgRef.current;
    if (!svg) return;
    setError(undefined);
    if (kind === 'svg') downloadSvg(svg, fileName);
    else downloadPng(svg, fileName).catch((reason: unknown) => setError(reason instanceof Error ? reason.message : 'Could not draw the image'));
  };

  return (
    <figure className="trend-chart" data-testid={`chart-${series.key}`}>
      <svg
        ref={svgRef}
        xmlns="http://www.w3.org/2000/svg"
        width={WIDTH}
        height={HEIGHT}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        fontFamily="system-ui, sans-serif"
        fontSize="11"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        <defs>
          <pattern id={`${id}-hatch`} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#fff3e6" />
            <line x1="0" y1="0" x2="0" y2="6" stroke={HATCH} strokeWidth="2" />
          </pattern>
        </defs>
        <rect x="0" y="0" width={WIDTH} height={HEIGHT} fill="#ffffff" />
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(tick)} y2={y(tick)} stroke="#dde1e6" />
            <text x={LEFT - 4} y={y(tick) + 4} textAnchor="end" fill="#57606a">
              {tick}
            </text>
          </g>
        ))}
        {series.points.map((point, index) => {
          const x = LEFT + index * band + (band - barWidth) / 2;
          const label = `${bucketLabel(point.start, bucket)}: ${cellText(point.cell)}${point.complete ? '' : ' (still running)'}`;
          return (
            <g key={point.start}>
              {point.cell.kind === 'suppressed' ? (
                <rect x={x} y={TOP} width={barWidth} height={plotHeight} fill={`url(#${id}-hatch)`} stroke={HATCH} data-suppressed="true">
                  <title>{label}</title>
                </rect>
              ) : (
                <rect x={x} y={y(point.cell.value)} width={barWidth} height={Math.max(0, TOP + plotHeight - y(point.cell.value))} fill={point.complete ? BAR : RUNNING}>
                  <title>{label}</title>
                </rect>
              )}
              {index % labelEvery === 0 ? (
                <text x={x + barWidth / 2} y={HEIGHT - BOTTOM + 14} textAnchor="middle" fill="#57606a">
                  {bucketLabel(point.start, bucket).slice(5)}
                </text>
              ) : null}
            </g>
          );
        })}
        <line x1={LEFT} x2={WIDTH - RIGHT} y1={TOP + plotHeight} y2={TOP + plotHeight} stroke="#57606a" />
        <rect x={LEFT} y={HEIGHT - 18} width="12" height="12" fill={`url(#${id}-hatch)`} stroke={HATCH} />
        <text x={LEFT + 16} y={HEIGHT - 8} fill="#1b1f24">
          {SUPPRESSED_LABEL}
        </text>
        <rect x={LEFT + 230} y={HEIGHT - 18} width="12" height="12" fill={RUNNING} />
        <text x={LEFT + 246} y={HEIGHT - 8} fill="#1b1f24">
          still running
        </text>
      </svg>
      <figcaption>
        <strong>{series.key}</strong> over the range: {cellText(series.rangeTotal)}{' '}
        <button type="button" aria-label={`Download ${series.key} as PNG`} onClick={() => save('png')}>
          PNG
        </button>{' '}
        <button type="button" aria-label={`Download ${series.key} as SVG`} onClick={() => save('svg')}>
          SVG
        </button>
        {error ? <span role="alert"> {error}</span> : null}
      </figcaption>
    </figure>
  );
}
