// SEC01's incidents: the list with its filters kept in the URL (state, stalled, coordinator), and the Incident
// Reports waiting for triage, each with the way to its triage. j/k move, o or Enter open.
import { html, render, nothing, live } from './lib.js';
import {
    start,
    api,
    main,
    params,
    setParams,
    shortcuts,
    showProblem,
    when,
    ago,
    empty,
    followApplicationClock
} from './desk.js';

const STATES = [
    ['open', 'Open'],
    ['resolved', 'Resolved'],
    ['abandoned', 'Abandoned'],
    ['any', 'Any']
];

const state = {
    tab: 'incidents',
    incidents: null,
    reports: null,
    selected: 0,
    loading: false,
    filter: { status: 'open', stalled: '', coordinator: '' }
};
const initial = params();
state.tab = initial.tab === 'reports' ? 'reports' : 'incidents';
Object.assign(state.filter, Object.fromEntries(Object.entries(initial).filter(([k]) => k in state.filter)));
state.filter.status ||= 'open';

await start({ title: 'Incidents', nav: 'incidents', roles: ['csirt', 'coordinator'] });
await followApplicationClock();

shortcuts({
    j: { help: 'next row', run: () => move(1) },
    k: { help: 'previous row', run: () => move(-1) },
    o: { help: 'open the selected row', run: open },
    Enter: { help: 'open the selected row', run: open },
    t: {
        help: 'switch between incidents and reports to triage',
        run: () => switchTab(state.tab === 'reports' ? 'incidents' : 'reports')
    }
});

await Promise.all([loadIncidents(), loadReports()]);

function incidentsQuery() {
    const f = state.filter;
    const q = new URLSearchParams({ size: 500 });
    if (f.status && f.status !== 'any') q.set('status', f.status);
    if (f.stalled) q.set('stalled', f.stalled === 'yes' ? 'true' : 'false');
    if (f.coordinator) q.set('coordinator', f.coordinator);
    return q;
}

async function loadIncidents() {
    state.loading = true;
    draw();
    try {
        state.incidents = await api('/api/incidents?' + incidentsQuery());
        state.selected = Math.min(state.selected, Math.max(0, state.incidents.length - 1));
    } catch (e) {
        showProblem(e);
    } finally {
        state.loading = false;
        draw();
    }
}

/** Reports new or open; those that joined no incident yet are the ones waiting, so they come first. */
async function loadReports() {
    try {
        const page = await api('/api/tickets?queue=incident-reports&status=new,open&sort=-id&size=200');
        state.reports = [...page.items].sort((a, b) => (a.incidents.length > 0) - (b.incidents.length > 0));
    } catch (e) {
        showProblem(e);
    }
    draw();
}

function waiting() {
    return (state.reports ?? []).filter(report => report.incidents.length === 0).length;
}

function rows() {
    return (state.tab === 'reports' ? state.reports : state.incidents) ?? [];
}

function move(by) {
    const items = rows();
    if (!items.length) return;
    state.selected = Math.max(0, Math.min(items.length - 1, state.selected + by));
    draw();
    document.querySelector('tr.selected')?.scrollIntoView({ block: 'nearest' });
}

function open() {
    const item = rows()[state.selected];
    if (!item) return;
    location.assign(
        state.tab === 'reports' ? `/desk/triage.html?report=${item.id}` : `/desk/incident.html?id=${item.id}`
    );
}

function switchTab(tab) {
    state.tab = tab;
    state.selected = 0;
    keepInUrl();
    draw();
}

function choose(change) {
    Object.assign(state.filter, change);
    state.selected = 0;
    keepInUrl();
    loadIncidents();
}

function keepInUrl() {
    setParams({
        ...(state.tab === 'reports' ? { tab: 'reports' } : {}),
        ...state.filter,
        status: state.filter.status === 'open' ? '' : state.filter.status
    });
}

function tlp(label) {
    return html`<span class="tlp ${label.toLowerCase()}">TLP:${label}</span>`;
}

function tabs() {
    const tab = (id, label, count) => html`<a href="?tab=${id}" class=${state.tab === id ? 'active' : ''} data-tab=${id}
        @click=${event => {
            event.preventDefault();
            switchTab(id);
        }}>${label} ${count === undefined ? nothing : html`<span class="count">${count}</span>`}</a>`;
    return html`<nav class="tabs" aria-label="Incidents or reports">
        ${tab('incidents', 'Incidents', state.incidents?.length)}
        ${tab('reports', 'Reports to triage', state.reports ? waiting() : undefined)}</nav>`;
}

