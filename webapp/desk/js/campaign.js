// One campaign: its advisory, deadline and timeline, the charts of vulnerable sites over time and per NGI, the
// table of cases with their decisions, and the actions the user's roles allow. Every action asks for a reason,
// which the API records in the case's events and the ticket's history.
import { html, render, nothing, chartLibrary } from './lib.js';
import {
    start,
    api,
    main,
    hasRole,
    toast,
    showProblem,
    act,
    askReason,
    progress,
    params,
    setParams,
    shortcuts,
    when,
    ago,
    overdue,
    empty,
    followApplicationClock
} from './desk.js';

const STAFF = ['csirt', 'coordinator'];
const CASE_STATES = ['pending', 'open', 'awaiting_confirmation', 'suspended', 'resolved'];
const EXPLANATIONS = [
    ['agreed_action', 'an action agreed with CSIRT'],
    ['vendor_action', 'waiting for the vendor'],
    ['own_rebuild', 'the site rebuilds the software itself'],
    ['not_vulnerable', 'the site is not vulnerable']
];

await start({ title: 'Campaign', nav: 'campaigns', roles: ['csirt', 'coordinator', 'omb'] });
await followApplicationClock();

const id = Number(params().id);
let filters = { id, state: params().state ?? '', ngi: params().ngi ?? '', site: params().site ?? '' };
let campaign = null;
let timeline = [];
let figures = { days: [], ngis: [] };
let lines = null;
let history = null;
let selected = 0;
const open = new Map();
const charts = {};

if (!Number.isInteger(id) || id < 1) {
    render(
        empty('Which campaign?', html`Open one from the <a href="/desk/campaigns.html">Campaigns</a> list.`),
        main()
    );
} else {
    await reload();
}

async function reload() {
    try {
        [campaign, timeline, figures] = await Promise.all([
            api(`/api/campaigns/${id}`),
            api(`/api/campaigns/${id}/timeline`),
            api(`/api/campaigns/${id}/exposure`)
        ]);
        document.title = `#${campaign.id} ${campaign.title} · CSIRT Desk`;
        document.querySelector('h1.page-title').textContent = `Campaign #${campaign.id}: ${campaign.title}`;
    } catch (e) {
        showProblem(e);
        if (!campaign) {
            render(empty(`Campaign #${id} cannot be shown`, e.words ?? String(e)), main());
            return;
        }
    }
    if (hasRole(...STAFF)) {
        api(`/api/tickets/${campaign.incident}/history`).then(h => {
            history = h;
            draw();
        }, showProblem);
    }
    await loadCases();
}

async function loadCases() {
    setParams(filters);
    const query = new URLSearchParams(
        Object.entries({ state: filters.state, ngi: filters.ngi, site: filters.site }).filter(([, v]) => v)
    );
    try {
        lines = await api(`/api/campaigns/${id}/case-lines?${query}`);
    } catch (e) {
        lines = [];
        showProblem(e);
    }
    selected = Math.min(selected, Math.max(lines.length - 1, 0));
    for (const [caseId] of open) {
        open.set(caseId, await api(`/api/cases/${caseId}/events`).catch(() => []));
    }
    draw();
}

/** Runs a decision: asks its reason (with the extra fields), posts it, reloads; the button is disabled meanwhile. */
async function decide(button, { title, confirm, label, extra, post, done }) {
    const reason = await askReason({ title, confirm, label, extra });
    if (reason === null) return;
    const result = await act(button, done, () => post(reason));
    if (result !== undefined) await reload();
}

// Campaign-wide actions -----------------------------------------------------------------------------------

async function startCampaign(button) {
    const pending = campaign.cases.pending ?? 0;
    const reason = await askReason({
        title: `Start campaign #${id}`,
        confirm: 'Send the advisory',
        extra: html`<p>The advisory goes out now (${
            campaign.scope === 'widespread' ? 'to the security contact lists' : `to each of ${pending} site(s)`
        }, copied to noc-managers) and ${pending} case(s) are planned.</p>`
    });
    if (reason === null) return;
    const bar = progress(`Sending the advisory and planning ${pending} case(s)…`);
    const started = Date.now();
    try {
        const result = await act(button, null, () =>
            api(`/api/campaigns/${id}/start`, { method: 'POST', body: { reason } })
        );
        if (result) {
            bar.update(1, 1);
            toast(
                `Campaign started in ${((Date.now() - started) / 1000).toFixed(1)} s: deadline ${when(result.deadline)}`
            );
            await reload();
        }
    } finally {
        bar.finish();
    }
}

