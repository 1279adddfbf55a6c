/**
 * @ebm/viewer — the server side of the three.js voxel and mesh viewer: a loopback-only server for the built web app
 * and exactly the given files, and the desktop window (Chromium --app or the default browser). The page itself is
 * built by Vite from src/web into dist/app.
 */
export type { ViewerServer, ViewerServerOptions } from './server/ViewerServer.js';
export { startViewerServer, VIEWER_HOST, FILE_LIST_PATH } from './server/ViewerServer.js';
export type { ServedFile } from './server/ServedFiles.js';
export { AppNotBuiltError, APP_DIR } from './server/appDir.js';
export { VIEWER_FILE_TYPES } from './server/fileTypes.js';
export type { PathRefusal, StaticPathResult } from './server/staticPath.js';
export { resolveStaticPath, pathSegments } from './server/staticPath.js';
export type { AppWindow, OpenWindowOptions } from './window/openAppWindow.js';
export { openAppWindow } from './window/openAppWindow.js';
export { findChromium } from './window/findChromium.js';
