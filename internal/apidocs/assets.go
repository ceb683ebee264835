package apidocs

// The page template, its stylesheet and its script. Nothing here may reference another origin: the page
// is served with a Content-Security-Policy that allows only these exact inline style and script blocks.

const pageHTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{{.Title}}{{with .Version}} {{.}}{{end}} · API reference</title>
<style>{{css}}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="topbar">
  <div class="brand"><span class="brand-title">{{.Title}}</span>{{with .Version}}<span class="pill">v{{.}}</span>{{end}}{{with .OpenAPI}}<span class="pill pill-dim">OpenAPI {{.}}</span>{{end}}</div>
  <a class="raw" href="{{.SpecURL}}">Download openapi.yaml</a>
</header>
<div class="layout">
<nav class="toc" aria-label="Contents">
  <div class="filter" id="filter-box" hidden>
    <input id="filter" type="search" placeholder="Filter operations…" aria-label="Filter operations" autocomplete="off">
    <div class="filter-actions"><button type="button" id="expand-all">Expand all</button><button type="button" id="collapse-all">Collapse all</button></div>
    <p class="filter-empty" id="filter-empty" hidden>No operation matches.</p>
  </div>
  <ul class="toc-intro">
    <li><a href="#intro">Introduction</a></li>
    <li><a href="#auth">Security and access</a></li>
    {{- if .Problem}}<li><a href="#errors">Error document</a></li>{{end}}
  </ul>
  {{- range .Groups}}
  <div class="toc-group" data-group="{{.ID}}">
    <a class="toc-tag" href="#{{.ID}}">{{.Name}} <span class="count">{{len .Ops}}</span></a>
    <ul>
    {{- range .Ops}}
      <li data-op="{{.Anchor}}" data-search="{{.Search}}"><a href="#{{.Anchor}}" title="{{.Method}} {{.Path}}"><span class="m m-sm {{.MethodClass}}">{{.Method}}</span><span class="toc-label{{if .Deprecated}} deprecated{{end}}">{{if .Summary}}{{.Summary}}{{else}}{{.Path}}{{end}}</span></a></li>
    {{- end}}
    </ul>
  </div>
  {{- end}}
</nav>
<main id="main">
<section id="intro" class="intro">
  <h1>{{.Title}}</h1>
  <p class="meta">{{with .Version}}Version <strong>{{.}}</strong> · {{end}}{{.OpCount}} operations · <a href="{{.SpecURL}}">raw contract (openapi.yaml)</a></p>
  <div class="prose">{{text .Description}}</div>
  {{- with .Servers}}
  <h3>Servers</h3>
  <ul class="servers">{{range .}}<li><code>{{.URL}}</code>{{with .Description}} — {{.}}{{end}}</li>{{end}}</ul>
  {{- end}}
</section>

<section id="auth" class="intro">
  <h2>Security schemes and access levels</h2>
  {{- if .Schemes}}
  <p>Operations that need credentials accept the following security schemes{{with .Default}} (by default: <code>{{.}}</code>){{end}}.</p>
  <table class="grid">
    <thead><tr><th>Scheme</th><th>How to send it</th><th>Description</th></tr></thead>
    <tbody>
    {{- range .Schemes}}
      <tr><td><code>{{.Name}}</code></td><td>{{.Kind}}</td><td class="prose">{{with .Description}}{{text .}}{{else}}<span class="dim">—</span>{{end}}</td></tr>
    {{- end}}
    </tbody>
  </table>
  {{- else}}
  <p>This API declares no security schemes.</p>
  {{- end}}
  <p>Each operation shows the access level it needs:</p>
  <ul class="levels">
  {{- range .Levels}}
    <li><span class="auth auth-{{.Level}}">{{.Level}}</span> {{.Description}} <span class="dim">({{.Count}} operation{{if ne .Count 1}}s{{end}})</span></li>
  {{- end}}
  </ul>
</section>

{{- with .Problem}}
<section id="errors" class="intro">
  <h2>The error document</h2>
  <p>Every error response is an RFC 9457 problem document with media type <code>application/problem+json</code>. Branch on <code>code</code>, a stable machine-readable string; <code>detail</code> is for people, and <code>errors</code> lists field-level problems.</p>
  {{template "schema" .}}
</section>
{{- end}}

