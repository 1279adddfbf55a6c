export type { RecoveryEstimate, IncompleteData, LearnFromIncompleteOptions, LearnedRecovery } from './learnFromIncomplete.js';
export { learnFromIncomplete } from './learnFromIncomplete.js';
export { RecoveryError } from './RecoveryError.js';
