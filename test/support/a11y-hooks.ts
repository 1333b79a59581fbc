import { checkAccessibilityAfterTest } from './a11y.js';

/** The browser project's setup: after each test, axe's verdict on every page the test visited or left changed (see a11y.ts). */
afterEach(checkAccessibilityAfterTest, 60_000);
