// Only what the execution chart uses, so that the chunk holds no more of ECharts than that; imported lazily by
// RateChart (no other page loads ECharts).
import { init, use } from 'echarts/core'
import { BarChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

export { init }
