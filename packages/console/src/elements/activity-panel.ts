import type { AuditEvent, AuditExportFormat, AuditVerification, User } from '@switchboard/contract';
import { html, nothing, type PropertyValues } from 'lit';
import { activityExport, saveDownload } from '../activity/activity-export.js';
import {
  type ActivityFilters,
  activityAreas,
  activityQuery,
  filtersProblem,
  noFilters,
  showsWholeLog,
} from '../activity/activity-filters.js';
import { type ActivityNames, describeEvent } from '../activity/activity-sentence.js';
import { knownNewOwners, type OwnedNumber } from '../activity/known-new-owners.js';
import { phoneNumberDisplay } from '../activity/phone-number-display.js';
import { verificationMessage } from '../activity/verification-message.js';
import { collect } from '../shared/collect.js';
import { ConsoleElement } from '../shared/console-element.js';
import { activityStyles, activityTimeline } from './activity-timeline.js';

const pageSize = 50;
/** How close to the bottom of the screen the end of the list gets before the next page loads. */
const loadAhead = '0px 0px 600px 0px';

const anyFilter = (filters: ActivityFilters) => Object.values(filters).some(Boolean);

/** Whatever the console can list fails quietly: an unnamed id is shown as it is. */
const orNone = <T>(items: Promise<T[]>): Promise<T[]> => items.catch(() => []);

/**
 * `<sb-activity>`: the account's audit log for admins, as a timeline of sentences ("Ada
 * Lovelace changed the owner of +1 800 555 0100 to Grace Hopper") with time and changed
 * fields; filters by person, area and days; the next page loads as the end of the list
 * nears the screen; **Export** downloads the filtered events (CSV or NDJSON); and whether
 * the log verifies untouched (E3). Needs `client`.
 */
export class ActivityPanel extends ConsoleElement {
  static override styles = [...ConsoleElement.styles, activityStyles];
  static override properties = {
    ...ConsoleElement.properties,
    filters: { state: true },
    events: { state: true },
    nextCursor: { state: true },
    names: { state: true },
    people: { state: true },
    numbers: { state: true },
    verdict: { state: true },
    format: { state: true },
    notice: { state: true },
  };

  declare filters: ActivityFilters;
  declare events: AuditEvent[] | undefined;
  declare nextCursor: string | null;
  declare names: ActivityNames;
  /** The account's users, for the person filter. */
  declare people: User[];
  declare numbers: OwnedNumber[];
  declare verdict: AuditVerification | undefined;
  declare format: AuditExportFormat;
  declare notice: string;
  /** Counts list loads, so a page overtaken by a change of filters is dropped. */
  #loads = 0;
  #observer: IntersectionObserver | undefined;
  /**
   * The owner each phone-number event gave its number, as far as known: learnt while the
   * timeline shows the whole log, and kept — it is a fact about the event — for filtered views.
   */
  readonly #owners = new Map<string, string>();

