/**
 * The helpdesk report as one self-contained HTML page (no script, no external file: the machines
 * are offline): summary figures, then charts drawn as inline SVG by hand (cases per week, the
 * categories, the knowledge base's most asked answers and their helpfulness), each with its table
 * beneath, so the figures can be read exactly and by a screen reader. In English or German.
 *
 * Every text that is not ours (partners' unanswered questions, a category or title from the store)
 * is neutralised (src/text/neutralise.ts: bidi and zero-width characters removed, links defused)
 * and HTML-escaped.
 */
import { formatDate, t, type Lang, type StringKey, STRING_TABLES } from '../i18n/index.js';
import { neutralise } from '../text/neutralise.js';
import type { HelpdeskReport } from './helpdeskReport.js';

/** `&`, `<`, `>`, `"` and `'` as entities: safe in text and in quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Someone else's text, as it may appear in the page. */
const foreign = (text: string) => escapeHtml(neutralise(text));

const COLORS = { opened: '#2563eb', resolved: '#16a34a', bar: '#7c3aed', helpful: '#16a34a', grid: '#e5e7eb', text: '#111827', muted: '#6b7280' };

/** A round upper end for an axis from 0 to at least `max` (1, 2, 5, 10, 20, 50, ...). */
function axisMax(max: number): number {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

function has(key: string): key is StringKey {
  return Object.hasOwn(STRING_TABLES.en, key);
}

/** A case category as people read it: a triage category or the flow an escalation came from. */
export function categoryLabel(lang: Lang, category: string): string {
  for (const key of [`triage.cat.${category}`, `case.flow.${category}`]) if (has(key)) return t(lang, key);
  return category;
}

/** A duration as people read it: minutes under an hour, hours under two days, else days. */
export function formatDuration(lang: Lang, ms: number): string {
  const number = new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-US', { maximumFractionDigits: 1 });
  const hours = ms / 3_600_000;
  if (hours < 1) return t(lang, 'report.minutes', { n: number.format(Math.round(ms / 60_000)) });
  if (hours < 48) return t(lang, 'report.hours', { n: number.format(hours) });
  return t(lang, 'report.days', { n: number.format(hours / 24) });
}

/** Opened and resolved per week as grouped vertical bars, each with its count above. */
function weeksChart(lang: Lang, report: HelpdeskReport): string {
  const width = 760;
  const height = 260;
  const left = 40;
  const bottom = 40;
  const top = 20;
  const plotH = height - bottom - top;
  const n = report.weeks.length;
  const slot = (width - left - 10) / Math.max(1, n);
  const bar = Math.min(28, slot / 2.6);
  const max = axisMax(Math.max(0, ...report.weeks.flatMap((w) => [w.opened, w.resolved])));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const parts: string[] = [];
  for (const tick of max % 2 === 0 ? [0, max / 2, max] : [0, max]) {
    parts.push(`<line x1="${left}" x2="${width - 10}" y1="${y(tick)}" y2="${y(tick)}" stroke="${COLORS.grid}"/>`);
    parts.push(`<text x="${left - 6}" y="${y(tick) + 4}" text-anchor="end" font-size="11" fill="${COLORS.muted}">${tick}</text>`);
  }
  report.weeks.forEach((w, i) => {
    const x0 = left + i * slot + slot / 2 - bar;
    for (const [k, value, color] of [
      [0, w.opened, COLORS.opened],
      [1, w.resolved, COLORS.resolved],
    ] as const) {
      const x = x0 + k * bar;
      const label = `${t(lang, 'report.weeks.week', { day: formatDate(lang, w.week) })}: ${value} ${t(lang, k === 0 ? 'report.weeks.opened' : 'report.weeks.resolved')}`;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y(value).toFixed(1)}" width="${(bar - 2).toFixed(1)}" height="${(top + plotH - y(value)).toFixed(1)}" fill="${color}"><title>${escapeHtml(label)}</title></rect>`,
      );
      if (value > 0) parts.push(`<text x="${(x + bar / 2 - 1).toFixed(1)}" y="${(y(value) - 4).toFixed(1)}" text-anchor="middle" font-size="11" fill="${COLORS.text}">${value}</text>`);
    }
    parts.push(
      `<text x="${(left + i * slot + slot / 2).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle" font-size="11" fill="${COLORS.muted}">${escapeHtml(formatDate(lang, w.week))}</text>`,
    );
  });
  const legend = [
    [COLORS.opened, t(lang, 'report.weeks.opened')],
    [COLORS.resolved, t(lang, 'report.weeks.resolved')],
  ]
    .map(([color, text], i) => `<rect x="${left + i * 110}" y="${height - 14}" width="12" height="12" fill="${color}"/><text x="${left + i * 110 + 18}" y="${height - 4}" font-size="12" fill="${COLORS.text}">${escapeHtml(text!)}</text>`)
    .join('');
  return svg(lang, t(lang, 'report.weeks.title'), width, height, parts.join('') + legend);
}