function campaignActions() {
    const buttons = [];
    const draft = campaign.state === 'draft';
    if (draft && hasRole(...STAFF) && !campaign.headsUpAt) {
        buttons.push(
            html`<button class="secondary" data-action="heads-up" @click=${e =>
                decide(e.target, {
                    title: 'Send the heads-up (SEC03-2.1)',
                    label: 'Public information it refers to',
                    confirm: 'Send heads-up',
                    post: reason =>
                        api(`/api/campaigns/${id}/heads-up`, { method: 'POST', body: { publicInformation: reason } }),
                    done: 'Heads-up sent to the site and NGI security contact lists'
                })}>Heads-up…</button>`
        );
    }
    if (draft && campaign.severeInterruption && !campaign.ombAuthorisedAt && hasRole('omb', 'csirt')) {
        buttons.push(
            html`<button class="secondary" data-action="omb-authorisation" @click=${e =>
                decide(e.target, {
                    title: "Record the OMB's authorisation (SEC03-2.2)",
                    confirm: 'Record authorisation',
                    post: reason => api(`/api/campaigns/${id}/omb-authorisation`, { method: 'POST', body: { reason } }),
                    done: 'OMB authorisation recorded'
                })}>OMB authorisation…</button>`
        );
    }
    if (draft && hasRole(...STAFF)) {
        buttons.push(html`<button data-action="start" @click=${e => startCampaign(e.target)}>Start…</button>`);
    }
    if (campaign.state !== 'closed' && hasRole(...STAFF)) {
        let site = '';
        buttons.push(
            html`<button class="secondary" data-action="add-site" @click=${e =>
                decide(e.target, {
                    title: 'Add a site by hand',
                    confirm: 'Add site',
                    extra: html`<label>Site (GOCDB name)<input required @input=${ev => (site = ev.target.value.trim())}></label>
                ${
                    draft
                        ? nothing
                        : html`<p class="muted">The campaign has started: the site is planned at once (the advisory's path
                    before the tickets open, else a ticket now with 48 hours).</p>`
                }`,
                    post: reason => api(`/api/campaigns/${id}/cases`, { method: 'POST', body: { site, reason } }),
                    done: 'Site added'
                })}>Add site…</button>`
        );
        buttons.push(
            html`<button class="secondary" data-action="close" @click=${e =>
                decide(e.target, {
                    title: `Close campaign #${id}`,
                    confirm: 'Close campaign',
                    post: reason => api(`/api/campaigns/${id}/close`, { method: 'POST', body: { reason } }),
                    done: 'Campaign closed'
                })}>Close…</button>`
        );
    }
    return buttons.length ? html`<div class="actions">${buttons}</div>` : nothing;
}

// Case actions ----------------------------------------------------------------------------------------------

function caseActions(line) {
    const c = line.detail;
    const awaits = ['pending', 'open', 'awaiting_confirmation'].includes(c.state);
    const buttons = [];
    const post = (path, body) => api(`/api/cases/${c.id}/${path}`, { method: 'POST', body });
    if (hasRole(...STAFF) && awaits && c.state !== 'pending') {
        let deadline = '';
        let by = 'csirt';
        buttons.push(
            html`<button class="secondary" data-action="extend" @click=${e =>
                decide(e.target, {
                    title: `Extend the deadline of ${c.site} (SEC03-4.3)`,
                    confirm: 'Extend',
                    extra: html`<label>New deadline<input type="datetime-local" required @input=${ev => (deadline = ev.target.value)}></label>
                <label>Asked for by<select @change=${ev => (by = ev.target.value)}><option value="csirt">CSIRT</option>
                    <option value="omb">the OMB</option></select></label>`,
                    post: reason =>
                        post('extension', {
                            deadline: deadline ? new Date(deadline).toISOString() : '',
                            requestedBy: by,
                            reason
                        }),
                    done: `Deadline of ${c.site} extended; the site is told`
                })}>Extend…</button>`
        );
    }
    if (hasRole(...STAFF) && awaits) {
        let why = 'agreed_action';
        buttons.push(
            html`<button class="secondary" data-action="accept" @click=${e =>
                decide(e.target, {
                    title: `Accept the explanation of ${c.site} (SEC03-7)`,
                    label: 'Explanation',
                    confirm: 'Accept and resolve',
                    extra: html`<label>Why<select @change=${ev => (why = ev.target.value)}>${EXPLANATIONS.map(
                        ([v, l]) => html`<option value=${v}>${l}</option>`
                    )}</select></label>`,
                    post: explanation => post('acceptance', { reason: why, explanation }),
                    done: `${c.site} resolved; the site is thanked`
                })}>Accept explanation…</button>`
        );
    }
    if (hasRole(...STAFF) && awaits) {
        buttons.push(
            html`<button class="secondary" data-action="recommend" @click=${e =>
                decide(e.target, {
                    title: `Recommend suspending ${c.site}`,
                    confirm: 'Recommend suspension',
                    post: reason => post('recommendation', { suspend: true, reason }),
                    done: `Suspension of ${c.site} recommended`
                })}>Recommend suspension…</button>`
        );
    }
    if (hasRole('omb') && awaits && !c.vetoedBy) {
        let by = 'omb';
        buttons.push(
            html`<button class="secondary" data-action="veto" @click=${e =>
                decide(e.target, {
                    title: `Veto the suspension of ${c.site} (SEC03-4.4)`,
                    confirm: 'Record veto',
                    extra: html`<label>On behalf of<select @change=${ev => (by = ev.target.value)}><option value="omb">the OMB</option>
                <option value="coo">the COO</option></select></label>`,
                    post: reason => post('veto', { by, reason }),
                    done: `Veto on ${c.site} recorded`
                })}>Veto…</button>`
        );
    }
    // SEC03-4.1: a suspension comes at least 24 hours after the final warning, by the application's clock.
    const suspendableFrom = c.finalWarningAt
        ? new Date(new Date(c.finalWarningAt).getTime() + 86_400_000).toISOString()
        : null;
    if (hasRole('coordinator') && c.state === 'awaiting_confirmation' && !overdue(suspendableFrom)) {
        buttons.push(
            html`<span class="muted" data-note="suspendable-from">${
                suspendableFrom
                    ? html`Suspension possible from <span title=${ago(suspendableFrom)}>${when(suspendableFrom)}</span>,
                    24 hours after the final warning (SEC03-4.1)`
                    : 'Suspension possible 24 hours after the final warning, which has not gone out (SEC03-4.1)'
            }</span>`
        );
    }
    if (hasRole('coordinator') && c.state === 'awaiting_confirmation' && overdue(suspendableFrom)) {
        buttons.push(
            html`<button class="danger" data-action="confirm-suspension" @click=${e =>
                decide(e.target, {
                    title: `Confirm the suspension of ${c.site} (SEC03-4.5)`,
                    confirm: 'Suspend the site',
                    extra: html`<p>GOCDB is asked to suspend ${c.site}; the site and noc-managers are told.</p>`,
                    post: reason => post('suspension', { reason }),
                    done: `Suspension of ${c.site} confirmed; GOCDB is asked`
                })}>Confirm suspension…</button>`
        );
    }
    if (c.state === 'suspended') {
        buttons.push(
            html`<a class="button secondary" href="/desk/suspensions.html?site=${encodeURIComponent(c.site)}">In the register</a>`
        );
    }
    return buttons;
}

async function toggle(line) {
    const caseId = line.detail.id;
    if (open.has(caseId)) {
        open.delete(caseId);
    } else {
        open.set(caseId, null);
        draw();
        try {
            open.set(caseId, await api(`/api/cases/${caseId}/events`));
        } catch (e) {
            open.delete(caseId);
            showProblem(e);
        }
    }
    draw();
}

// Rendering -------------------------------------------------------------------------------------------------

function decision(c) {
    if (c.resolution) return html`<span class="badge ok">${c.resolution.replace('_', ' ')}</span>`;
    const parts = [];
    if (c.recommendsSuspension)
        parts.push(html`<span class="badge bad" title=${c.recommendation ?? ''}>suspension recommended</span>`);
    if (c.vetoedBy)
        parts.push(html`<span class="badge warn" title=${c.veto ?? ''}>vetoed by ${c.vetoedBy.toUpperCase()}</span>`);
    return parts.length ? parts : html`<span class="muted">none</span>`;
}

function reply(c) {
    if (!c.respondedAt) return html`<span class="muted">none</span>`;
    return html`<span title=${c.siteStatement ?? c.sitePlan ?? ''}>${ago(c.respondedAt)}</span>
        ${c.awaitingCsirt ? html`<span class="badge responded">waiting for CSIRT</span>` : nothing}`;
}

function step(entry) {
    const state = entry.planned
        ? 'planned'
        : entry.done
          ? 'done'
          : entry.skipped
            ? 'skipped'
            : entry.cancelled
              ? 'cancelled'
              : 'planned';
    return state;
}

function drawTimeline() {
    if (!timeline.length) return empty('No step yet', 'The timeline appears once the campaign has cases.');
    const next = timeline.find(e => e.planned > 0);
    return html`<ol class="timeline">${timeline.map(e => {
        const state = e === next ? 'next' : step(e);
        const counts = [
            ['done', e.done],
            ['planned', e.planned],
            ['skipped', e.skipped],
            ['cancelled', e.cancelled]
        ]
            .filter(([, n]) => n)
            .map(([k, n]) => `${n} ${k}`)
            .join(', ');
        return html`<li class=${state} title=${e.what}><strong>${e.step}</strong> · ${e.local}
            <span class="muted">${state === 'next' ? '(next) ' : ''}${e.scope === 'case' ? counts : state}</span></li>`;
    })}</ol>`;
}

function draw() {
    if (!campaign) return;
    const c = campaign;
    render(
        html`
        <div class="facts-bar">
            <span class="badge ${c.state === 'active' ? 'warn' : c.state === 'closed' ? 'ok' : ''}">${c.state}</span>
            <span class="tlp ${c.tlp.toLowerCase()}">TLP:${c.tlp}</span>
            <span>${[...c.vulnerabilities].join(', ')}</span>
            <span>Incident <a href="/desk/ticket.html?id=${c.incident}">#${c.incident}</a></span>
            <span>Deadline: ${
                c.deadline
                    ? html`<strong class=${overdue(c.deadline) && c.state === 'active' ? 'late' : ''}>${when(c.deadline)}</strong>
                (${deadlineLocal()}, ${ago(c.deadline)})`
                    : c.chosenDeadline
                      ? html`chosen ${when(c.chosenDeadline)}`
                      : 'set at the start (advisory + 7 days)'
            }</span>
        </div>
        ${campaignActions()}
        <div class="columns">
            <section>
                <h2>Advisory</h2>
                <dl class="facts">
                    <dt>Scope</dt><dd>${c.scope}</dd>
                    ${c.advisoryLink ? html`<dt>Link</dt><dd><a href=${c.advisoryLink} rel="noopener noreferrer">${c.advisoryLink}</a></dd>` : nothing}
                    <dt>Action</dt><dd>${c.recommendedAction ?? html`<span class="badge warn">not set: required before the start</span>`}</dd>
                    ${
                        c.severeInterruption
                            ? html`<dt>Service stop</dt><dd>${
                                  c.ombAuthorisedAt
                                      ? `authorised by ${c.ombAuthorisedBy} ${when(c.ombAuthorisedAt)}`
                                      : html`<span class="badge warn">needs the OMB's authorisation</span>`
                              }</dd>`
                            : nothing
                    }
                    ${c.headsUpAt ? html`<dt>Heads-up</dt><dd>${when(c.headsUpAt)}</dd>` : nothing}
                    ${c.advisoryAt ? html`<dt>Advisory sent</dt><dd>${when(c.advisoryAt)}</dd>` : nothing}
                    ${c.ticketsAt ? html`<dt>Tickets open</dt><dd>${when(c.ticketsAt)}</dd>` : nothing}
                    ${c.allActedAt ? html`<dt>All acted</dt><dd>${when(c.allActedAt)}</dd>` : nothing}
                </dl>
                <pre class="mail">${c.advisory}</pre>
                <h2>Vulnerable sites</h2>
                <div class="charts">
                    <div class="chart"><canvas id="over-time" aria-label="Vulnerable sites per day"></canvas></div>
                    <div class="chart"><canvas id="per-ngi" aria-label="Cases per NGI"></canvas></div>
                </div>
                ${figures.days.length ? nothing : html`<p class="muted">No monitoring change recorded for these sites yet.</p>`}
            </section>
            <section>
                <h2>Timeline ${c.state === 'draft' ? html`<span class="muted">(preview for a start now)</span>` : nothing}</h2>
                ${drawTimeline()}
            </section>
        </div>
        <h2>Cases <span class="count">${lines?.length ?? ''}</span></h2>
        <div class="filters">
            <label>State <select @change=${e => {
                filters.state = e.target.value;
                loadCases();
            }}>
                <option value="">all</option>${CASE_STATES.map(s => html`<option value=${s} ?selected=${filters.state === s}>${s.replace('_', ' ')}</option>`)}</select></label>
            <label>NGI <select @change=${e => {
                filters.ngi = e.target.value;
                loadCases();
            }}>
                <option value="">all</option>${figures.ngis.map(n => html`<option ?selected=${filters.ngi === n.ngi}>${n.ngi}</option>`)}</select></label>
            <label>Site <input id="site-filter" type="search" placeholder="exact site name (/)" .value=${filters.site}
                @change=${e => {
                    filters.site = e.target.value.trim();
                    loadCases();
                }}></label>
        </div>
        ${
            lines === null
                ? html`<p class="muted">Loading cases…</p>`
                : lines.length === 0
                  ? empty(
                        'No case here',
                        filters.state || filters.ngi || filters.site
                            ? 'Clear the filters to see every case.'
                            : 'A case appears for each site monitoring finds vulnerable; CSIRT can add sites to a draft by hand.'
                    )
                  : html`<table class="list cases">
                <thead><tr><th>Site</th><th>NGI</th><th>State</th><th>Deadline</th><th>Last event</th><th>Reply</th>
                    <th>Decision</th><th>Ticket</th><th>Actions</th></tr></thead>
                <tbody>${lines.map((line, i) => caseRow(line, i))}</tbody></table>`
        }
        ${
            history
                ? html`<h2>Campaign history</h2><ul class="history">${history
                      .filter(h => h.content)
                      .slice(-100)
                      .reverse()
                      .map(
                          h =>
                              html`<li class=${h.type}><div class="meta">${h.type} by ${h.actor}, ${when(h.at)}</div><pre>${h.content}</pre></li>`
                      )}</ul>`
                : nothing
        }`,
        main()
    );
    drawCharts();
}

