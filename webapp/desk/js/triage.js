// SEC01's triage of one Incident Report: what it says (its text and mails), its indicators, the incidents that
// share them (best first, with the shared values) and those whose tag it quotes, and the three decisions: reject
// with a reason, link to a chosen incident with a reason, or a new incident (subject, TLP, coordinator), after
// which the desk goes to the new incident's page, showing its EGI-YYYYMMDD-NN tag.
import { html, render, nothing } from './lib.js';
import { indicatorsPart } from './indicators.js';
import { draftCampaign } from './campaign-draft.js';
import { start, api, main, params, act, askReason, toast, showProblem, shortcuts, when, ago, empty } from './desk.js';

const TLPS = ['CLEAR', 'GREEN', 'AMBER', 'RED'];
const TEXTS = ['create', 'correspond', 'comment'];
const id = Number.parseInt(params().report, 10);

const session = await start({
    title: Number.isFinite(id) ? `Triage of report #${id}` : 'Triage',
    nav: 'incidents',
    roles: ['csirt', 'coordinator']
});

const state = { triage: null, ticket: null, history: [], open: [], chosen: '', busy: false };

shortcuts({
    r: { help: 'reject the report', run: () => document.getElementById('reject')?.click() },
    n: {
        help: 'open a new incident: go to its title',
        run: () => document.querySelector('#new-incident input[name=title]')?.focus()
    },
    l: { help: 'choose the incident to link to', run: () => document.querySelector('#link-chosen select')?.focus() }
});

if (!Number.isFinite(id)) {
    render(
        empty('No report chosen', html`Pick one in <a href="/desk/incidents.html?tab=reports">Reports to triage</a>.`),
        main()
    );
} else {
    await load();
}

async function load() {
    try {
        const [triage, ticket, history, open] = await Promise.all([
            api(`/api/incident-reports/${id}/triage`),
            api(`/api/tickets/${id}`),
            api(`/api/tickets/${id}/history`),
            api('/api/incidents?status=open&size=500')
        ]);
        Object.assign(state, { triage, ticket, history, open });
    } catch (e) {
        showProblem(e);
        render(empty('This report cannot be triaged here', e.words ?? String(e)), main());
        return;
    }
    draw();
}

async function decide(button, body, done) {
    state.busy = true;
    draw();
    const result = await act(button, done, () => api(`/api/incident-reports/${id}/triage`, { method: 'POST', body }));
    state.busy = false;
    if (result?.decision === 'new') {
        location.assign(`/desk/incident.html?id=${result.incident.id}&opened=${id}`);
        return;
    }
    if (result) {
        await load();
    } else {
        draw();
    }
}

async function reject(event) {
    const reason = await askReason({
        title: `Reject report #${id}`,
        label: 'Why is it no security incident?',
        confirm: 'Reject'
    });
    if (reason) await decide(event.target, { decision: 'reject', reason }, `Report #${id} rejected`);
}

async function link(button, incident, tag) {
    const reason = await askReason({
        title: `Link report #${id} to ${tag}`,
        label: 'Why is it part of this incident?',
        confirm: 'Link',
        extra: html`<p class="hint">The reason and the indicators both share go into both histories.</p>`
    });
    if (reason) await decide(button, { decision: 'link', incident, reason }, `Report #${id} linked to ${tag}`);
}

async function linkChosen(event) {
    event.preventDefault();
    const incident = state.open.find(candidate => String(candidate.id) === state.chosen);
    if (!incident) {
        toast('Choose the incident to link the report to.', 'error');
        return;
    }
    await link(event.target.querySelector('button'), incident.id, incident.tag);
}

async function openIncident(event) {
    event.preventDefault();
    const form = event.target;
    const field = name => form.elements.namedItem(name).value.trim();
    const body = { decision: 'new', title: field('title'), tlp: field('tlp'), coordinator: field('coordinator') };
    if (field('reason')) body.reason = field('reason');
    await decide(form.querySelector('button'), body, 'Incident opened');
}

function tlp(label) {
    return html`<span class="tlp ${label.toLowerCase()}">TLP:${label}</span>`;
}

function incidentLink(incidentId, tag) {
    return html`<a class="incident-tag" href="/desk/incident.html?id=${incidentId}">${tag ?? '#' + incidentId}</a>`;
}

function texts() {
    const entries = state.history.filter(entry => TEXTS.includes(entry.type) && entry.content);
    if (!entries.length) return empty('The report has no text', 'Only its subject says what happened.');
    return html`<ul class="history">${entries.map(
        entry => html`<li class=${entry.type}>
        <div class="meta">${entry.type === 'create' ? 'Reported' : entry.type === 'correspond' ? 'Mail' : 'Comment'} by
            ${entry.actor} · <span title=${when(entry.at)}>${ago(entry.at)}</span></div>
        <pre class="mail">${entry.content}</pre></li>`
    )}</ul>`;
}

function indicators() {
    return html`<p class="hint">What the related incidents are found by: remove a value that says nothing about the attack
        (a scanner, a public resolver) and add one the texts missed.</p>
        ${indicatorsPart({
            list: state.triage.indicators,
            excluded: state.triage.excluded,
            ticket: id,
            reload: load,
            compact: true,
            empty: 'No indicator found in its texts: no shared indicator can suggest an incident.'
        })}`;
}