/** Horizontal bars: one row per item, the value at the bar's end. */
function barsChart(lang: Lang, title: string, rows: { label: string; value: number; note?: string }[], color: string): string {
  const width = 760;
  const rowH = 26;
  const labelW = 300;
  const height = rows.length * rowH + 10;
  const max = axisMax(Math.max(0, ...rows.map((r) => r.value)));
  const plotW = width - labelW - 200;
  const parts = rows.map((r, i) => {
    const y = 5 + i * rowH;
    const w = (r.value / max) * plotW;
    const label = r.label.length > 48 ? `${r.label.slice(0, 47)}…` : r.label;
    return (
      `<text x="${labelW - 8}" y="${y + 16}" text-anchor="end" font-size="12" fill="${COLORS.text}">${label}</text>` +
      `<rect x="${labelW}" y="${y + 3}" width="${Math.max(1, w).toFixed(1)}" height="${rowH - 8}" fill="${color}"><title>${label}: ${r.value}</title></rect>` +
      `<text x="${(labelW + w + 6).toFixed(1)}" y="${y + 16}" font-size="12" fill="${COLORS.text}">${r.value}${r.note ? ` · ${r.note}` : ''}</text>`
    );
  });
  return svg(lang, title, width, height, parts.join(''));
}

function svg(lang: Lang, title: string, width: number, height: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(t(lang, 'report.chartLabel', { title }))}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif">${body}</svg>`;
}

function table(cls: string, head: string[], rows: string[][]): string {
  const th = head.map((h) => `<th scope="col">${h}</th>`).join('');
  const trs = rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td>${c}</td>`)).join('')}</tr>`).join('\n');
  return `<table class="${cls}"><thead><tr>${th}</tr></thead><tbody>\n${trs}\n</tbody></table>`;
}

const STYLE = `body{font-family:system-ui,sans-serif;color:#111827;max-width:820px;margin:2rem auto;padding:0 1rem;line-height:1.4}
h1{margin-bottom:.2rem}.muted{color:#6b7280}section{margin:2rem 0}
.tiles{display:flex;flex-wrap:wrap;gap:.8rem;margin:1rem 0}.tile{border:1px solid #e5e7eb;border-radius:8px;padding:.6rem .9rem;min-width:140px}
.tile .v{font-size:1.6rem;font-weight:600}.tile .k{color:#6b7280;font-size:.85rem}
table{border-collapse:collapse;margin-top:.6rem;font-size:.9rem}th,td{border-bottom:1px solid #e5e7eb;padding:.25rem .6rem;text-align:left}
td{text-align:right}svg{max-width:100%;height:auto}`;

export interface HtmlOptions {
  lang: Lang;
  /** When the report was made (from the injectable clock). */
  generatedAt: Date;
  /** Where the data came from (a data directory, a storage account), for the footer. */
  source: string;
}

