import { CreateOrganisationAndAuth1795000000000 } from './1795000000000-CreateOrganisationAndAuth.js';

/** Every migration, in order. The only way the schema changes. */
export const migrations = [CreateOrganisationAndAuth1795000000000];