{{- range .Groups}}
<section class="group" id="{{.ID}}" data-group="{{.ID}}">
  <h2 class="group-title">{{.Name}}</h2>
  {{with .Description}}<div class="prose group-desc">{{text .}}</div>{{end}}
  {{- range .Ops}}
  <details class="op" id="{{.Anchor}}" data-search="{{.Search}}" open>
    <summary>
      <span class="m {{.MethodClass}}">{{.Method}}</span>
      <code class="path{{if .Deprecated}} deprecated{{end}}">{{pathHTML .Path}}</code>
      <span class="op-summary">{{.Summary}}</span>
      <span class="auth {{.AuthClass}}" title="Access level">{{.Auth}}</span>
    </summary>
    <div class="op-body">
      <p class="op-meta"><a class="anchor" href="#{{.Anchor}}" title="Link to this operation">#</a> operationId <code>{{.ID}}</code>
        {{- if .Deprecated}} · <span class="tag-deprecated">deprecated</span>{{end}}
        {{- with .Security}} · accepts <code>{{.}}</code>{{end}}</p>
      {{with .Description}}<div class="prose">{{text .}}</div>{{end}}

      {{- with .Params}}
      <h4>Parameters</h4>
      {{template "params" .}}
      {{- end}}

      {{- with .Body}}
      <h4>Request body {{if .Required}}<span class="req">required</span>{{else}}<span class="opt">optional</span>{{end}}</h4>
      {{with .Description}}<div class="prose">{{text .}}</div>{{end}}
      {{- range .Contents}}
      <div class="content">
        <p class="ctype"><code>{{.MediaType}}</code>{{with .Schema}} · schema <strong>{{.Name}}</strong>{{end}}</p>
        {{with .Schema}}{{template "schema" .}}{{end}}
        {{template "examples" .Examples}}
      </div>
      {{- end}}
      {{- end}}

      {{- with .Responses}}
      <h4>Responses</h4>
      <table class="grid responses">
        <thead><tr><th>Status</th><th>Description</th><th>Content</th></tr></thead>
        <tbody>
        {{- range .}}
          <tr>
            <td><span class="status {{.StatusClass}}">{{.Status}}</span></td>
            <td class="prose">{{text .Description}}</td>
            <td>{{range .Contents}}<div><code>{{.MediaType}}</code>{{with .Schema}} → <strong>{{.Name}}</strong>{{end}}</div>{{else}}<span class="dim">no body</span>{{end}}</td>
          </tr>
        {{- end}}
        </tbody>
      </table>
      {{- range .}}
      {{- $status := .Status}}
      {{- with .Headers}}
      <p class="sub">Headers of <span class="status">{{$status}}</span></p>
      {{template "params" .}}
      {{- end}}
      {{- if .Success}}
      {{- range .Contents}}
      {{- if or (and .Schema .Schema.Rows) .Examples}}
      <details class="resp">
        <summary><span class="status">{{$status}}</span> <code>{{.MediaType}}</code>{{with .Schema}} · <strong>{{.Name}}</strong>{{end}}{{with .Examples}} · {{len .}} example{{if gt (len .) 1}}s{{end}}{{end}}</summary>
        {{with .Schema}}{{if .Rows}}{{template "schema" .}}{{end}}{{end}}
        {{template "examples" .Examples}}
      </details>
      {{- end}}
      {{- end}}
      {{- end}}
      {{- end}}
      {{- end}}
      {{- $errStatuses := .ErrorStatuses}}
      {{- with .ErrorExamples}}
      <details class="resp">
        <summary>Error examples <span class="dim">({{$errStatuses}})</span></summary>
        {{- range .}}
        <figure class="example">
          <figcaption><span class="status">{{.Status}}</span> <code>{{.MediaType}}</code>{{with .Name}} <code>{{.}}</code>{{end}}{{with .Summary}} — {{.}}{{end}}</figcaption>
          <pre><code>{{.JSON}}</code></pre>
        </figure>
        {{- end}}
      </details>
      {{- end}}
    </div>
  </details>
  {{- end}}
</section>
{{- end}}
<footer class="foot">Rendered from <a href="{{.SpecURL}}">openapi.yaml</a>, the contract every client is generated from.</footer>
</main>
</div>
<script>{{js}}</script>
</body>
</html>
{{define "params"}}<table class="grid params">
  <thead><tr><th>Name</th><th>In</th><th>Type</th><th>Description</th></tr></thead>
  <tbody>
  {{- range .}}
    <tr>
      <td><code class="name{{if .Deprecated}} deprecated{{end}}">{{.Name}}</code>{{if .Required}} <span class="req">required</span>{{end}}</td>
      <td><span class="in">{{.In}}</span></td>
      <td><code class="type">{{.Type}}</code>{{range .Constraints}}<span class="cons">{{.}}</span>{{end}}</td>
      <td class="prose">{{text .Description}}{{with .Example}}<div class="eg">e.g. <code>{{.}}</code></div>{{end}}</td>
    </tr>
  {{- end}}
  </tbody>
