/**
 * A horizontal bar chart as server-rendered SVG, for the reports. Bars grow from the start
 * edge of the reading direction (right in Arabic and Persian); labels and values are HTML
 * beside the bars, so they wrap, translate and read aloud like any text. Values are given
 * pre-formatted for the reader's locale.
 */
export interface Bar {
  label: string;
  value: number;
  display: string;
  /** Bars of one series share a colour class: series-0, series-1, series-2. */
  series?: number;
}

export function BarChart({ title, bars }: { title: string; bars: Bar[] }) {
  const max = Math.max(1, ...bars.map((b) => Math.abs(b.value)));
  return (
    <figure className="bar-chart">
      <figcaption>{title}</figcaption>
      <ul>
        {bars.map((b, i) => (
          <li key={i}>
            <span className="bar-label">{b.label}</span>
            <span className="bar-track" aria-hidden="true">
              <svg viewBox="0 0 100 10" preserveAspectRatio="none" className="bar-svg">
                <rect
                  x="0"
                  y="0"
                  height="10"
                  width={Math.max(0.5, (100 * Math.abs(b.value)) / max)}
                  className={`bar series-${b.series ?? 0}`}
                />
              </svg>
            </span>
            <span className="bar-value">{b.display}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
