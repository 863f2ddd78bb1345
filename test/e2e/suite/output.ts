/** The suite's first line of output (its last is `N passed, N failed`): the runners read its output between them. */
export const SUITE_START_LINE = 'Schemawise e2e suite:';
