import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

interface ChartProps {
  /** Everything but the size, which follows the element. */
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  height: number;
  label: string;
}

/** A uPlot chart that fills its container's width and is rebuilt when its data change. */
export function Chart({ options, data, height, label }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current!;
    const chart = new uPlot({ ...options, width: element.clientWidth || 600, height }, data, element);
    const resize = new ResizeObserver(() => chart.setSize({ width: element.clientWidth, height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [options, data, height]);
  return <div ref={box} class="chart" role="img" aria-label={label} />;
}

/** Colours that read in light and dark alike. */
export const palette = { high: '#16a34a', middle: '#9ca3af', low: '#dc2626', line: '#4f46e5', bars: 'rgba(79, 70, 229, 0.25)' };
