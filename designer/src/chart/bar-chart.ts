/** The one place chart.js is imported (only the parts a bar chart needs, to keep the bundle small). */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Title,
  Tooltip,
} from 'chart.js'

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Title, Tooltip, Legend)

export interface BarChart {
  update(labels: string[], values: Array<number | null>, title: string): void
  /** The chart as a PNG data URL (white background, as printed). */
  png(): string
  destroy(): void
}

export function createBarChart(canvas: HTMLCanvasElement, seriesLabel: string): BarChart {
  const chart = new Chart<'bar', Array<number | null>, string>(canvas, {
    type: 'bar',
    data: { labels: [], datasets: [{ label: seriesLabel, data: [], backgroundColor: '#2f6fb3' }] },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { title: { display: true, text: '' }, legend: { display: false } },
      scales: { y: { beginAtZero: true } },
    },
    plugins: [
      {
        id: 'white-background',
        beforeDraw(c) {
          const ctx = c.ctx
          ctx.save()
          ctx.fillStyle = '#ffffff'
          ctx.fillRect(0, 0, c.width, c.height)
          ctx.restore()
        },
      },
    ],
  })
  return {
    update(labels, values, title) {
      chart.data.labels = labels
      chart.data.datasets[0]!.data = values
      chart.options.plugins!.title!.text = title
      chart.update()
    },
    png: () => chart.toBase64Image('image/png'),
    destroy: () => chart.destroy(),
  }
}
