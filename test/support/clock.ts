/**
 * The tests' side of the app's one clock: the run may be set to a chosen date (TT_TEST_DATE,
 * turned into CLOCK_OFFSET_MS by the global setup and handed to every server and seed it
 * starts), so "now" in a test is always this, never `new Date()`.
 */
const offsetMs = Number(process.env.CLOCK_OFFSET_MS ?? 0);

export const testNowMs = (): number => Date.now() + offsetMs;
export const testNow = (): Date => new Date(testNowMs());
/** An ISO time this many hours from the app's now (negative: in the past). */
export const hoursFromNow = (h: number): string => new Date(testNowMs() + h * 3600_000).toISOString();
export const secondsFromNow = (s: number): string => new Date(testNowMs() + s * 1000).toISOString();
