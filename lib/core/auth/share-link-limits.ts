// A share link's lifetime in days: its own file, so the settings form in the browser can read
// the limits without pulling the server side of share links into the bundle.
export const SHARE_LINK_DEFAULT_DAYS = 30;
export const SHARE_LINK_MAX_DAYS = 365;
