import { css } from 'lit'

/** Cell kinds, severities and the surrounding layout of <rb-form-sheet>. */
export const sheetStyles = css`
  :host {
    display: block;
    font-family: system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif;
    font-size: 14px;
    color: #1b1f24;
  }
  h3 {
    font-size: 1.05rem;
    margin: 0.75rem 0 0.25rem;
  }
  .unit {
    font-style: italic;
    text-align: right;
    margin-bottom: 0.25rem;
  }
  .grid-host {
    position: relative;
    width: 100%;
    overflow: hidden;
    border: 1px solid #d0d7de;
  }
  .rb-grid {
    width: 100%;
    height: 100%;
  }
  /* Read-only cells: Handsontable paints them with !important from these variables, so set the variables. */
  .handsontable td.rb-header {
    --ht-read-only-color: #1b1f24;
    --ht-cell-read-only-background-color: #eef2f7;
    font-weight: 600;
    text-align: center;
    vertical-align: middle;
    white-space: normal;
  }
  .handsontable td.rb-lead {
    --ht-read-only-color: #1b1f24;
    --ht-cell-read-only-background-color: #fafbfc;
  }
  .handsontable td.rb-lead-code {
    text-align: center;
  }
  .handsontable td.rb-row-total,
  .handsontable td.rb-row-heading {
    font-weight: 600;
  }
  .handsontable td.rb-row-heading.rb-lead-label {
    font-style: italic;
  }
  .handsontable td.rb-input {
    background: #ffffff;
  }
  .handsontable td[data-hint]:empty::before {
    content: attr(data-hint);
    color: #6e7781;
    font-style: italic;
  }
  .handsontable td.rb-formula {
    --ht-read-only-color: #1f4d1a;
    --ht-cell-read-only-background-color: #eef6ea;
  }
  .handsontable td.rb-fixed {
    --ht-read-only-color: #1b1f24;
    --ht-cell-read-only-background-color: #fafbfc;
  }
  .handsontable td.rb-greyed {
    background-image: repeating-linear-gradient(
      135deg,
      #dfe2e6 0,
      #dfe2e6 2px,
      transparent 2px,
      transparent 7px
    );
    color: transparent;
  }
  .handsontable td.rb-error {
    background: #fdecea !important;
    box-shadow: inset 0 0 0 2px #c62828;
  }
  .handsontable td.rb-warning {
    background: #fff6e0 !important;
    box-shadow: inset 0 0 0 2px #d18b00;
  }
  .handsontable td.rb-info {
    box-shadow: inset 0 0 0 1px #2f6fb3;
  }
  .status {
    display: flex;
    justify-content: space-between;
    gap: 1rem;
    font-size: 0.85rem;
    color: #444;
    padding: 0.35rem 0;
    min-height: 1.2rem;
  }
  .legend {
    display: inline-flex;
    gap: 0.3rem;
    align-items: center;
  }
  .sw {
    display: inline-block;
    width: 0.9rem;
    height: 0.9rem;
    border: 1px solid #c0c6cc;
    margin-left: 0.5rem;
  }
  .sw.rb-input {
    background: #fff;
  }
  .sw.rb-formula {
    background: #eef6ea;
  }
  .sw.rb-greyed {
    background: repeating-linear-gradient(135deg, #e6e8eb, #e6e8eb 3px, #f3f4f6 3px, #f3f4f6 6px);
  }
  .diagnostics ul {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  .diag {
    display: flex;
    gap: 0.5rem;
    align-items: baseline;
    padding: 0.3rem 0.5rem;
    border-left: 4px solid #999;
    margin: 0.2rem 0;
    background: #fafbfc;
  }
  .diag.error {
    border-color: #c62828;
  }
  .diag.warning {
    border-color: #d18b00;
  }
  .diag.info {
    border-color: #2f6fb3;
  }
  .diag .sev {
    font-weight: 600;
    min-width: 5.5rem;
  }
  .diag .msg {
    flex: 1;
  }
  .diag .explain {
    flex: 1;
    min-width: 12rem;
  }
  .diag .explained {
    flex: 1;
    font-style: italic;
    color: #3d4650;
  }
  .goto {
    font: inherit;
    font-size: 0.8rem;
    background: none;
    border: 1px solid #b8c0cc;
    border-radius: 3px;
    cursor: pointer;
  }
  .summary {
    margin: 0.2rem 0;
  }
  .conflict {
    display: flex;
    gap: 1rem;
    align-items: center;
    justify-content: space-between;
    background: #fff3cd;
    border: 1px solid #d18b00;
    padding: 0.6rem 0.8rem;
    margin-bottom: 0.6rem;
    border-radius: 4px;
  }
  .problems {
    color: #a4262c;
  }
  rb-narrative-section {
    margin-top: 1rem;
  }
  .row-tools {
    display: flex;
    gap: 0.4rem;
    align-items: center;
    margin: 0.3rem 0;
  }
  .row-tools button {
    font: inherit;
    padding: 2px 10px;
    border: 1px solid #8c959f;
    border-radius: 4px;
    background: #f6f8fa;
    cursor: pointer;
  }
  .row-tools button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  .row-tools .hint {
    color: #57606a;
    font-size: 0.85rem;
  }
`
