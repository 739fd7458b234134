import { LitElement } from 'lit';

/**
 * A modal `<dialog>` that asks one question and answers true or false: `await
 * element.ask(question)` shows the question (kept in `question` for `render`), and resolves
 * with what `close(answer)` is called with — false on Escape. Asking again while a question
 * is open answers the open one false.
 */
export abstract class ModalQuestion<Question> extends LitElement {
  static override properties = { question: { state: true } };

  declare question: Question | undefined;
  #answer: ((answer: boolean) => void) | undefined;

  constructor() {
    super();
    this.question = undefined;
  }

  /** Opens the dialog; resolves with the answer given. */
  async ask(question: Question): Promise<boolean> {
    this.#answer?.(false);
    this.question = question;
    await this.updateComplete;
    this.#dialog().showModal();
    return new Promise((resolve) => {
      this.#answer = resolve;
    });
  }

  /** Closes the dialog with `answer` (render's buttons call it; Escape closes with false). */
  protected close(answer: boolean): void {
    this.#dialog().close();
    this.#answer?.(answer);
    this.#answer = undefined;
  }

  #dialog(): HTMLDialogElement {
    return this.renderRoot.querySelector('dialog') as HTMLDialogElement;
  }
}
