// Stands in for Node's `buffer` in the browser bundle (next.config.js, turbopack.resolveAlias).
// lib0 (under Yjs) names the global Buffer only on its Node path, yet that mention alone made
// Turbopack ship a 7 KB Buffer polyfill with the notes editor. No browser code of ours uses it;
// `typeof Buffer` stays "undefined", which is what lib0's browser path expects.
export const Buffer = undefined;
