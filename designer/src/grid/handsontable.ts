/**
 * The one place Handsontable is imported and its modules registered (style guide: designer/grid/
 * only). Picking modules keeps the bundle near 800 KB instead of 1.5 MB (stack-feasibility §5).
 */
import Handsontable from 'handsontable/base'
import { TextCellType, registerCellType } from 'handsontable/cellTypes'
import { TextEditor, registerEditor } from 'handsontable/editors'
import {
  AutoColumnSize,
  AutoRowSize,
  Autofill,
  ContextMenu,
  CopyPaste,
  ManualColumnResize,
  MergeCells,
  UndoRedo,
  registerPlugin,
} from 'handsontable/plugins'
import { textRenderer } from 'handsontable/renderers'
import htCss from 'handsontable/styles/handsontable.min.css?inline'
import themeCss from 'handsontable/styles/ht-theme-main.min.css?inline'

let registered = false

export function registerGridModules(): void {
  if (registered) return
  registered = true
  registerCellType(TextCellType)
  registerEditor(TextEditor)
  // ContextMenu works inside a shadow root only with a `uiContainer` there that keeps its clicks
  // from the document (see form-grid.ts); the components still offer buttons for every action.
  // ContextMenu needs AutoColumnSize registered; both grids set colWidths, so it measures nothing.
  for (const plugin of [
    AutoColumnSize,
    AutoRowSize,
    Autofill,
    ContextMenu,
    CopyPaste,
    ManualColumnResize,
    MergeCells,
    UndoRedo,
  ])
    registerPlugin(plugin)
}

/** Handsontable's free key, for non-commercial use and evaluation only. */
export const EVALUATION_LICENSE_KEY = 'non-commercial-and-evaluation'

/**
 * The key the grids use unless a component is given its own `licenseKey`: the deployment's
 * (`HANDSONTABLE_LICENSE_KEY`, which the runtime writes into the page as a meta tag), else the
 * evaluation key. Module scripts run after the head is parsed, so the tag is there.
 */
export const DEFAULT_LICENSE_KEY =
  (typeof document === 'undefined'
    ? undefined
    : document.querySelector<HTMLMetaElement>('meta[name="rb-grid-license-key"]')?.content) ||
  EVALUATION_LICENSE_KEY

/**
 * Handsontable injects its core CSS into document.head only; inside a shadow root the grid is
 * unstyled unless the component adopts these sheets itself.
 */
export const gridCss: readonly string[] = [htCss, themeCss]

export { Handsontable, TextEditor, registerEditor, textRenderer }
