import { css } from 'lit'

/** Layout shared by the workspace pages. */
export const pageStyles = css`
  :host {
    display: block;
    font-family: system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif;
    font-size: 14px;
    color: #1b1f24;
  }
  h1,
  h2 {
    font-size: 1.25rem;
    margin: 0.3rem 0 0.8rem;
  }
  table.list {
    border-collapse: collapse;
    width: 100%;
    background: #fff;
  }
  table.list th,
  table.list td {
    border-bottom: 1px solid #e1e4e8;
    padding: 6px 8px;
    text-align: left;
  }
  table.list th {
    background: #f6f8fa;
    font-weight: 600;
  }
  table.list th button {
    background: none;
    border: none;
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    padding: 0;
  }
  table.list tr.late td {
    background: #fff4f2;
  }
  .badge {
    display: inline-block;
    padding: 1px 8px;
    border-radius: 10px;
    background: #eaeef2;
    font-size: 0.85rem;
  }
  .badge.late,
  .badge.overdue {
    background: #fdecea;
    color: #a4262c;
  }
  .badge.accepted,
  .badge.approved {
    background: #e9f5ea;
    color: #1e5b22;
  }
  .badge.submitted,
  .badge.sent {
    background: #e8f0fe;
    color: #1f4f99;
  }
  .error {
    color: #a4262c;
  }
  .muted {
    color: #57606a;
  }
  .bar {
    display: flex;
    gap: 0.6rem;
    align-items: end;
    flex-wrap: wrap;
    margin-bottom: 0.8rem;
  }
  .card {
    background: #fff;
    border: 1px solid #d0d7de;
    border-radius: 6px;
    padding: 0.8rem;
    margin-bottom: 0.8rem;
  }
`