function deadlineLocal() {
    const entry = timeline.find(e => e.kind === 'deadline');
    return entry ? entry.local : 'CSIRT time';
}

function caseRow(line, i) {
    const c = line.detail;
    const events = open.get(c.id);
    return html`<tr class=${i === selected ? 'selected' : ''} data-site=${c.site}>
        <td><a href="/desk/site.html?name=${encodeURIComponent(c.site)}">${c.site}</a>
            ${c.vulnerable ? html`<span class="badge bad" title=${c.hosts}>vulnerable</span>` : nothing}</td>
        <td>${line.ngi ?? html`<span class="muted">not in GOCDB</span>`}</td>
        <td><span class="badge state-${c.state}">${c.state.replace('_', ' ')}</span>${c.round > 1 ? html` <span class="muted">round ${c.round}</span>` : nothing}
            ${c.notReached ? html`<span class="badge bad" title=${c.notReached}>not reached</span>` : nothing}</td>
        <td>${c.deadline ? html`<span class=${overdue(c.deadline) && c.state !== 'resolved' ? 'badge overdue' : ''} title=${ago(c.deadline)}>${when(c.deadline)}</span>` : ''}</td>
        <td>${
            line.lastEvent
                ? html`<span title=${line.lastEvent.detail}>${line.lastEvent.kind.replaceAll('_', ' ')}</span>
            <span class="muted">${ago(line.lastEvent.at)}</span>`
                : ''
        }</td>
        <td>${reply(c)}</td>
        <td>${decision(c)}</td>
        <td>${c.ticket ? html`<a href="/desk/ticket.html?id=${c.ticket}">#${c.ticket}</a>` : html`<span class="muted">${c.ticketDueAt ? 'opens ' + ago(c.ticketDueAt) : 'none'}</span>`}</td>
        <td><div class="actions compact">${caseActions(line)}
            <button class="link" data-action="history" @click=${() => toggle(line)}>${events !== undefined ? 'Hide history' : 'History'}</button></div></td>
    </tr>
    ${
        events !== undefined
            ? html`<tr class="events"><td colspan="9">${
                  events === null
                      ? html`<span class="muted">Loading…</span>`
                      : html`<ul class="history">${events.map(
                            e => html`<li><div class="meta">${e.kind.replaceAll('_', ' ')} by ${e.actor}, ${when(e.at)}</div>
            <pre>${e.detail}</pre></li>`
                        )}</ul>`
              }</td></tr>`
            : nothing
    }`;
}

async function drawCharts() {
    let Chart;
    try {
        Chart = await chartLibrary();
    } catch (e) {
        showProblem(e);
        return;
    }
    const overTime = document.getElementById('over-time');
    const perNgi = document.getElementById('per-ngi');
    if (!overTime || !perNgi) return;
    const days = figures.days.map(d => d.day);
    const data = figures.days.map(d => d.vulnerable);
    if (charts.overTime?.canvas !== overTime) {
        charts.overTime?.destroy();
        charts.overTime = new Chart(overTime, {
            type: 'line',
            data: {
                labels: days,
                datasets: [
                    {
                        label: 'vulnerable sites',
                        data,
                        borderColor: '#b42318',
                        backgroundColor: 'rgba(180,35,24,.12)',
                        fill: true,
                        stepped: true
                    }
                ]
            },
            options: {
                maintainAspectRatio: false,
                animation: false,
                scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
                plugins: { title: { display: true, text: 'Vulnerable sites per day' } }
            }
        });
    } else {
        charts.overTime.data.labels = days;
        charts.overTime.data.datasets[0].data = data;
        charts.overTime.update();
    }
    const ngis = figures.ngis.map(n => n.ngi);
    const sets = [
        ['open', n => n.open - n.suspended, '#d68910'],
        ['suspended', n => n.suspended, '#b42318'],
        ['resolved', n => n.resolved, '#1f7a3a']
    ].map(([label, value, color]) => ({ label, data: figures.ngis.map(value), backgroundColor: color }));
    if (charts.perNgi?.canvas !== perNgi) {
        charts.perNgi?.destroy();
        charts.perNgi = new Chart(perNgi, {
            type: 'bar',
            data: { labels: ngis, datasets: sets },
            options: {
                maintainAspectRatio: false,
                animation: false,
                indexAxis: 'y',
                scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } },
                plugins: { title: { display: true, text: 'Cases per NGI' } }
            }
        });
    } else {
        charts.perNgi.data.labels = ngis;
        charts.perNgi.data.datasets = sets;
        charts.perNgi.update();
    }
}

shortcuts({
    j: {
        help: 'next case',
        run: () => {
            selected = Math.min(selected + 1, (lines?.length ?? 1) - 1);
            draw();
        }
    },
    k: {
        help: 'previous case',
        run: () => {
            selected = Math.max(selected - 1, 0);
            draw();
        }
    },
    o: {
        help: "open the case's ticket",
        run: () =>
            lines?.[selected]?.detail.ticket && location.assign(`/desk/ticket.html?id=${lines[selected].detail.ticket}`)
    },
    Enter: { help: "show or hide the case's history", run: () => lines?.[selected] && toggle(lines[selected]) },
    '/': { help: 'filter by site', run: () => document.getElementById('site-filter')?.focus() },
    r: { help: 'reload', run: () => reload() }
});
