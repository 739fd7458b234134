import { css, html, nothing } from 'lit';
import { consoleStyles } from '../shared/console-styles.js';
import type { ConflictRow, EditConflict } from '../shared/edit-conflict.js';
import { ModalQuestion } from '../shared/modal-question.js';

/**
 * `<sb-conflict-dialog>`: tells the admin that what they edited changed since they opened
 * it (C1), shows how (each field as it was, as it is now and as their edit sets it), and
 * asks whether to apply the edit to the current version or drop it.
 * `await dialog.ask(conflict)` is true only for applying; Escape drops the edit.
 */
export class ConflictDialog extends ModalQuestion<EditConflict> {
  static override styles = [
    consoleStyles,
    css`
      dialog {
        max-width: min(40rem, 94vw);
      }
      .changed {
        background: #fff8e1;
        border-radius: 4px;
        padding: 0 0.25rem;
      }
      td.field,
      td.mine {
        font-weight: 500;
      }
      table {
        margin: 0.25rem 0 0.75rem;
      }
      p.lead {
        margin: 0 0 0.5rem;
      }
    `,
  ];
  override render() {
    const conflict = this.question;
    const rows = conflict?.rows ?? [];
    const edits = rows.some((row) => row.mine !== undefined);
    return html`<dialog aria-labelledby="conflict-title" aria-describedby="conflict-message"
        @cancel=${() => this.close(false)}>
      <h2 id="conflict-title">${conflict?.title}</h2>
      <p class="lead" id="conflict-message">${conflict?.message}</p>
      ${
        rows.length === 0
          ? html`<p class="muted">None of the fields shown here differ; something else about it changed.</p>`
          : html`<div class="table-scroll"><table aria-label="What changed">
              <thead><tr>
                <th>Field</th><th>${conflict?.openedHeading}</th><th>Now</th>
                ${edits ? html`<th>Your edit</th>` : nothing}
              </tr></thead>
              <tbody>${rows.map((row) => this.#row(row, edits))}</tbody>
            </table></div>`
      }
      ${
        rows.some((row) => row.collides)
          ? html`<p class="muted">Where you both changed a field, applying your edit replaces theirs.</p>`
          : edits
            ? html`<p class="muted">Applying your edit keeps their changes to the other fields.</p>`
            : nothing
      }
      <div class="buttons">
        <button type="button" @click=${() => this.close(false)}>${conflict?.discardLabel}</button>
        <button type="button" class="primary" @click=${() => this.close(true)}>
          ${conflict?.applyLabel}
        </button>
      </div>
    </dialog>`;
  }

  #row(row: ConflictRow, edits: boolean) {
    const changed = row.current !== row.opened;
    return html`<tr data-field=${row.label}>
      <td class="field">${row.label}</td>
      <td>${row.opened}</td>
      <td><span class=${changed ? 'changed' : ''}>${row.current}</span></td>
      ${
        edits
          ? html`<td class="mine">${row.mine ?? html`<span class="muted">not edited</span>`}</td>`
          : nothing
      }
    </tr>`;
  }
}
