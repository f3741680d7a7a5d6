/** The fleet page's one stylesheet (served at /fleet/fleet.css; the CSP allows no inline style). */
export const FLEET_CSS = `
:root { color-scheme: light; --ink: #1e1e1e; --muted: #50575e; --line: #c3c4c7; --accent: #0a4b78; --bg: #f6f7f7; --ok: #00632b; --warn: #7a4b00; --bad: #a00; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, .scroll:focus-visible, main:focus-visible { outline: 3px solid #2271b1; outline-offset: 2px; }
.skip { position: absolute; left: -9999px; top: 0; background: #fff; padding: .5rem 1rem; }
.skip:focus { left: 1rem; }
.top { display: flex; justify-content: space-between; align-items: center; background: #fff; border-bottom: 1px solid var(--line); padding: .5rem 1.5rem; }
.brand { margin: 0; font-weight: 600; }
.brand a { text-decoration: none; color: var(--ink); }
main { max-width: 80rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.6rem; margin: .5rem 0 1rem; word-break: break-all; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
section { background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: .25rem 1rem 1rem; margin-bottom: 1rem; }
.total, .hint, .days { color: var(--muted); font-weight: normal; }
.counts { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: .5rem; }
.counts li { border: 1px solid var(--line); border-radius: 4px; padding: .5rem .75rem; }
.counts a { display: block; text-decoration: none; }
.counts a[aria-current] { font-weight: 700; text-decoration: underline; }
.counts .n { font-size: 1.4rem; font-weight: 600; }
.counts .hint { display: block; font-size: .85rem; }
.counts.small li { padding: .25rem .75rem; }
.counts.small .n { font-size: 1.1rem; }
.filters { display: flex; flex-wrap: wrap; gap: 0 1.25rem; align-items: end; background: #fff; border: 1px solid var(--line); border-radius: 4px; padding: .5rem 1rem; margin-bottom: 1rem; }
.filters p { margin: .5rem 0; }
label { display: block; font-weight: 600; font-size: .9rem; }
input, select, button { font: inherit; padding: .35rem .5rem; border: 1px solid #8c8f94; border-radius: 3px; background: #fff; color: var(--ink); }
button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
button.danger { background: var(--bad); border-color: var(--bad); }
.logout button { background: #fff; color: var(--accent); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { background: var(--bg); }
tbody th { font-weight: normal; word-break: break-all; }
code { font-size: .88em; background: var(--bg); padding: 0 .2em; word-break: break-all; }
.state { font-weight: 600; }
.state-active { color: var(--ok); }
.state-awaiting_authorization, .state-awaiting_dns, .state-orphaned { color: var(--warn); }
.state-failed, .state-expired, .state-cancelled { color: var(--bad); }
.check-fail { color: var(--bad); font-weight: 600; }
.check-warn { color: var(--warn); }
.record { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
.record dt { font-weight: 600; }
.record dd { margin: 0; word-break: break-word; }
.notice { padding: .5rem .75rem; border-left: 4px solid var(--ok); background: #edfaef; }
.notice-error { border-color: var(--bad); background: #fcf0f1; }
.pager p { margin: .75rem 0 0; }
fieldset { border: 1px solid var(--line); border-radius: 4px; }
legend { font-weight: 600; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
