import type pg from 'pg';
export declare const ROOT: string;
export declare const SERVER_DIST: string;
export declare const SERVER_MAIN: string;
export declare const SERVER_CLI: string;
export declare function databaseUrl(adminUrl: string, database: string): string;
export declare function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T>;
export declare function uniqueDatabaseName(prefix: string): string;
