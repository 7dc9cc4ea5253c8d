// Names the command line accepts, apart from the code that uses them, so reading arguments loads nothing else.
export const REPORTERS = ['pretty', 'json', 'junit'] as const;
export type ReporterName = (typeof REPORTERS)[number];
