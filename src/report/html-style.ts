// The HTML report's only stylesheet, inlined: the file must open offline, attached to a ticket, with no asset to fetch.
export const HTML_CSS = `
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #ffffff; --panel: #f6f8fa;
  --red: #b3261e; --red-bg: #fdecea; --green: #1a7f37; --green-bg: #e6f4ea; --amber: #8a5a00; --amber-bg: #fff4d6;
  --grey-bg: #eef1f4; --blue: #0b5cad; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 15px/1.5 -apple-system, "Segoe UI", "Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 28px 48px; }
header.report { border-bottom: 1px solid var(--line); padding-bottom: 16px; margin-bottom: 8px; }
h1 { font-size: 24px; margin: 0 0 6px; }
h2 { font-size: 19px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 0; }
p { margin: 6px 0; }
code, pre, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 13px; }
pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; margin: 6px 0;
  white-space: pre-wrap; overflow-wrap: anywhere; }
.banner { display: inline-block; font-weight: 600; padding: 4px 12px; border-radius: 999px; margin: 4px 0 12px; }
.banner.bad { background: var(--red-bg); color: var(--red); }
.banner.good { background: var(--green-bg); color: var(--green); }
.banner.warn { background: var(--amber-bg); color: var(--amber); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; }
th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--line); }
th { background: var(--panel); font-weight: 600; font-size: 13px; color: var(--muted); }
td.num, th.num { text-align: right; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
td.url { overflow-wrap: anywhere; }
.pill { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 13px; font-weight: 600; white-space: nowrap; }
.pill.ready, .pill.passed, .pill.deleted, .pill.gone, .pill.s2 { background: var(--green-bg); color: var(--green); }
.pill.not-ready, .pill.failed, .pill.errored, .pill.s5, .pill.s0 { background: var(--red-bg); color: var(--red); }
.pill.unsupported, .pill.not-checked, .pill.skipped, .pill.s1, .pill.s3 { background: var(--grey-bg); color: var(--muted); }
.pill.fallback, .pill.not-run, .pill.s4, .pill.warning { background: var(--amber-bg); color: var(--amber); }
.card { border: 1px solid var(--line); border-left: 4px solid var(--red); border-radius: 6px; padding: 12px 16px; margin: 12px 0; }
.card.warning { border-left-color: #d4a72c; }
.card .where { color: var(--muted); font-size: 13px; }
.check { margin: 10px 0 0; }
.check .what { font-weight: 600; }
.check .expect { margin: 2px 0; }
.check > p.line { display: grid; grid-template-columns: 4.5em 1fr; }
.label { color: var(--muted); }
.hint { color: var(--blue); }
details { margin: 8px 0 0; }
details > summary { cursor: pointer; color: var(--blue); font-size: 14px; }
.exchange h4 { margin: 10px 0 2px; font-size: 13px; color: var(--muted); font-weight: 600; }
.note { color: var(--muted); font-size: 13px; }
.notice { background: var(--amber-bg); border: 1px solid #e7c76a; border-radius: 6px; padding: 8px 12px; margin: 6px 0; }
.empty { color: var(--muted); font-style: italic; }
.ctl { background: var(--red-bg); color: var(--red); border-radius: 3px; padding: 0 2px; }
footer { margin-top: 40px; color: var(--muted); font-size: 13px; border-top: 1px solid var(--line); padding-top: 10px; }
`;