function filters() {
    const f = state.filter;
    const coordinators = [
        ...new Set((state.incidents ?? []).map(incident => incident.coordinator).filter(Boolean))
    ].sort();
    return html`<form class="filters" @submit=${event => event.preventDefault()}>
        <label>State<select name="status" @change=${event => choose({ status: event.target.value })}>
            ${STATES.map(([value, label]) => html`<option value=${value} ?selected=${(f.status || 'open') === value}>${label}</option>`)}
        </select></label>
        <label>Stalled<select name="stalled" @change=${event => choose({ stalled: event.target.value })}>
            <option value="" ?selected=${!f.stalled}>Either</option>
            <option value="yes" ?selected=${f.stalled === 'yes'}>Stalled only</option>
            <option value="no" ?selected=${f.stalled === 'no'}>Not stalled</option>
        </select></label>
        <label>Coordinator<input name="coordinator" list="coordinators" .value=${live(f.coordinator || '')}
            @change=${event => choose({ coordinator: event.target.value.trim() })}></label>
        <datalist id="coordinators">${coordinators.map(name => html`<option value=${name}></option>`)}</datalist>
        ${state.loading ? html`<span class="muted">Loading…</span>` : nothing}
    </form>`;
}

function incidentsTable() {
    if (!state.incidents) return state.loading ? html`<p class="muted">Loading the incidents…</p>` : nothing;
    if (!state.incidents.length) {
        const filtered =
            state.filter.stalled || state.filter.coordinator || (state.filter.status && state.filter.status !== 'open');
        return filtered
            ? empty(
                  'No incident matches these filters',
                  'Widen the filters: state Any, stalled Either, no coordinator.'
              )
            : empty(
                  'No open incident',
                  html`New incidents are opened by triaging an Incident Report: see
                <a href="?tab=reports" @click=${event => {
                    event.preventDefault();
                    switchTab('reports');
                }}>Reports to triage</a>.`
              );
    }
    return html`<table class="list" id="incidents">
        <thead><tr><th>Tag</th><th>Subject</th><th>TLP</th><th>State</th><th>Coordinator</th><th>Stalled</th>
            <th class="num">Sites</th><th>Last activity</th></tr></thead>
        <tbody>${state.incidents.map(
            (incident, i) => html`
            <tr class=${i === state.selected && state.tab === 'incidents' ? 'selected' : ''} data-id=${incident.id}
                @click=${() => {
                    state.selected = i;
                    draw();
                }}>
                <td><a class="incident-tag" href="/desk/incident.html?id=${incident.id}">${incident.tag}</a></td>
                <td>${incident.title}</td>
                <td>${tlp(incident.tlp)}</td>
                <td><span class="badge ${incident.status === 'open' ? 'ok' : ''}">${incident.status}</span></td>
                <td>${incident.coordinator}</td>
                <td>${incident.stalled ? html`<span class="badge bad" title=${'stalled since ' + when(incident.stalledSince)}>stalled ${ago(incident.stalledSince)}</span>` : nothing}</td>
                <td class="num">${incident.affectedSites.length}</td>
                <td title=${when(incident.lastActivityAt)}>${ago(incident.lastActivityAt)}</td>
            </tr>`
        )}</tbody></table>`;
}

function reportsTable() {
    if (!state.reports) return html`<p class="muted">Loading the reports…</p>`;
    if (!state.reports.length) {
        return empty(
            'No Incident Report is waiting',
            'Reports arrive by mail to abuse@, from monitoring, or through the API; ' +
                'they appear here to be triaged.'
        );
    }
    return html`<p class="hint">Reports new or open, those not yet part of an incident first. Triage decides: reject, link
        to a known incident, or open a new one.</p>
        <table class="list" id="reports">
        <thead><tr><th class="num">#</th><th>Subject</th><th>Status</th><th>From</th><th>Arrived</th><th>Incidents</th><th></th></tr></thead>
        <tbody>${state.reports.map(
            (report, i) => html`
            <tr class=${i === state.selected ? 'selected' : ''} data-id=${report.id} @click=${() => {
                state.selected = i;
                draw();
            }}>
                <td class="num">${report.id}</td>
                <td><a href="/desk/ticket.html?id=${report.id}">${report.subject}</a>${
                    report.customFields?.['How Reported'] === 'Monitoring'
                        ? html` <span class="badge" title="a vulnerability: its triage page drafts a campaign (SEC03)">monitoring</span>`
                        : nothing
                }</td>
                <td><span class="badge ${report.status === 'new' ? 'warn' : ''}">${report.status}</span></td>
                <td>${report.requestors.join(', ')}</td>
                <td title=${when(report.createdAt)}>${ago(report.createdAt)}</td>
                <td>${
                    report.incidents.length
                        ? report.incidents.map(id => html`<a href="/desk/incident.html?id=${id}">#${id}</a> `)
                        : html`<span class="badge warn">waiting</span>`
                }</td>
                <td><a class="button" href="/desk/triage.html?report=${report.id}">Triage</a></td>
            </tr>`
        )}</tbody></table>`;
}

function draw() {
    render(
        html`${tabs()}
        ${state.tab === 'reports' ? reportsTable() : html`${filters()}${incidentsTable()}`}
        <p class="hint">Keys: <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>o</kbd> open, <kbd>t</kbd> switch tab, <kbd>?</kbd> all keys.</p>`,
        main()
    );
}
