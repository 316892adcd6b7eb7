import { createApp } from "./app/create-app.js";

/**
 * The Probot entry (`probot run ./lib/index.js`). Handlers only translate events into use
 * cases; see docs/architecture.md.
 */
export default createApp();