</table>{{end}}
{{define "schema"}}{{with .Description}}<div class="prose schema-desc">{{text .}}</div>{{end}}
{{- if .Rows}}
<table class="grid schema">
  <thead><tr><th>Field</th><th>Type</th><th>Required</th><th>Constraints</th><th>Description</th></tr></thead>
  <tbody>
  {{- range .Rows}}
    <tr class="d{{.Depth}}">
      <td class="fname"><span class="indent"></span><code class="name{{if .Deprecated}} deprecated{{end}}">{{.Name}}</code></td>
      <td><code class="type">{{.Type}}</code></td>
      <td>{{if .Required}}<span class="req">required</span>{{else}}<span class="opt">optional</span>{{end}}</td>
      <td>{{range .Constraints}}<span class="cons">{{.}}</span>{{end}}{{with .Note}}<span class="note">{{.}}</span>{{end}}</td>
      <td class="prose">{{text .Description}}{{with .Example}}<div class="eg">e.g. <code>{{.}}</code></div>{{end}}</td>
    </tr>
  {{- end}}
  </tbody>
</table>
{{- else}}{{with .Constraints}}<p>{{range .}}<span class="cons">{{.}}</span>{{end}}</p>{{end}}{{end}}{{end}}
{{define "examples"}}{{range .}}
<figure class="example">
  <figcaption>Example{{with .Name}} <code>{{.}}</code>{{end}}{{with .Summary}} — {{.}}{{end}}</figcaption>
  <pre><code>{{.JSON}}</code></pre>
