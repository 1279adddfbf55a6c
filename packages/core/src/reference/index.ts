export type { AxisPrecision, SmoothReference } from './smoothReference.js';
export { addSmoothReference, withSmoothReference, isSmoothReferenceOff, axisPrecisionScale, smoothReferenceStiffness } from './smoothReference.js';
export { SmoothReferenceEnergy } from './SmoothReferenceEnergy.js';
