// The inspector page's stylesheet, as text (hashed into the page's Content-Security-Policy).
export const inspectorStyle = `
:root { font: 13px/1.4 system-ui, sans-serif; color: #1d2330; background: #f6f7f9; }
body { margin: 0; }
header { display: flex; gap: 1rem; align-items: baseline; padding: .6rem 1rem; background: #1d2330; color: #fff; }
header h1 { font-size: 15px; margin: 0; }
#note { color: #ffb4a8; }
form { display: flex; gap: 1rem; padding: .5rem 1rem; border-bottom: 1px solid #dde1e7; background: #fff; }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); height: calc(100vh - 90px); }
.list { overflow: auto; border-right: 1px solid #dde1e7; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #eceef2; white-space: nowrap; }
th { position: sticky; top: 0; background: #eef0f4; font-weight: 600; }
tr { cursor: pointer; }
tr.refused td.status, tr.refused td.code { color: #b42318; font-weight: 600; }
tr.ok td.status { color: #067647; font-weight: 600; }
tr.selected { background: #e4ecff; }
td.time, td.ws { color: #5b6475; font-variant-numeric: tabular-nums; }
.detail { overflow: auto; padding: 1rem; }
.head { display: flex; flex-direction: column; gap: .2rem; padding: .6rem .8rem; border-radius: 6px; }
.head.refused { background: #fef3f2; border: 1px solid #fda29b; }
.head.ok { background: #ecfdf3; border: 1px solid #75e0a7; }
.head .big { font-size: 18px; font-weight: 700; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .8rem; margin: .8rem 0; }
.facts dt { color: #5b6475; }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.scopes { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; }
.scopes .label { color: #5b6475; margin-right: .3rem; }
.scope { padding: .1rem .5rem; border-radius: 999px; border: 1px solid #c9ced8; }
.scope.held { background: #ecfdf3; border-color: #75e0a7; }
.scope.missing { background: #fef3f2; border-color: #f04438; color: #b42318; font-weight: 600; }
h2 { font-size: 14px; margin: 1rem 0 .4rem; }
.chain { list-style: none; margin: 0; padding: 0; }
.step { position: relative; display: grid; grid-template-columns: 1.6rem 9rem 1fr auto; align-items: start; gap: .5rem; padding: .45rem .6rem; margin-left: .8rem; border-left: 3px solid #c9ced8; }
.step.pass { border-left-color: #17b26a; }
.step.skip { border-left-color: #c9ced8; color: #5b6475; }
.step.fail { border-left-color: #f04438; background: #fef3f2; }
.step.deciding { font-weight: 600; box-shadow: inset 0 0 0 1px #98a2b3; border-radius: 0 6px 6px 0; }
.step .mark { font-size: 15px; text-align: center; }
.step.pass .mark { color: #17b26a; }
.step.fail .mark { color: #f04438; }
.step .check { font-family: ui-monospace, monospace; }
.step .why { overflow-wrap: anywhere; font-weight: 400; }
.step .tag { font-size: 11px; padding: .05rem .4rem; border-radius: 4px; background: #1d2330; color: #fff; }
`;
