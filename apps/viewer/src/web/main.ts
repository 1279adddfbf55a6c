import { bindFilePickerAndDrop, openServedFiles } from './fileSources.js';
import { exposeInspection } from './inspection.js';
import { bindToolbar } from './toolbar.js';
import { ViewerApp } from './ViewerApp.js';

// The viewer page: build the app, wire its controls, then open what the command line served.
const app = new ViewerApp();
bindToolbar(app);
bindFilePickerAndDrop(app);
exposeInspection(app);
await openServedFiles(app);
document.documentElement.dataset.state = 'ready';
