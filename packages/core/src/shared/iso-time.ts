/**
 * Timestamps as Switchboard stores them — ISO 8601 UTC with milliseconds, what
 * `toISOString()` writes — made and read in plain arithmetic. `Date`'s own formatting and
 * parsing call into V8's C++ (about 1 µs and 0.4 µs on a small server), and every
 * signed-in request formats the time and reads its session's expiry.
 */

const msPerDay = 86_400_000;
/** 9999-12-31T23:59:59.999Z: past it `toISOString()` writes six-digit years. */
const lastFourDigitYearMs = 253_402_300_799_999;

/** The current second's text (`2026-12-04T10:15:30.`), kept: most calls format "now". */
let cachedSecond = Number.NaN;
let cachedSecondText = '';

/**
 * `new Date(ms).toISOString()`, for the years 1970–9999 without `Date`: the text up to the
 * second is kept from the last call in the same second, the milliseconds appended.
 *
 * @example isoTime(Date.UTC(2026, 11, 4)) // '2026-12-04T00:00:00.000Z'
 */
export function isoTime(ms: number): string {
  if (!(ms >= 0 && ms <= lastFourDigitYearMs && Number.isInteger(ms))) {
    return new Date(ms).toISOString();
  }
  const second = Math.floor(ms / 1000);
  if (second !== cachedSecond) {
    cachedSecondText = secondText(second);
    cachedSecond = second;
  }
  const milli = ms - second * 1000;
  return `${cachedSecondText}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}

/** `YYYY-MM-DDTHH:MM:SS.` of a second since the epoch (≥ 0). */
function secondText(second: number): string {
  const days = Math.floor(second / 86_400);
  const [year, month, day] = civilDate(days);
  let rest = second - days * 86_400;
  const hour = Math.floor(rest / 3600);
  rest -= hour * 3600;
  const minute = Math.floor(rest / 60);
  return `${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(rest - minute * 60)}.`;
}

const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/**
 * The epoch milliseconds of a stored timestamp, whether the driver gave a string or a Date:
 * `Date.parse(iso)` in arithmetic for text as `toISOString()` writes it (years 0000–9999),
 * any other text left to `Date.parse`. A day past its month's end rolls over into the next
 * month, as `Date` does.
 *
 * @example epochMsOf('2026-12-04T00:00:00.000Z') // Date.UTC(2026, 11, 4)
 */
export function epochMsOf(value: string | Date): number {
  if (typeof value !== 'string') return value.getTime();
  if (!isoShape.test(value)) return Date.parse(value);
  const days = daysFromCivil(digitsAt(value, 0, 4), digitsAt(value, 5, 2), digitsAt(value, 8, 2));
  return (
    days * msPerDay +
    digitsAt(value, 11, 2) * 3_600_000 +
    digitsAt(value, 14, 2) * 60_000 +
    digitsAt(value, 17, 2) * 1000 +
    digitsAt(value, 20, 3)
  );
}

/** The number `count` decimal digits of `text` from `from` spell. */
function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

const isoShape =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/**
 * Days since 1970-01-01 of a proleptic Gregorian date, and back (Howard Hinnant's
 * `days_from_civil` and `civil_from_days`, with 400-year eras).
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilDate(days: number): [year: number, month: number, day: number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // March is 0
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}
