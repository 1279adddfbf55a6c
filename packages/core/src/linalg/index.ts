export { symmetricEigen } from './symmetricEigen.js';
