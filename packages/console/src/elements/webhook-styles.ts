import { css } from 'lit';

/** The look of the Webhooks tab: endpoint cards, event chips, the deliveries table. */
export const webhookStyles = css`
  code {
    font: 0.85em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    background: #f0f3f7;
    border-radius: 4px;
    padding: 0.05rem 0.3rem;
    overflow-wrap: anywhere;
  }
  dialog#endpoint-dialog {
    width: min(46rem, 94vw);
    box-sizing: border-box;
  }
  .endpoints {
    display: grid;
    gap: 1rem;
  }
  article.endpoint {
    background: #fff;
    border: 1px solid #e3e7ee;
    border-radius: 8px;
    padding: 0.9rem 1rem;
    display: grid;
    gap: 0.6rem;
  }
  article.endpoint > * {
    /* A wide deliveries table scrolls in its own box instead of widening the card. */
    min-width: 0;
  }
  article.endpoint.off {
    background: #fafbfc;
  }
  article.endpoint header {
    display: flex;
    align-items: baseline;
    gap: 0.6rem;
    flex-wrap: wrap;
  }
  article.endpoint h3 {
    margin: 0;
    font: 600 0.98rem ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    overflow-wrap: anywhere;
    min-width: 0;
  }
  article.endpoint p {
    margin: 0;
  }
  .badge.off {
    background: #eceff3;
    color: #5b6474;
  }
  ul.types {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem;
  }
  .card-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    align-items: center;
  }
  .card-actions .spacer {
    flex: 1 1 auto;
  }
  .deliveries {
    border-top: 1px solid #e3e7ee;
    padding-top: 0.6rem;
  }
  .deliveries h4 {
    margin: 0;
    font-size: 0.95rem;
  }
  .deliveries td,
  .deliveries th {
    font-size: 0.88rem;
    padding: 0.35rem 0.5rem;
  }
  .deliveries code {
    white-space: nowrap;
    overflow-wrap: normal;
  }
  .deliveries td.when {
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .deliveries td.response {
    min-width: 11rem;
    max-width: 18rem;
    overflow-wrap: anywhere;
  }
`;
