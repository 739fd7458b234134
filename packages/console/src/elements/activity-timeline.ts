import type { AuditEvent } from '@switchboard/contract';
import { css, html, nothing, type TemplateResult } from 'lit';
import type { ActivityLine } from '../activity/activity-sentence.js';
import { dayHeading, localDay } from '../activity/day-heading.js';

/** The look of the timeline and the verified indicator. */
export const activityStyles = css`
  form.filters {
    max-width: none;
    display: flex;
    flex-wrap: wrap;
    gap: 0.6rem 0.9rem;
    align-items: end;
    margin-bottom: 0.9rem;
  }
  form.filters label {
    font-size: 0.85rem;
  }
  form.filters select,
  form.filters input {
    box-sizing: border-box;
    height: 2.3rem;
  }
  form.filters button.link {
    padding-bottom: 0.5rem;
  }
  .verified {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem 0.8rem;
    border-radius: 6px;
    font-size: 0.92rem;
    margin: 0 0 1rem;
  }
  .verified button {
    margin-left: auto;
    white-space: nowrap;
  }
  .verified.ok {
    background: #e3f4e8;
    color: #1e6b35;
  }
  .verified.broken {
    background: #fde5e3;
    color: #b3261e;
  }
  ol.timeline,
  ol.timeline ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  ol.timeline h3 {
    font-size: 0.8rem;
    text-transform: uppercase;
    letter-spacing: 0.03em;
    color: #5b6474;
    margin: 1.1rem 0 0.3rem;
  }
  li.event {
    display: grid;
    grid-template-columns: 4.2rem 1fr;
    gap: 0.75rem;
    padding: 0.55rem 0;
    border-bottom: 1px solid #e3e7ee;
  }
  li.event time {
    color: #5b6474;
    font-size: 0.88rem;
    font-variant-numeric: tabular-nums;
    padding-top: 0.1rem;
  }
  li.event p {
    margin: 0;
    overflow-wrap: anywhere;
  }
  li.event.broken {
    background: #fdf1f0;
  }
  li.event .details {
    color: #5b6474;
    font-size: 0.85rem;
    margin-top: 0.15rem;
  }
`;

/** One day of the timeline: its heading and its events, newest first. */
interface Day {
  heading: string;
  events: AuditEvent[];
}

function byDay(events: readonly AuditEvent[], now: Date): Day[] {
  const days: Day[] = [];
  let current = '';
  for (const event of events) {
    const day = localDay(event.at);
    if (day !== current) {
      current = day;
      days.push({ heading: dayHeading(event.at, now), events: [] });
    }
    days.at(-1)?.events.push(event);
  }
  return days;
}

function eventItem(event: AuditEvent, line: ActivityLine, broken: boolean): TemplateResult {
  const at = new Date(event.at);
  const time = at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const details = [
    line.changed.length > 0 ? `Changed: ${line.changed.join(', ')}` : '',
    event.clientAddress && event.clientAddress !== 'unknown' ? `from ${event.clientAddress}` : '',
  ].filter(Boolean);
  return html`<li class="event ${broken ? 'broken' : ''}" data-event-id=${event.id}
      data-action=${event.action}>
    <time datetime=${event.at} title=${at.toLocaleString()}>${time}</time>
    <div>
      <p class="sentence"><strong>${line.actor}</strong> ${line.deed}</p>
      ${broken ? html`<p class="error">⚠ The log does not verify from this event on.</p>` : nothing}
      ${details.length ? html`<p class="details">${details.join(' · ')}</p>` : nothing}
    </div>
  </li>`;
}

/**
 * The Activity timeline: events newest first, under a heading per day (`Today`,
 * `Yesterday`, then dates), each with its time, its sentence (the actor in bold) and what
 * changed; the first event from which the log does not verify (`brokenId`) is marked.
 *
 * @example activityTimeline(events, (event) => describeEvent(event, names), new Date())
 */
export function activityTimeline(
  events: readonly AuditEvent[],
  describe: (event: AuditEvent) => ActivityLine,
  now: Date,
  brokenId?: string | null,
): TemplateResult {
  return html`<ol class="timeline" aria-label="Activity">
    ${byDay(events, now).map(
      (day) => html`<li>
        <h3>${day.heading}</h3>
        <ol>${day.events.map((event) => eventItem(event, describe(event), event.id === brokenId))}</ol>
      </li>`,
    )}
  </ol>`;
}
