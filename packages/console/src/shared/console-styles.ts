import { css } from 'lit';

/** The look every console element shares: forms, tables, buttons, dialogs, errors. */
export const consoleStyles = css`
  :host {
    display: block;
    font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    color: #1d2433;
  }
  h2 {
    font-size: 1.25rem;
    margin: 0 0 0.75rem;
  }
  h3 {
    font-size: 1.05rem;
    margin: 1.25rem 0 0.5rem;
  }
  .toolbar {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.75rem;
    margin-bottom: 0.75rem;
    flex-wrap: wrap;
  }
  .table-scroll {
    /* A table wider than the screen scrolls inside this box; the page keeps its width. */
    overflow-x: auto;
    max-width: 100%;
  }
  .toolbar h2 {
    margin: 0;
  }
  .toolbar .buttons {
    flex: 1 1 auto;
    flex-wrap: wrap;
  }
  input[type='search'] {
    /* As wide as its placeholder at least, wider when the toolbar has room. */
    flex: 1 1 13rem;
    min-width: 13rem;
    max-width: 20rem;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    background: #fff;
  }
  th,
  td {
    text-align: left;
    padding: 0.45rem 0.6rem;
    border-bottom: 1px solid #e3e7ee;
    vertical-align: middle;
  }
  th {
    font-size: 0.8rem;
    text-transform: uppercase;
    letter-spacing: 0.03em;
    color: #5b6474;
  }
  td.flag,
  th.flag {
    text-align: center;
  }
  th.actions,
  td.actions {
    white-space: nowrap;
    text-align: right;
  }
  form {
    display: grid;
    gap: 0.7rem;
    max-width: 32rem;
  }
  form.inline {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4rem;
  }
  form.inline input {
    width: 10rem;
  }
  label {
    display: grid;
    gap: 0.2rem;
    font-weight: 500;
  }
  label.check {
    display: flex;
    align-items: center;
    gap: 0.45rem;
    font-weight: 400;
  }
  fieldset {
    border: 1px solid #e3e7ee;
    border-radius: 6px;
    padding: 0.5rem 0.75rem;
    display: grid;
    gap: 0.35rem;
  }
  input:not([type='checkbox']),
  select,
  textarea {
    font: inherit;
    padding: 0.4rem 0.55rem;
    border: 1px solid #c5ccd8;
    border-radius: 6px;
    background: #fff;
  }
  input[aria-invalid='true'],
  select[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border-color: #c62828;
  }
  input:disabled,
  input[readonly],
  select:disabled,
  textarea:disabled {
    background: #f3f5f8;
    color: #5b6474;
  }
  button {
    font: inherit;
    padding: 0.4rem 0.9rem;
    border-radius: 6px;
    border: 1px solid #c5ccd8;
    background: #fff;
    cursor: pointer;
  }
  button.primary {
    background: #1f5fbf;
    border-color: #1f5fbf;
    color: #fff;
  }
  button.danger {
    color: #b3261e;
    border-color: #e2b4b0;
  }
  button.link {
    border: none;
    background: none;
    color: #1f5fbf;
    padding: 0.2rem 0.4rem;
  }
  button.link.danger {
    color: #b3261e;
  }
  button:disabled {
    opacity: 0.55;
    cursor: default;
  }
  .buttons {
    display: flex;
    gap: 0.5rem;
    justify-content: flex-end;
  }
  .error {
    color: #b3261e;
    font-size: 0.9rem;
    font-weight: 400;
  }
  span.error[data-field] {
    margin-top: -0.5rem;
  }
  .notice {
    padding: 0.6rem 0.8rem;
    border-radius: 6px;
    background: #eef4fd;
    color: #1d3b66;
    font-size: 0.92rem;
  }
  .success {
    color: #1e6b35;
  }
  .badge {
    display: inline-block;
    font-size: 0.75rem;
    padding: 0.05rem 0.45rem;
    border-radius: 999px;
    background: #fff3d6;
    color: #7a5300;
  }
  .badge.ok {
    background: #e3f4e8;
    color: #1e6b35;
  }
  .badge.failing {
    background: #fde5e3;
    color: #b3261e;
  }
  .badge.deactivated {
    background: #e6e9ef;
    color: #3d4656;
  }
  .muted {
    color: #5b6474;
    font-size: 0.9rem;
  }
  dialog {
    border: none;
    border-radius: 10px;
    padding: 1.25rem 1.5rem;
    box-shadow: 0 12px 40px rgb(0 0 0 / 25%);
    min-width: min(28rem, 90vw);
  }
  dialog::backdrop {
    background: rgb(20 28 40 / 45%);
  }
  dl.facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25rem 0.75rem;
    margin: 0;
  }
  dl.facts dt {
    color: #5b6474;
  }
  dl.facts dd {
    margin: 0;
  }
`;
