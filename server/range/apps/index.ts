/**
 * The range's starter set (issue 20, §4): every app with its manifest. The app's seed loads
 * RANGE_APP_MANIFESTS to make one flag challenge per app, whose slug is the app's slug.
 */
import type { RangeApp, RangeAppManifest } from '../app-kit.js';
import { backupFileApp } from './backup-file.js';
import { clientCheckApp } from './client-check.js';
import { cookieRoleApp } from './cookie-role.js';
import { encodedMessageApp } from './encoded-message.js';
import { hiddenPriceApp } from './hidden-price.js';
import { idorApp } from './idor.js';
import { jwtNoneApp } from './jwt-none.js';
import { openRedirectApp } from './open-redirect.js';
import { robotsApp } from './robots.js';
import { sqlLoginApp } from './sql-login.js';
import { sqlSearchApp } from './sql-search.js';
import { userAgentApp } from './user-agent.js';
import { viewSourceApp } from './view-source.js';
import { weakResetApp } from './weak-reset.js';

export type { RangeAppManifest, RangeLevel, RangeTopic } from '../app-kit.js';

/** In the order a beginner might take them. */
export const RANGE_APPS: readonly RangeApp[] = [
  robotsApp,
  viewSourceApp,
  encodedMessageApp,
  cookieRoleApp,
  clientCheckApp,
  idorApp,
  hiddenPriceApp,
  weakResetApp,
  backupFileApp,
  userAgentApp,
  openRedirectApp,
  sqlLoginApp,
  sqlSearchApp,
  jwtNoneApp,
];

export const RANGE_APP_MANIFESTS: readonly RangeAppManifest[] = RANGE_APPS.map((app) => app.manifest);