</figure>{{end}}{{end}}
`

const pageCSS = `
:root{--bg:#f6f7f9;--panel:#fff;--text:#1f2328;--muted:#59636e;--border:#d9dee3;--soft:#eef1f4;
--accent:#9c4a1a;--top:#2b1a10;--code:#f3f1ee;--get:#1f6feb;--post:#1a7f37;--put:#9a6700;--patch:#8250df;
--delete:#cf222e;--other:#57606a;--font:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
--mono:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono",monospace}
@media (prefers-color-scheme:dark){:root{--bg:#0f1115;--panel:#161a20;--text:#e6e8eb;--muted:#9aa4af;
--border:#2c333c;--soft:#1c2128;--accent:#e39a62;--top:#1a100a;--code:#1d2229}}
*{box-sizing:border-box}
html{scroll-padding-top:64px}
body{margin:0;background:var(--bg);color:var(--text);font:15px/1.55 var(--font)}
a{color:var(--accent)}
code,pre{font-family:var(--mono);font-size:.88em}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;z-index:10;background:var(--panel);padding:6px}
.topbar{position:sticky;top:0;z-index:5;display:flex;align-items:center;justify-content:space-between;gap:16px;
padding:10px 24px;background:var(--top);color:#fff;border-bottom:3px solid var(--accent)}
.brand{display:flex;align-items:center;gap:10px;flex-wrap:wrap}
.brand-title{font-weight:700;font-size:17px;letter-spacing:.2px}
.pill{font-size:12px;padding:1px 8px;border-radius:999px;background:rgba(255,255,255,.16)}
.pill-dim{background:rgba(255,255,255,.08);color:#d7cfc9}
.raw{color:#fff;white-space:nowrap;text-decoration:none;font-size:13px;border:1px solid rgba(255,255,255,.35);padding:5px 12px;border-radius:6px}
.raw:hover{background:rgba(255,255,255,.12)}
.layout{display:grid;grid-template-columns:300px minmax(0,1fr);align-items:start}
.toc{position:sticky;top:52px;height:calc(100vh - 52px);overflow:auto;padding:16px 12px 40px 16px;
border-right:1px solid var(--border);background:var(--panel);font-size:13.5px}
.toc ul{list-style:none;margin:0;padding:0}
.toc a{display:flex;align-items:center;gap:8px;padding:3px 6px;border-radius:5px;color:var(--text);text-decoration:none}
.toc a:hover{background:var(--soft)}
.toc-intro{margin-bottom:10px!important;padding-bottom:10px!important;border-bottom:1px solid var(--border)!important}
.toc-group{margin:10px 0 4px}
.toc-tag{font-weight:650;text-transform:capitalize;justify-content:space-between}
.count{font-weight:400;font-size:11px;color:var(--muted);background:var(--soft);border-radius:999px;padding:0 7px}
.toc-label{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.filter input{width:100%;padding:7px 10px;border:1px solid var(--border);border-radius:6px;background:var(--bg);color:var(--text);font:inherit}
.filter-actions{display:flex;gap:6px;margin:6px 0 10px}
.filter-actions button{flex:1;font:inherit;font-size:12px;padding:3px 6px;border:1px solid var(--border);border-radius:5px;background:var(--panel);color:var(--muted);cursor:pointer}
.filter-actions button:hover{color:var(--text);background:var(--soft)}
.filter-empty{color:var(--muted);margin:4px 6px}
main{padding:24px 36px 64px;max-width:1180px;min-width:0}
h1{font-size:30px;margin:0 0 4px}
h2{font-size:22px;margin:0 0 10px}
h3{font-size:16px;margin:18px 0 6px}
h4{font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:20px 0 8px}
.meta{color:var(--muted);margin:0 0 14px}
.intro{background:var(--panel);border:1px solid var(--border);border-radius:10px;padding:20px 24px;margin:0 0 20px}
.prose p{margin:0 0 .6em}.prose>:last-child{margin-bottom:0}
.prose ul,.prose ol{margin:0 0 .7em;padding-left:22px}.prose li{margin:2px 0}
.prose h3.md{font-size:17px;margin:18px 0 6px}.prose h4.md{font-size:15px;text-transform:none;letter-spacing:0;color:var(--text);margin:14px 0 4px}
.prose code,.intro code,.op-meta code,.sub code{background:var(--code);padding:1px 5px;border-radius:4px}
.servers{margin:0;padding-left:20px}
.levels{list-style:none;padding:0;margin:8px 0 0}.levels li{margin:6px 0}
.dim{color:var(--muted)}
.group{margin:34px 0 0}
.group-title{text-transform:capitalize;padding-bottom:6px;border-bottom:2px solid var(--border)}
.group-desc{color:var(--muted);margin-bottom:12px}
.op{background:var(--panel);border:1px solid var(--border);border-radius:10px;margin:12px 0;overflow:hidden}
.op>summary{display:flex;align-items:center;gap:12px;padding:11px 16px;cursor:pointer;list-style:none}
.op>summary::-webkit-details-marker{display:none}
.op>summary::after{content:"\25B8";display:inline-block;margin-left:4px;color:var(--muted);transition:transform .15s}
.op[open]>summary::after{transform:rotate(90deg)}
.op[open]>summary{border-bottom:1px solid var(--border);background:var(--soft)}
.op:target{box-shadow:0 0 0 2px var(--accent)}
.path{font-size:14.5px;font-weight:600;word-break:break-all}
.pp{color:var(--accent)}
.op-summary{color:var(--muted);overflow:hidden;text-overflow:ellipsis}
.op-body{padding:4px 18px 18px}
.op-meta{color:var(--muted);font-size:13px;margin:10px 0}
.anchor{text-decoration:none;font-weight:700;margin-right:4px}
.m{display:inline-block;min-width:64px;text-align:center;font:700 12px/1 var(--mono);letter-spacing:.04em;color:#fff;
padding:6px 8px;border-radius:5px;background:var(--other);flex:none}
.m-sm{min-width:46px;font-size:10px;padding:3px 4px}
.m-get{background:var(--get)}.m-post{background:var(--post)}.m-put{background:var(--put)}
.m-patch{background:var(--patch)}.m-delete{background:var(--delete)}
.auth{display:inline-block;font-size:11.5px;font-weight:650;text-transform:uppercase;letter-spacing:.05em;padding:2px 9px;
border-radius:999px;border:1px solid currentColor;color:var(--other);flex:none}
.auth-public{color:#1a7f37}.auth-user{color:#0969da}.auth-admin{color:#bc4c00}
.op>summary .auth{margin-left:auto}
.deprecated{text-decoration:line-through;opacity:.75}
.tag-deprecated{color:var(--delete);font-weight:600}
.grid{width:100%;border-collapse:collapse;font-size:13.5px;margin:4px 0 8px}
.grid th{text-align:left;font-weight:600;color:var(--muted);font-size:12px;border-bottom:1px solid var(--border);padding:6px 10px;background:var(--soft)}
.grid td{border-bottom:1px solid var(--border);padding:7px 10px;vertical-align:top}
.grid tr:last-child td{border-bottom:0}
.grid .prose p{margin:0 0 .3em}
.name{font-weight:600}
.type{color:var(--accent);white-space:nowrap}
.cons,.note{display:inline-block;font-size:11.5px;background:var(--soft);border:1px solid var(--border);border-radius:4px;padding:0 6px;margin:2px 4px 2px 0;font-family:var(--mono)}
.params .type{margin-right:6px}.responses td:nth-child(3){white-space:nowrap}
.params th:nth-child(3){width:28%}.params th:nth-child(1){width:22%}
.note{font-family:var(--font);font-style:italic;color:var(--muted)}
.eg{font-size:12px;color:var(--muted);margin-top:2px;word-break:break-all}
.grid.md{width:auto;margin:6px 0 12px}.grid.md td,.grid.md th{padding:4px 10px}
.req{font-size:11px;font-weight:650;color:var(--delete)}
.opt{font-size:11px;font-weight:600;color:var(--muted)}
.in{font-size:12px;color:var(--muted)}
.schema td.fname{white-space:nowrap}
.grid code{background:none;padding:0}
.indent{display:inline-block;width:0;text-align:right;color:var(--muted);font-family:var(--mono)}
.d1 .indent{width:18px}.d2 .indent{width:36px}.d3 .indent{width:54px}.d4 .indent{width:72px}
.d5 .indent{width:90px}.d6 .indent{width:108px}.d7 .indent{width:126px}.d8 .indent,.d9 .indent{width:144px}
.schema tr:not(.d0) .indent::after{content:"\2514\00a0"}
.ctype{margin:6px 0}
.content{margin:0 0 10px}
.status{display:inline-block;font:700 12.5px/1.4 var(--mono);padding:1px 7px;border-radius:4px;background:var(--soft)}
.s-2xx{color:#1a7f37}.s-3xx{color:#0969da}.s-4xx{color:#bc4c00}.s-5xx{color:var(--delete)}.s-default{color:var(--muted)}
.resp{border:1px solid var(--border);border-radius:8px;margin:8px 0;padding:0 12px}
.resp>summary{cursor:pointer;padding:8px 0;font-size:13.5px}
.resp[open]>summary{border-bottom:1px solid var(--border);margin-bottom:8px}
.sub{font-size:13px;color:var(--muted);margin:10px 0 4px}
.example{margin:8px 0 12px}
.example figcaption{font-size:12px;color:var(--muted);margin-bottom:4px}
.example pre{margin:0;background:var(--code);border:1px solid var(--border);border-radius:8px;padding:12px 14px;overflow:auto;max-height:420px;line-height:1.45}
.foot{margin-top:40px;color:var(--muted);font-size:13px}
[hidden]{display:none!important}
@media (max-width:860px){.layout{display:block}.toc{position:static;height:auto;border-right:0;border-bottom:1px solid var(--border)}
main{padding:16px}.op>summary{flex-wrap:wrap}.m{min-width:0}}
@media print{.toc,.topbar,.filter{display:none}.layout{display:block}.op{break-inside:avoid}}
`

const pageJS = `
(function () {
  var box = document.getElementById("filter-box"), input = document.getElementById("filter");
  var empty = document.getElementById("filter-empty");
  var ops = Array.prototype.slice.call(document.querySelectorAll("details.op"));
  var links = Array.prototype.slice.call(document.querySelectorAll(".toc li[data-op]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-group]"));
  box.hidden = false;
  function apply() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean), shown = 0;
    function match(el) {
      var s = el.getAttribute("data-search") || "";
      return words.every(function (w) { return s.indexOf(w) >= 0; });
    }
    ops.forEach(function (el) { var ok = match(el); el.hidden = !ok; if (ok) shown++; });
    links.forEach(function (el) { el.hidden = !match(el); });
    groups.forEach(function (g) { g.hidden = !g.querySelector("[data-search]:not([hidden])"); });
    empty.hidden = shown > 0;
  }
  input.addEventListener("input", apply);
  input.addEventListener("keydown", function (e) { if (e.key === "Escape") { input.value = ""; apply(); } });
  function setAll(open) { ops.forEach(function (el) { el.open = open; }); }
  document.getElementById("expand-all").addEventListener("click", function () { setAll(true); });
  document.getElementById("collapse-all").addEventListener("click", function () { setAll(false); });
  function reveal() {
    var el = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (el && el.tagName === "DETAILS") { el.open = true; el.hidden = false; }
  }
  window.addEventListener("hashchange", reveal);
  reveal();
  document.addEventListener("keydown", function (e) {
    if (e.key === "/" && document.activeElement !== input) { e.preventDefault(); input.focus(); }
  });
})();
`
