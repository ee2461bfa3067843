// Types of scripts/build.js (plain JavaScript: bin/sparring.js runs it before anything is compiled).
export declare const root: string;
export declare const distDir: string;
/** Why dist/ cannot be run as it is (missing, or older than a source), or undefined when it is current. */
export declare function staleness(dir?: string): string | undefined;
/** Compiles src/ to dist/; throws (after tsc printed its errors) and leaves dist/ alone when it fails. */
export declare function build(): void;
