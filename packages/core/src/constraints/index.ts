export { principalAxisBox } from './principalAxisBox.js';
