// The statistics the CSIRT reports (docs/reports.md): a period of days (kept in the URL), its figures as tables and
// charts, the same as CSV and JSON files, and a printable view for the six-monthly report.
import { html, render, nothing, chartLibrary } from './lib.js';
import {
    start,
    api,
    main,
    params,
    setParams,
    shortcuts,
    showProblem,
    toast,
    when,
    empty,
    now,
    followApplicationClock
} from './desk.js';

await start({ title: 'Reports', nav: 'reports', roles: ['csirt', 'coordinator', 'omb'] });
// The default period ends on the application's today, which an exercise moves ahead of the browser's.
await followApplicationClock();

const charts = [];
let report = null;
let loading = false;

/** A day as YYYY-MM-DD in the browser's calendar (the server counts days in the CSIRT's zone). */
function day(date) {
    return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** The six months that end today, as the server's default: from the day after today, six months back. */
function lastSixMonths() {
    const today = now();
    const from = new Date(today.getFullYear(), today.getMonth() - 6, today.getDate() + 1);
    return { from: day(from), to: day(today) };
}

function halfYear(year, second) {
    return second ? { from: `${year}-07-01`, to: `${year}-12-31` } : { from: `${year}-01-01`, to: `${year}-06-30` };
}

const presets = (() => {
    const year = now().getFullYear();
    return [
        { label: 'Last six months', period: lastSixMonths() },
        { label: `First half ${year}`, period: halfYear(year, false) },
        { label: `Second half ${year - 1}`, period: halfYear(year - 1, true) },
        { label: `First half ${year - 1}`, period: halfYear(year - 1, false) },
        { label: `Year ${year - 1}`, period: { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` } }
    ];
})();

function period() {
    const chosen = params();
    const fallback = lastSixMonths();
    return { from: chosen.from || fallback.from, to: chosen.to || fallback.to };
}

function query({ from, to }) {
    return new URLSearchParams({ from, to }).toString();
}

async function load() {
    const chosen = period();
    setParams(chosen);
    loading = true;
    draw();
    try {
        report = await api(`/api/reports/activity?${query(chosen)}`);
    } catch (e) {
        report = null;
        showProblem(e);
    } finally {
        loading = false;
    }
    draw();
    await drawCharts();
}

function choose(event) {
    event.preventDefault();
    const form = event.target.closest('form');
    const from = form.elements.from.value;
    const to = form.elements.to.value;
    if (!from || !to) {
        toast('Give both days of the period.', 'error');
        return;
    }
    setParams({ from, to });
    load();
}

function preset(chosen) {
    setParams(chosen);
    load();
}

const number = value => (value === null || value === undefined ? '–' : value.toLocaleString());
const workingDays = value => (value === null || value === undefined ? '–' : value.toFixed(2));

function chooser() {
    const chosen = period();
    return html`<form class="filters no-print" @submit=${choose}>
        <label>From <input type="date" name="from" .value=${chosen.from} required></label>
        <label>To <input type="date" name="to" .value=${chosen.to} required></label>
        <button type="submit" ?disabled=${loading}>${loading ? 'Counting…' : 'Show'}</button>
        ${presets.map(p => html`<button type="button" class="secondary" ?disabled=${loading} @click=${() => preset(p.period)}>${p.label}</button>`)}
    </form>`;
}

function downloads() {
    const q = query(period());
    return html`<div class="actions no-print">
        <a class="button secondary" href=${`/api/reports/activity.csv?${q}`} download>Download CSV</a>
        <a class="button secondary" href=${`/api/reports/activity.json?${q}`} download>Download JSON</a>
        <button type="button" class="secondary" @click=${() => window.print()} title="p">Print the report</button>
    </div>`;
}

function summary(r) {
    const all = r.queues.find(q => q.queue === 'all');
    const facts = [
        ['Tickets handled', all.handled, `${number(all.created)} new, ${number(all.olderUpdated)} older ones updated`],
        ['Tickets resolved', all.resolved, 'closed in the period'],
        ['Security incidents', r.incidents.count, `${number(r.incidents.sitesInvolved)} sites involved`],
        ['Campaigns', r.campaigns.count, 'critical vulnerabilities (SEC03)'],
        ['Vulnerability cases', r.vulnerabilityCases.cases, `in ${number(r.vulnerabilityCases.campaigns)} campaigns`],
        ['Suspensions', r.suspensions.decided, `${number(r.suspensions.carriedOut)} carried out in GOCDB`],
        ['Final warnings', r.finalWarnings.sites, `sites (${number(r.finalWarnings.cases)} cases)`],
        ['Messages sent', r.messagesSent.total, 'by the outbox'],
        [
            'First response',
            all.firstResponse.median,
            `median working days; 90 % within ${workingDays(all.firstResponse.p90)}`,
            true
        ]
    ];
    return html`<div class="report-summary">${facts.map(
        ([label, value, note, days]) => html`<div class="card">
        <div class="muted">${label}</div><div class="figure">${days ? workingDays(value) : number(value)}</div>
        <div class="muted">${note}</div></div>`
    )}</div>`;
}

function queueTable(r) {
    return html`<h2>Tickets per queue</h2>
    <table class="list report-table">
        <thead><tr><th>Queue</th><th class="num">New</th><th class="num">Older, updated</th><th class="num">Handled</th>
            <th class="num">Resolved</th><th class="num">Awaiting first response</th>
            <th class="num">First response: median</th><th class="num">90th pct.</th>
            <th class="num">Resolution: median</th><th class="num">90th pct.</th></tr></thead>
        <tbody>${r.queues.map(
            q => html`<tr class=${q.queue === 'all' ? 'total' : ''}>
            <td>${q.queue === 'all' ? q.name : html`<a href=${`/desk/queues.html?queue=${q.queue}`}>${q.name}</a>`}</td>
            <td class="num">${number(q.created)}</td><td class="num">${number(q.olderUpdated)}</td>
            <td class="num">${number(q.handled)}</td><td class="num">${number(q.resolved)}</td>
            <td class="num">${number(q.awaitingFirstResponse)}</td>
            <td class="num" title=${q.firstResponse ? `${q.firstResponse.count} tickets` : 'nobody waits for an answer'}>${workingDays(q.firstResponse?.median)}</td>
            <td class="num">${workingDays(q.firstResponse?.p90)}</td>
            <td class="num" title=${`${q.resolution.count} tickets`}>${workingDays(q.resolution.median)}</td>
            <td class="num">${workingDays(q.resolution.p90)}</td></tr>`
        )}</tbody>
    </table>
    <p class="muted">Times in working days (Monday to Friday, less the CSIRT's public holidays and closure days, in
        ${r.timeZone}). First response: the CSIRT's first correspondence on a ticket created in the period; resolution:
        from creation to the last time the ticket was closed in the period. Incidents and Countermeasures answer no
        requestor: they have no first response, and the row of all queues counts it over the other two.</p>
    <h3>First response per month</h3>
    <table class="list report-table"><thead><tr><th>Month</th><th class="num">New</th><th class="num">Awaiting</th>
        <th class="num">Median</th><th class="num">90th pct.</th></tr></thead>
        <tbody>${r.firstResponseByMonth.map(
            m => html`<tr><td>${m.month}</td><td class="num">${number(m.created)}</td>
            <td class="num">${number(m.awaitingFirstResponse)}</td>
            <td class="num">${workingDays(m.firstResponse.median)}</td><td class="num">${workingDays(m.firstResponse.p90)}</td></tr>`
        )}</tbody></table>`;
}

function incidentTable(r) {
    return html`<h2>Security incidents <span class="count">${r.incidents.count}</span></h2>
    ${
        r.incidents.items.length === 0
            ? empty('No incident opened in this period', 'Choose a longer period to see earlier incidents.')
            : html`
    <table class="list report-table"><thead><tr><th>#</th><th>Tag</th><th>Subject</th><th>Sites</th><th>Status</th><th>Opened</th></tr></thead>
        <tbody>${r.incidents.items.map(
            i => html`<tr><td><a href=${`/desk/ticket.html?id=${i.id}`}>${i.id}</a></td><td>${i.tag ?? ''}</td>
            <td>${i.subject}</td><td>${i.sites.join(', ')}</td><td>${i.status}</td><td>${when(i.createdAt)}</td></tr>`
        )}</tbody></table>`
    }
    <h2>Campaigns <span class="count">${r.campaigns.count}</span></h2>
    ${
        r.campaigns.items.length === 0
            ? empty('No campaign created in this period')
            : html`
    <table class="list report-table"><thead><tr><th>Campaign</th><th>Vulnerabilities</th><th class="num">Cases</th><th>State</th><th>Created</th></tr></thead>
        <tbody>${r.campaigns.items.map(
            c => html`<tr><td><a href=${`/desk/campaign.html?id=${c.id}`}>${c.title}</a></td><td>${c.vulnerabilities}</td>
            <td class="num">${number(c.cases)}</td><td>${c.state}</td><td>${when(c.createdAt)}</td></tr>`
        )}</tbody></table>`
    }`;
}

function caseTable(r) {
    const cases = r.vulnerabilityCases;
    return html`<h2>Vulnerability cases per CVE <span class="count">${cases.cases}</span></h2>
    ${
        cases.byVulnerability.length === 0
            ? empty('No vulnerability case opened in this period', 'Cases come from campaigns: see Campaigns.')
            : html`
    <div class="columns"><table class="list report-table"><thead><tr><th>Vulnerability</th><th class="num">Cases</th><th class="num">Campaigns</th>
        <th class="num">Resolved</th><th class="num">Suspended</th><th class="num">Open</th></tr></thead>
        <tbody>${cases.byVulnerability.map(
            v => html`<tr><td>${v.vulnerability}</td><td class="num">${number(v.cases)}</td>
            <td class="num">${number(v.campaigns)}</td><td class="num">${number(v.resolved)}</td>
            <td class="num">${number(v.suspended)}</td><td class="num">${number(v.open)}</td></tr>`
        )}
        <tr class="total"><td>All cases (a case of a campaign with two CVEs counts once)</td><td class="num">${number(cases.cases)}</td>
            <td class="num">${number(cases.campaigns)}</td><td class="num">${number(cases.resolved)}</td>
            <td class="num">${number(cases.suspended)}</td><td class="num">${number(cases.open)}</td></tr></tbody></table>
        <div class="chart"><canvas id="chart-cves" aria-label="Cases per CVE"></canvas></div></div>`
    }`;
}

function suspensionTable(r) {
    const s = r.suspensions;
    return html`<h2>Suspensions <span class="count">${s.decided}</span></h2>
    ${
        s.items.length === 0
            ? empty('No suspension decided in this period')
            : html`
    <table class="list report-table"><thead><tr><th>Site</th><th>Campaign</th><th>Reason</th><th>Decided</th><th>Suspended in GOCDB</th><th>State now</th></tr></thead>
        <tbody>${s.items.map(
            x => html`<tr><td><a href=${`/desk/site.html?name=${encodeURIComponent(x.site)}`}>${x.site}</a></td>
            <td><a href=${`/desk/campaign.html?id=${x.campaignId}`}>${x.campaign}</a><div class="muted">${x.vulnerabilities}</div></td>
            <td>${x.reason}</td><td>${when(x.decidedAt)}</td><td>${x.suspendedAt ? when(x.suspendedAt) : html`<span class="muted">not carried out</span>`}</td>
            <td>${x.state}</td></tr>`
        )}</tbody></table>`
    }`;
}

function siteSuspensionTable(r) {
    const s = r.siteSuspensions;
    return html`<h2>Sites suspended in GOCDB <span class="count">${s.count}</span></h2>
    <table class="list report-table"><thead><tr><th>Reason</th><th class="num">Suspensions</th><th class="num">Ended</th>
        <th class="num">Median days</th><th class="num">Longest</th></tr></thead>
        <tbody>${s.byReason.map(
            b => html`<tr><td>${b.reason}</td><td class="num">${number(b.count)}</td><td class="num">${number(b.ended)}</td>
            <td class="num">${workingDays(b.medianDays)}</td><td class="num">${workingDays(b.longestDays)}</td></tr>`
        )}</tbody></table>
    ${
        s.items.length === 0
            ? ''
            : html`<table class="list report-table"><thead><tr><th>Site</th><th>Reason</th><th>Why</th><th>Suspended</th><th>Ended</th><th class="num">Days</th></tr></thead>
        <tbody>${s.items.map(
            x => html`<tr><td><a href=${`/desk/site.html?name=${encodeURIComponent(x.site)}`}>${x.site}</a></td>
            <td>${x.reason}</td><td>${x.why}</td><td>${when(x.suspendedAt)}</td>
            <td>${x.endedAt ? when(x.endedAt) : html`<span class="muted">in force</span>`}</td><td class="num">${workingDays(x.days)}</td></tr>`
        )}</tbody></table>`
    }
    <p class="muted">Durations in calendar days, to the site's next status change in GOCDB or, while in force, to now.</p>`;
}

function messageTable(r) {
    const m = r.messagesSent;
    return html`<h2>Messages sent <span class="count">${m.total}</span></h2>
    ${
        m.byKind.length === 0
            ? empty('No message went out in this period', 'Messages wait in the outbox while no SMTP server is set.')
            : html`
    <table class="list report-table"><thead><tr><th>Kind (letter)</th><th class="num">Sent</th></tr></thead>
        <tbody>${m.byKind.map(k => html`<tr><td>${k.kind}</td><td class="num">${number(k.sent)}</td></tr>`)}</tbody></table>`
    }`;
}

function warningTable(r) {
    const w = r.finalWarnings;
    return html`<h2>Sites that needed the final warning <span class="count">${w.sites}</span></h2>
    ${
        w.items.length === 0
            ? empty('No final warning went out in this period')
            : html`
    <table class="list report-table"><thead><tr><th>Site</th><th>Campaign</th><th>Final warning</th></tr></thead>
        <tbody>${w.items.map(
            x => html`<tr><td><a href=${`/desk/site.html?name=${encodeURIComponent(x.site)}`}>${x.site}</a></td>
            <td><a href=${`/desk/campaign.html?id=${x.campaignId}`}>${x.campaign}</a> <span class="muted">${x.vulnerabilities}</span></td>
            <td>${when(x.finalWarningAt)}</td></tr>`
        )}</tbody></table>`
    }`;
}

function draw() {
    const r = report;
    render(
        html`${chooser()}
        ${
            r
                ? html`
            <p class="report-period">Activity from <strong>${r.from}</strong> to <strong>${r.to}</strong> (both included,
                ${r.timeZone}) <span class="muted">· counted ${when(r.generatedAt)}</span></p>
            ${downloads()}
            ${summary(r)}
            ${queueTable(r)}
            <div class="report-charts">
                <div><h3>Tickets per queue</h3><div class="chart"><canvas id="chart-queues" aria-label="Tickets per queue"></canvas></div></div>
                <div><h3>Time to first response and to resolution</h3><div class="chart"><canvas id="chart-times" aria-label="Response time distribution"></canvas></div></div>
            </div>
            ${incidentTable(r)}
            ${caseTable(r)}
            ${suspensionTable(r)}
            ${siteSuspensionTable(r)}
            ${warningTable(r)}
            ${messageTable(r)}`
                : loading
                  ? html`<p class="muted">Counting the period's history…</p>`
                  : empty('No report to show', 'Choose a period above and press Show.')
        }`,
        main()
    );
}

async function drawCharts() {
    charts.splice(0).forEach(chart => chart.destroy());
    if (!report) return;
    let Chart;
    try {
        Chart = await chartLibrary();
    } catch (e) {
        showProblem(e);
        return;
    }
    const queues = report.queues.filter(q => q.queue !== 'all');
    // A new object for each chart: Chart.js writes the scales it resolves into the options it is given, and the
    // CVE chart (bars across) given the vertical charts' scales drew nothing.
    const options = () => ({ responsive: true, maintainAspectRatio: false, animation: false });
    const canvas = id => document.getElementById(id);
    if (canvas('chart-queues')) {
        charts.push(
            new Chart(canvas('chart-queues'), {
                type: 'bar',
                options: options(),
                data: {
                    labels: queues.map(q => q.name),
                    datasets: [
                        { label: 'New', data: queues.map(q => q.created), backgroundColor: '#0b5cad' },
                        { label: 'Older, updated', data: queues.map(q => q.olderUpdated), backgroundColor: '#7fa7d1' },
                        { label: 'Resolved', data: queues.map(q => q.resolved), backgroundColor: '#1f7a3a' }
                    ]
                }
            })
        );
    }
    if (canvas('chart-times')) {
        const all = report.queues.find(q => q.queue === 'all');
        const label = b => (b.below == null ? `${b.from}+ wd` : `${b.from}–${b.below} wd`);
        charts.push(
            new Chart(canvas('chart-times'), {
                type: 'bar',
                options: options(),
                data: {
                    labels: all.firstResponse.buckets.map(label),
                    datasets: [
                        {
                            label: 'First response (tickets)',
                            data: all.firstResponse.buckets.map(b => b.count),
                            backgroundColor: '#0b5cad'
                        },
                        {
                            label: 'Resolution (tickets)',
                            data: all.resolution.buckets.map(b => b.count),
                            backgroundColor: '#1f7a3a'
                        }
                    ]
                }
            })
        );
    }
    if (canvas('chart-cves')) {
        const top = report.vulnerabilityCases.byVulnerability.slice(0, 15);
        charts.push(
            new Chart(canvas('chart-cves'), {
                type: 'bar',
                options: { ...options(), indexAxis: 'y' },
                data: {
                    labels: top.map(v => v.vulnerability),
                    datasets: [{ label: 'Cases', data: top.map(v => v.cases), backgroundColor: '#9a5b00' }]
                }
            })
        );
    }
}

shortcuts({
    p: { help: 'print the report', run: () => window.print() },
    d: {
        help: 'download the report as CSV',
        run: () => location.assign(`/api/reports/activity.csv?${query(period())}`)
    },
    '/': { help: 'choose the period', run: () => document.querySelector('input[name=from]')?.focus() }
});

// Charts drawn for the screen are redrawn at the paper's width when printing.
window.addEventListener('beforeprint', () => charts.forEach(chart => chart.resize()));

load();
