#!/usr/bin/env node
// Peer side of the benchmark: Microsoft Recognizers-Text (Chinese) over one
// report, printed as scorer predictions (JSON Lines, UTF-8 byte spans).
// usage: node bench/peer-recognize.js FILE [--repeat N] [--per-line]
// --per-line calls the recognizers once per line instead of once for the whole
// text: the same entities, but Recognizers-Text is far faster on short inputs.
'use strict';
const fs = require('fs');
const path = require('path');

// The package lives in the git-ignored bench/peer/ (see bench/peer-install).
let R;
try {
  R = require(path.join(__dirname, 'peer', 'node_modules', '@microsoft', 'recognizers-text-suite'));
} catch (e) {
  console.error('peer-recognize: Recognizers-Text not installed; run bench/peer-install');
  process.exit(2);
}

const args = process.argv.slice(2);
let file = null, repeat = 1, perLine = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--repeat') repeat = Number(args[++i]);
  else if (args[i] === '--per-line') perLine = true;
  else if (file === null) file = args[i];
  else repeat = NaN;
}
if (file === null || !Number.isInteger(repeat) || repeat < 1) {
  console.error('usage: node bench/peer-recognize.js FILE [--repeat N] [--per-line]');
  process.exit(2);
}

// Every suite recognizer that finds quantities and has a Chinese model.
// Order breaks ties in the overlap resolution below (earlier wins).
const RECOGNIZERS = ['recognizeDimension', 'recognizeCurrency', 'recognizePercentage',
  'recognizeAge', 'recognizeTemperature', 'recognizeNumber', 'recognizeOrdinal'];

const raw = fs.readFileSync(file);
const text = raw.toString('utf8');

function recognizeAll() {
  const out = [];
  if (!perLine) {
    for (const name of RECOGNIZERS)
      for (const e of R[name](text, R.Culture.Chinese)) out.push(e);
    return out;
  }
  // one call per line; entity offsets shifted to the whole text's
  let offset = 0;
  for (const line of text.split('\n')) {
    for (const name of RECOGNIZERS)
      for (const e of R[name](line, R.Culture.Chinese)) { e.start += offset; out.push(e); }
    offset += line.length + 1;
  }
  return out;
}

const times = [];
let entities;
for (let i = 0; i < repeat; i++) {
  const t0 = process.hrtime.bigint();
  entities = recognizeAll();
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}

// Byte offset of every UTF-16 code unit index (and of the end), so spans map
// in O(1). A surrogate pair's 4 bytes are all charged to its first unit.
const byteAt = new Uint32Array(text.length + 1);
for (let i = 0, b = 0; i <= text.length; i++) {
  byteAt[i] = b;
  if (i === text.length) break;
  const c = text.charCodeAt(i);
  if (c < 0x80) b += 1;
  else if (c < 0x800) b += 2;
  else if (c >= 0xd800 && c <= 0xdbff) { b += 4; byteAt[++i] = b; }
  else b += 3;
}

// Resolutions are strings: "807.84亿斤" -> "80784000000" (magnitude multiplied
// out), percentages -> "5%" or "5‰". Anything else (ranges, fractions as text)
// is not a single number and is dropped.
function toPrediction(e) {
  let v = String(e.resolution && e.resolution.value !== undefined ? e.resolution.value : '').trim();
  let unit = (e.resolution && e.resolution.unit) || '';
  const m = /^(.*?)\s*([%‰])$/.exec(v);
  if (m) { v = m[1]; unit = m[2]; }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(v)) return null;
  const value = Number(v);
  if (!Number.isFinite(value)) return null;
  // "end" is inclusive in this library; start + text length is unambiguous.
  const s = e.start, t = e.start + e.text.length;
  // The resolution has the magnitude multiplied out, so it is a base value too.
  return { span_start: byteAt[s], span_end: byteAt[t], value, unit, base_value: value,
    surface: text.slice(s, t), _len: t - s };
}

// Several recognizers report the same stretch ("807.84亿" as number, "807.84亿斤"
// as dimension): keep one per overlapping group, longest first, then with a unit.
const cands = entities.map(toPrediction).filter(Boolean);
const order = cands.map((p, i) => i).sort((a, b) =>
  (cands[b]._len - cands[a]._len) || ((cands[b].unit ? 1 : 0) - (cands[a].unit ? 1 : 0)) || a - b);
const kept = [];
for (const i of order) {
  const p = cands[i];
  if (!kept.some(q => p.span_start < q.span_end && q.span_start < p.span_end)) kept.push(p);
}
kept.sort((a, b) => a.span_start - b.span_start);

const lines = kept.map(({ _len, ...p }) => JSON.stringify(p));
process.stdout.write(lines.length ? lines.join('\n') + '\n' : '');

if (args.includes('--repeat')) {
  const s = times.slice().sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  console.error(`peer: ${repeat} runs, median ${median.toFixed(1)} ms per run ` +
    `(min ${s[0].toFixed(1)}, max ${s[s.length - 1].toFixed(1)}), ${kept.length} entities`);
}
