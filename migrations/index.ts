import { CreateOrganisationAndAuth1795000000000 } from './1795000000000-CreateOrganisationAndAuth.js';
import { CreateContent1795100000000 } from './1795100000000-CreateContent.js';
import { CreateAssignmentsAndAttempts1795200000000 } from './1795200000000-CreateAssignmentsAndAttempts.js';
import { CreateContests1795300000000 } from './1795300000000-CreateContests.js';
import { CreateContestEntries1795400000000 } from './1795400000000-CreateContestEntries.js';
import { CreateCoverageRollups1795500000000 } from './1795500000000-CreateCoverageRollups.js';
import { CreateImports1795600000000 } from './1795600000000-CreateImports.js';
import { CreateDiagnostics1795700000000 } from './1795700000000-CreateDiagnostics.js';
import { AddAppClock1795800000000 } from './1795800000000-AddAppClock.js';
import { CreateVietnameseCollation1795800000917 } from './1795800000917-CreateVietnameseCollation.js';
import { SqlFunctionsAsSourceFiles1795900001800 } from './1795900001800-SqlFunctionsAsSourceFiles.js';
import { CreateAwarenessHelper1796000000000 } from './1796000000000-CreateAwarenessHelper.js';
import { AddQuarterlyReporting1796100000000 } from './1796100000000-AddQuarterlyReporting.js';
import { CreateStaffTraining1796200000000 } from './1796200000000-CreateStaffTraining.js';
import { CreateContestStandings1796300000000 } from './1796300000000-CreateContestStandings.js';
import { CreateSubmissionContests1796400000000 } from './1796400000000-CreateSubmissionContests.js';

/** Every migration, in order. The only way the schema changes. */
export const migrations = [
  CreateOrganisationAndAuth1795000000000,
  CreateContent1795100000000,
  CreateAssignmentsAndAttempts1795200000000,
  CreateContests1795300000000,
  CreateContestEntries1795400000000,
  CreateCoverageRollups1795500000000,
  CreateImports1795600000000,
  CreateDiagnostics1795700000000,
  AddAppClock1795800000000,
  CreateVietnameseCollation1795800000917,
  SqlFunctionsAsSourceFiles1795900001800,
  CreateAwarenessHelper1796000000000,
  AddQuarterlyReporting1796100000000,
  CreateStaffTraining1796200000000,
  CreateContestStandings1796300000000,
  CreateSubmissionContests1796400000000,
];
