// Types for the tests under src/, whose TypeScript project does not read JavaScript.
export declare const STAMP: string;
export declare function sourcesHash(root?: string): string;
export declare function webBuildIsFresh(root?: string): boolean;
export declare function skipsWebBuild(value: string | undefined): boolean | undefined;