/** The report as a complete HTML document. */
export function reportHtml(report: HelpdeskReport, options: HtmlOptions): string {
  const { lang } = options;
  const tr = (key: StringKey, params?: Record<string, string | number>) => escapeHtml(t(lang, key, params));
  const none = tr('report.none');
  const { resolution, knowledge } = report;
  const duration = (ms: number | null) => (ms === null ? none : escapeHtml(formatDuration(lang, ms)));
  const totals = knowledge.totals;
  const tiles: [string, string, string][] = [
    ['opened', tr('report.summary.opened'), String(report.opened)],
    ['resolved', tr('report.summary.resolved'), String(report.resolved)],
    ['open', tr('report.summary.open'), String(report.openAtEnd)],
    ['median', tr('report.summary.median'), duration(resolution.medianMs)],
    ['p90', tr('report.summary.p90'), duration(resolution.p90Ms)],
    ['helpful', tr('report.summary.helpful'), totals.helpfulPercent === null ? none : `${totals.helpfulPercent}&#160;%`],
  ];

  const weeks = `<section id="weeks"><h2>${tr('report.weeks.title')}</h2>${weeksChart(lang, report)}
${table(
  'weeks',
  ['', tr('report.weeks.opened'), tr('report.weeks.resolved')],
  report.weeks.map((w) => [tr('report.weeks.week', { day: formatDate(lang, w.week) }), String(w.opened), String(w.resolved)]),
)}</section>`;

  const resolutionText = (
    resolution.count === 0
      ? tr('report.resolution.none')
      : tr('report.resolution.text', { n: resolution.count, median: formatDuration(lang, resolution.medianMs!), p90: formatDuration(lang, resolution.p90Ms!) })
  ).replace(/\.\.$/, '.'); // a sentence ending in an abbreviated unit ("3 Std.") takes no second full stop
  const resolutionSection = `<section id="resolution"><h2>${tr('report.resolution.title')}</h2><p>${resolutionText}</p></section>`;

  const categoryRows = report.categories.map((c) => ({ label: foreign(categoryLabel(lang, c.category)), value: c.count }));
  const categories = `<section id="categories"><h2>${tr('report.categories.title')}</h2>${
    categoryRows.length === 0
      ? `<p>${tr('report.categories.none')}</p>`
      : `${barsChart(lang, t(lang, 'report.categories.title'), categoryRows, COLORS.bar)}
${table('categories', [tr('report.categories.category'), tr('report.count')], categoryRows.map((r) => [r.label, String(r.value)]))}`
  }</section>`;

  const asked = knowledge.entries.filter((e) => e.asks > 0).slice(0, report.top);
  const helpfulNote = (p: number | null) => (p === null ? tr('report.kb.noFeedback') : `${p}&#160;%`);
  const entryRows = asked.map((e) => ({ label: foreign(e.title), value: e.asks, note: helpfulNote(e.helpfulPercent) }));
  const unanswered = knowledge.unanswered.map((q) => [foreign(q.question), String(q.count)]);
  const kbBody =
    totals.events === 0
      ? `<p>${tr('report.kb.none')}</p>`
      : `<p>${tr('report.kb.text', { asks: totals.asks, unanswered: totals.unanswered, feedback: totals.helpful + totals.notHelpful, helpful: totals.helpful })}</p>
${entryRows.length > 0 ? `<h3>${tr('report.kb.entries')}</h3>${barsChart(lang, t(lang, 'report.kb.entries'), entryRows, COLORS.opened)}
${table('kb-entries', [tr('report.kb.entry'), tr('report.kb.asks'), tr('report.kb.helpful')], entryRows.map((r) => [r.label, String(r.value), r.note]))}` : ''}
<h3>${tr('report.kb.unanswered')}</h3>${
          unanswered.length === 0 ? `<p>${tr('report.kb.noneUnanswered')}</p>` : table('kb-unanswered', [tr('report.kb.question'), tr('report.kb.times')], unanswered)
        }`;
  const kb = `<section id="knowledge"><h2>${tr('report.kb.title')}</h2>${kbBody}</section>`;

  const period = tr('report.period', { from: formatDate(lang, report.period.from), to: formatDate(lang, report.period.to) });
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${tr('report.title')}: ${period}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${tr('report.title')}</h1>
<p class="muted period">${period}</p>
<div class="tiles">${tiles.map(([id, k, v]) => `<div class="tile" id="tile-${id}"><div class="v">${v}</div><div class="k">${k}</div></div>`).join('')}</div>
${weeks}
${resolutionSection}
${categories}
${kb}
<p class="muted">${tr('report.generated', { at: `${formatDate(lang, options.generatedAt.toISOString().slice(0, 10))} ${options.generatedAt.toISOString().slice(11, 16)} UTC`, source: options.source })}</p>
</body>
</html>
`;
}
