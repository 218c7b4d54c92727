// Campaigns: every SEC03 campaign with its state, vulnerabilities, deadline and cases by state; a new draft.
import { html, render, nothing } from './lib.js';
import {
    start,
    api,
    main,
    hasRole,
    showProblem,
    params,
    setParams,
    shortcuts,
    when,
    ago,
    overdue,
    empty,
    followApplicationClock
} from './desk.js';
import { draftCampaign } from './campaign-draft.js';

const STATES = ['pending', 'open', 'awaiting_confirmation', 'suspended', 'resolved'];
const STAFF = ['csirt', 'coordinator'];

await start({ title: 'Campaigns', nav: 'campaigns', roles: ['csirt', 'coordinator', 'omb'] });
await followApplicationClock();

let filters = { state: params().state ?? '' };
let campaigns = null;
let selected = 0;
// What waits for the OMB (its landing page): drafts stopping a service that need its authorisation (SEC03-2.2)
// and recommended suspensions it may veto (SEC03-4.4); read from every campaign, whatever the filter shows.
let forTheBoard = null;

async function loadForTheBoard() {
    try {
        const all = await api('/api/campaigns?size=200');
        forTheBoard = {
            authorisations: all.filter(c => c.state === 'draft' && c.severeInterruption && !c.ombAuthorisedAt),
            vetoes: all.filter(c => c.state === 'active' && c.cases.awaiting_confirmation)
        };
    } catch (e) {
        showProblem(e);
    }
    draw();
}

function boardDecisions() {
    if (!hasRole('omb') || forTheBoard === null) return nothing;
    const { authorisations, vetoes } = forTheBoard;
    return html`<section class="card decisions" id="omb-decisions"><h2>Waiting for the OMB</h2>
        ${
            authorisations.length + vetoes.length === 0
                ? html`<p class="muted">Nothing: no draft campaign waits for your authorisation and no suspension is
                    recommended.</p>`
                : html`<ul>
            ${authorisations.map(
                c => html`<li>Authorise the service stop of <a href="/desk/campaign.html?id=${c.id}">#${c.id}
                    ${c.title}</a> (SEC03-2.2)</li>`
            )}
            ${vetoes.map(
                c => html`<li>${c.cases.awaiting_confirmation} recommended suspension(s) in
                    <a href="/desk/campaign.html?id=${c.id}&state=awaiting_confirmation">#${c.id} ${c.title}</a>:
                    veto or let them stand (SEC03-4.4)</li>`
            )}</ul>`
        }</section>`;
}

async function load() {
    setParams(filters);
    try {
        campaigns = await api(
            '/api/campaigns?size=200' + (filters.state ? '&state=' + encodeURIComponent(filters.state) : '')
        );
    } catch (e) {
        campaigns = [];
        showProblem(e);
    }
    selected = Math.min(selected, Math.max(campaigns.length - 1, 0));
    draw();
}

async function create() {
    const created = await draftCampaign();
    if (created) location.assign(`/desk/campaign.html?id=${created.id}`);
}

function counts(cases) {
    return html`${STATES.filter(s => cases[s]).map(
        s => html`<span class="badge state-${s}" title=${s.replace('_', ' ')}>
        ${s.replace('_', ' ')} ${cases[s]}</span> `
    )}`;
}

function draw() {
    render(
        html`${boardDecisions()}
        <div class="filters">
            <label>State <select @change=${e => {
                filters.state = e.target.value;
                load();
            }}>
                ${[
                    ['', 'all'],
                    ['draft', 'draft'],
                    ['active', 'active'],
                    ['closed', 'closed']
                ].map(
                    ([v, l]) => html`<option value=${v} ?selected=${filters.state === v}>${l}</option>`
                )}</select></label>
            <span class="grow"></span>
            ${hasRole(...STAFF) ? html`<button @click=${create} title="n">New campaign</button>` : nothing}
        </div>
        ${
            campaigns === null
                ? html`<p class="muted">Loading campaigns…</p>`
                : campaigns.length === 0
                  ? empty(
                        filters.state ? `No ${filters.state} campaign` : 'No campaign yet',
                        hasRole(...STAFF)
                            ? 'Draft one with "New campaign", or triage a vulnerability from the Findings page.'
                            : 'CSIRT drafts campaigns; they appear here as soon as one exists.'
                    )
                  : html`<table class="list">
                <thead><tr><th>#</th><th>Campaign</th><th>Vulnerabilities</th><th>State</th><th>TLP</th><th>Deadline</th>
                    <th>Cases by state</th></tr></thead>
                <tbody>${campaigns.map(
                    (c, i) => html`<tr class=${i === selected ? 'selected' : ''}>
                    <td class="num">${c.id}</td>
                    <td><a href="/desk/campaign.html?id=${c.id}">${c.title}</a></td>
                    <td>${[...c.vulnerabilities].join(', ')}</td>
                    <td><span class="badge ${c.state === 'active' ? 'warn' : c.state === 'closed' ? 'ok' : ''}">${c.state}</span></td>
                    <td><span class="tlp ${c.tlp.toLowerCase()}">TLP:${c.tlp}</span></td>
                    <td>${
                        c.deadline
                            ? html`<span title=${ago(c.deadline)} class=${overdue(c.deadline) && c.state === 'active' ? 'badge overdue' : ''}>
                        ${when(c.deadline)}</span>`
                            : html`<span class="muted">${c.chosenDeadline ? 'chosen: ' + when(c.chosenDeadline) : 'set at the start'}</span>`
                    }</td>
                    <td>${counts(c.cases)}</td></tr>`
                )}</tbody></table>`
        }`,
        main()
    );
}

shortcuts({
    j: {
        help: 'next campaign',
        run: () => {
            selected = Math.min(selected + 1, (campaigns?.length ?? 1) - 1);
            draw();
        }
    },
    k: {
        help: 'previous campaign',
        run: () => {
            selected = Math.max(selected - 1, 0);
            draw();
        }
    },
    o: {
        help: 'open the campaign',
        run: () => campaigns?.[selected] && location.assign(`/desk/campaign.html?id=${campaigns[selected].id}`)
    },
    Enter: {
        help: 'open the campaign',
        run: () => campaigns?.[selected] && location.assign(`/desk/campaign.html?id=${campaigns[selected].id}`)
    },
    n: { help: 'new campaign', run: () => hasRole(...STAFF) && create() }
});

load();
if (hasRole('omb')) loadForTheBoard();