function related() {
    const t = state.triage;
    const quoted = t.quoted.length
        ? html`<h3>Incidents whose tag it quotes</h3>
        <table class="list" id="quoted"><tbody>${t.quoted.map(
            q => html`<tr data-incident=${q.incident}>
            <td>${incidentLink(q.incident, q.tag)}</td><td>${q.subject}</td><td><span class="badge">${q.status}</span></td>
            <td>${
                t.triageable
                    ? html`<button class="secondary" ?disabled=${state.busy}
                @click=${event => link(event.target, q.incident, q.tag)}>Link to ${q.tag}</button>`
                    : nothing
            }</td></tr>`
        )}</tbody></table>`
        : nothing;
    const suggested = t.related.length
        ? html`<table class="list" id="related">
        <thead><tr><th>Incident</th><th>Subject</th><th>State</th><th class="num">Shared</th><th>Shared indicators</th><th></th></tr></thead>
        <tbody>${t.related.map(
            r => html`<tr data-incident=${r.incident}>
            <td>${incidentLink(r.incident, r.tag)}</td><td>${r.subject}</td><td><span class="badge">${r.status}</span></td>
            <td class="num">${r.sharedCount}</td>
            <td><div class="chips">${r.shared.map(s => html`<span class="chip" title=${s.type}>${s.value}</span>`)}</div></td>
            <td>${
                t.triageable
                    ? html`<button class="secondary" ?disabled=${state.busy}
                @click=${event => link(event.target, r.incident, r.tag ?? '#' + r.incident)}>Link</button>`
                    : nothing
            }</td></tr>`
        )}</tbody></table>`
        : html`<p class="muted">No incident shares an indicator with this report.</p>`;
    return html`${quoted}<h3>Related incidents, most shared indicators first</h3>${suggested}`;
}

/**
 * A report from monitoring (Pakiti, a scanner) names a vulnerable software, not an attack: its way on is a
 * vulnerability campaign (SEC03), drafted from here with the report and its CVE filled in.
 */
function campaignRoute() {
    const t = state.triage;
    const ticket = state.ticket;
    const cve = `${t.subject} ${state.history.map(entry => entry.content ?? '').join(' ')}`.match(
        /CVE-\d{4}-\d{4,}/i
    )?.[0];
    const monitoring = ticket.customFields?.['How Reported'] === 'Monitoring';
    if (!monitoring && !cve) return nothing;
    const draft = async () => {
        const created = await draftCampaign({
            vulnerability: cve?.toUpperCase(),
            report: id,
            title: t.subject,
            sites: ticket.site ? [ticket.site] : []
        });
        if (created) location.assign(`/desk/campaign.html?id=${created.id}`);
    };
    return html`<div class="card" id="campaign-route"><h3>A vulnerability to follow up (SEC03)</h3>
        <p class="hint">${monitoring ? 'Monitoring reported it' : `It names ${cve}`}: sites are chased to update through a
            campaign, not an incident. Vulnerable sites are also on <a href="/desk/findings.html">Findings</a>.</p>
        <button type="button" ?disabled=${state.busy} @click=${draft}>Draft a campaign…</button></div>`;
}

function decisions() {
    const t = state.triage;
    if (!t.triageable) {
        return html`<div class="notice warn">This report is ${t.status}: it is not triaged again until it is reopened
            (on its <a href="/desk/ticket.html?id=${id}">ticket</a>).</div>`;
    }
    return html`<div class="cards">
        ${campaignRoute()}
        <div class="card"><h3>Not an incident</h3>
            <p class="hint">${t.decisions.find(d => d.decision === 'reject')?.means}</p>
            <button id="reject" class="danger" ?disabled=${state.busy} @click=${reject}>Reject…</button></div>
        <div class="card"><h3>Part of a known incident</h3>
            <p class="hint">Link it from the related incidents, or choose any open incident:</p>
            <form id="link-chosen" class="inline" @submit=${linkChosen}>
                <label>Incident<select name="incident" @change=${event => (state.chosen = event.target.value)}>
                    <option value="">Choose…</option>
                    ${state.open.map(incident => html`<option value=${incident.id}>${incident.tag} ${incident.title}</option>`)}
                </select></label>
                <button type="submit" class="secondary" ?disabled=${state.busy}>Link…</button></form></div>
        <div class="card"><h3>A new incident</h3>
            <form id="new-incident" @submit=${openIncident}>
                <label>Title<input name="title" required maxlength="200" .value=${t.subject}></label>
                <label>TLP<select name="tlp">${TLPS.map(label => html`<option value=${label} ?selected=${label === t.tlp}>TLP:${label}</option>`)}</select></label>
                <label>Coordinator<input name="coordinator" .value=${session.name}
                    title="a user with the role csirt or coordinator"></label>
                <label>Note for the history (optional)<input name="reason"></label>
                <p class="hint">It gets its tag EGI-YYYYMMDD-NN; announce it from its page.</p>
                <button type="submit" ?disabled=${state.busy}>Open new incident</button></form></div>
    </div>`;
}

function draw() {
    const t = state.triage;
    const ticket = state.ticket;
    render(
        html`
        <div class="headline"><span class="incident-tag">#${t.report}</span><strong>${t.subject}</strong> ${tlp(t.tlp)}
            <span class="badge ${t.triageable ? 'warn' : ''}">${t.status}</span>
            <span class="muted">from ${ticket.requestors.join(', ') || 'no requestor'} · ${when(ticket.createdAt)}</span>
            <a href="/desk/ticket.html?id=${id}">Ticket and history</a></div>
        ${t.incidents.length ? html`<p>Part of ${t.incidents.map(incident => html`${incidentLink(incident, state.open.find(o => o.id === incident)?.tag)} `)}</p>` : nothing}
        <div class="columns">
            <section class="part"><h2>The report</h2>${texts()}</section>
            <section class="part" id="indicators"><h2>Indicators <span class="count">${t.indicators.length}</span></h2>${indicators()}</section>
        </div>
        <section class="part">${related()}</section>
        <section class="part"><h2>Decision</h2>${decisions()}</section>`,
        main()
    );
}