  constructor() {
    super();
    this.filters = noFilters;
    this.events = undefined;
    this.nextCursor = null;
    this.names = new Map();
    this.people = [];
    this.numbers = [];
    this.verdict = undefined;
    this.format = 'csv';
    this.notice = '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#observer?.disconnect();
    this.#observer = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('client') && this.client) {
      void this.#loadNames();
      void this.reload();
      void this.verify();
    }
  }

  /** Names people, numbers, integrations, webhook endpoints and SCIM tokens by id. */
  async #loadNames() {
    const api = this.api;
    const [users, numbers, integrations, endpoints, tokens] = await Promise.all([
      orNone(collect(api.users.list())),
      orNone(collect(api.phoneNumbers.list())),
      orNone(api.integrations.list()),
      orNone(api.webhookEndpoints.list()),
      orNone(api.scimTokens.list()),
    ]);
    this.names = new Map([
      ...users.map((u) => [u.id, `${u.firstName} ${u.lastName}`] as const),
      ...numbers.map((n) => [n.id, phoneNumberDisplay(n.number)] as const),
      ...integrations.map((i) => [i.id, i.name] as const),
      ...endpoints.map((e) => [e.id, e.url] as const),
      ...tokens.filter((t) => t.description).map((t) => [t.id, t.description] as const),
    ]);
    this.people = users;
    this.numbers = numbers;
  }

  /** Loads the newest page for the filters again. */
  async reload(): Promise<void> {
    const problem = filtersProblem(this.filters);
    this.setErrors('page', problem ? { fields: {}, form: problem } : { fields: {} });
    if (problem) return;
    const load = ++this.#loads;
    const query = { ...activityQuery(this.filters), limit: pageSize };
    const page = await this.load('page', () => this.api.auditEvents.page(query));
    if (!page || load !== this.#loads) return;
    this.events = page.data;
    this.nextCursor = page.nextCursor;
    await this.#watchEnd();
  }

  /** Loads the next page, unless one is loading or there is none. */
  async #more() {
    const cursor = this.nextCursor;
    if (!cursor || this.busy.page) return;
    const load = ++this.#loads;
    const query = { ...activityQuery(this.filters), limit: pageSize, cursor };
    const page = await this.load('page', () => this.api.auditEvents.page(query));
    if (!page || load !== this.#loads) return;
    this.events = [...(this.events ?? []), ...page.data];
    this.nextCursor = page.nextCursor;
    await this.#watchEnd();
  }

  /**
   * Watches the end of the list: when it comes near the screen the next page loads.
   * Observing it anew after each page reports where it is now, so a page that leaves it
   * still in view loads the next one too.
   */
  async #watchEnd() {
    await this.updateComplete;
    const end = this.renderRoot.querySelector('#end-of-activity');
    if (!end || typeof IntersectionObserver === 'undefined') return;
    this.#observer ??= new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) void this.#more();
      },
      { rootMargin: loadAhead },
    );
    this.#observer.unobserve(end);
    this.#observer.observe(end);
  }

  /** Checks the log's chain again and shows the verdict. */
  async verify(): Promise<void> {
    const verdict = await this.load('verify', () => this.api.auditEvents.verify());
    if (verdict) this.verdict = verdict;
  }

  #filter(name: keyof ActivityFilters) {
    return (event: Event) => {
      const value = (event.target as HTMLInputElement | HTMLSelectElement).value;
      this.filters = { ...this.filters, [name]: value };
      this.notice = '';
      void this.reload();
    };
  }

  async #clearFilters() {
    this.filters = noFilters;
    this.notice = '';
    await this.reload();
  }

  async #export() {
    this.notice = '';
    const download = await this.run('export', () =>
      activityExport(this.api, this.filters, this.format),
    );
    if (!download) return;
    saveDownload(download, this.renderRoot);
    this.notice = `Downloaded ${download.fileName}.`;
  }

  override render() {
    return html`<section aria-labelledby="activity-title">
      <div class="toolbar">
        <h2 id="activity-title">Activity</h2>
        <div class="buttons">
          <select aria-label="Export format" @change=${(e: Event) => {
            this.format = (e.target as HTMLSelectElement).value as AuditExportFormat;
          }}>
            <option value="csv" ?selected=${this.format === 'csv'}>CSV</option>
            <option value="ndjson" ?selected=${this.format === 'ndjson'}>NDJSON</option>
          </select>
          <button class="primary" @click=${this.#export} ?disabled=${this.busy.export}>
            ${this.busy.export ? 'Exporting…' : 'Export'}</button>
        </div>
      </div>
      ${this.#verified()} ${this.#filtersForm()}
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      ${this.formError('export')} ${this.formError('page')} ${this.#timeline()}
      <div id="end-of-activity"></div>
      ${
        this.nextCursor
          ? html`<p><button @click=${this.#more} ?disabled=${this.busy.page}>
              ${this.busy.page ? 'Loading…' : 'Show older events'}</button></p>`
          : nothing
      }
    </section>`;
  }

  #timeline() {
    const events = this.events;
    if (events === undefined) return html`<p class="muted">Loading activity…</p>`;
    if (events.length === 0) {
      return html`<p class="muted">${
        anyFilter(this.filters) ? 'No event matches these filters.' : 'Nothing has happened yet.'
      }</p>`;
    }
    for (const [event, owner] of knownNewOwners(events, this.numbers, showsWholeLog(this.filters)))
      this.#owners.set(event, owner);
    return activityTimeline(
      events,
      (event) => describeEvent(event, this.names, this.#owners.get(event.id)),
      new Date(),
      this.verdict?.firstBrokenEventId,
    );
  }

  #filtersForm() {
    const f = this.filters;
    return html`<form class="filters" @submit=${(e: Event) => e.preventDefault()}>
      <label>Person
        <select name="actorId" @change=${this.#filter('actorId')}>
          <option value="" ?selected=${!f.actorId}>Everyone</option>
          ${this.people.map(
            (u) => html`<option value=${u.id} ?selected=${f.actorId === u.id}>
              ${u.firstName} ${u.lastName}</option>`,
          )}
        </select>
      </label>
      <label>Area
        <select name="area" @change=${this.#filter('area')}>
          <option value="" ?selected=${!f.area}>All areas</option>
          ${activityAreas.map(
            ({ area, label }) =>
              html`<option value=${area} ?selected=${f.area === area}>${label}</option>`,
          )}
        </select>
      </label>
      <label>From <input type="date" name="from" .value=${f.from} @change=${this.#filter('from')} /></label>
      <label>To <input type="date" name="to" .value=${f.to} @change=${this.#filter('to')} /></label>
      ${anyFilter(f) ? html`<button type="button" class="link" @click=${this.#clearFilters}>Clear filters</button>` : nothing}
    </form>`;
  }

  #verified() {
    const verdict = this.verdict;
    if (!verdict) {
      return this.errors.verify?.form
        ? this.formError('verify')
        : html`<p class="verified muted">Checking the log…</p>`;
    }
    const broken = this.events?.find((event) => event.id === verdict.firstBrokenEventId);
    const line = broken && {
      sentence: describeEvent(broken, this.names).sentence,
      at: broken.at,
    };
    return html`<p class="verified ${verdict.ok ? 'ok' : 'broken'}" role=${verdict.ok ? 'status' : 'alert'}>
      <span aria-hidden="true">${verdict.ok ? '✓' : '⚠'}</span>
      <span>${verificationMessage(verdict, line || undefined)}</span>
      <button class="link" @click=${this.verify} ?disabled=${this.busy.verify}>Check again</button>
    </p>`;
  }
}
