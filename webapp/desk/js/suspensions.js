// The register of suspended sites (SEC03-4.5): in force, or every suspension ever; a ROD asks for a site back,
// CSIRT verifies it (SEC03-4.6). Each step asks for its reason, which lands in the case's history.
import { html, render, nothing } from './lib.js';
import {
    start,
    api,
    main,
    hasRole,
    showProblem,
    act,
    askReason,
    params,
    setParams,
    shortcuts,
    when,
    ago,
    empty,
    followApplicationClock
} from './desk.js';

await start({ title: 'Suspended sites', nav: 'suspensions', roles: ['csirt', 'coordinator', 'omb', 'rod'] });
await followApplicationClock();

const initial = params();
let filters = { state: initial.state === 'all' ? 'all' : '', site: initial.site ?? '' };
let entries = null;
let selected = 0;

async function load() {
    setParams(filters);
    const query = new URLSearchParams({ state: filters.state || 'in-force' });
    if (filters.site) query.set('site', filters.site);
    try {
        entries = await api('/api/suspensions?' + query);
    } catch (e) {
        entries = [];
        showProblem(e);
    }
    selected = Math.min(selected, Math.max(entries.length - 1, 0));
    draw();
}

async function requestReinstatement(button, s) {
    let contact = '';
    const request = await askReason({
        title: `Ask for ${s.site} back (SEC03-4.6)`,
        label: 'What the site did',
        confirm: 'Send request',
        extra: html`<label>Your e-mail address, for CSIRT's answer<input type="email" required autocomplete="email"
            @input=${e => (contact = e.target.value.trim())}></label>`
    });
    if (request === null) return;
    const done = await act(button, `Reinstatement of ${s.site} requested; CSIRT verifies it`, () =>
        api(`/api/suspensions/${s.id}/reinstatement-request`, { method: 'POST', body: { contact, request } })
    );
    if (done) load();
}

async function verify(button, s) {
    let approve = 'true';
    const note = await askReason({
        title: `Verify ${s.site} (SEC03-4.6)`,
        label: 'What CSIRT checked',
        confirm: 'Record verification',
        extra: html`<p class="muted">Request by ${s.reinstatementRequestedBy}: ${s.reinstatementRequest}</p>
            <label>Verdict<select @change=${e => (approve = e.target.value)}>
                <option value="true">approve: GOCDB is asked for Uncertified (never Certified)</option>
                <option value="false">refuse: the site stays suspended</option></select></label>`
    });
    if (note === null) return;
    const done = await act(
        button,
        approve === 'true'
            ? `${s.site} approved: GOCDB is asked for Uncertified`
            : `Reinstatement of ${s.site} refused`,
        () =>
            api(`/api/suspensions/${s.id}/verification`, {
                method: 'POST',
                body: { approve: approve === 'true', note }
            })
    );
    if (done) load();
}

function actions(s) {
    const buttons = [];
    if (hasRole('rod') && s.state === 'active') {
        buttons.push(
            html`<button class="secondary" data-action="reinstatement-request" @click=${e => requestReinstatement(e.target, s)}>Request reinstatement…</button>`
        );
    }
    if (hasRole('csirt', 'coordinator') && s.state === 'reinstatement_requested') {
        buttons.push(html`<button data-action="verification" @click=${e => verify(e.target, s)}>Verify…</button>`);
    }
    return buttons;
}

function draw() {
    render(
        html`
        <nav class="tabs">
            <a href="?" class=${filters.state ? '' : 'active'} @click=${e => {
                e.preventDefault();
                filters.state = '';
                load();
            }}>In force</a>
            <a href="?state=all" class=${filters.state ? 'active' : ''} @click=${e => {
                e.preventDefault();
                filters.state = 'all';
                load();
            }}>All</a>
        </nav>
        <form class="filters" @submit=${e => {
            e.preventDefault();
            filters.site = e.target.site.value.trim();
            load();
        }}>
            <label>Site <input id="site" name="site" type="search" placeholder="exact site name (/)" .value=${filters.site}></label>
            <button type="submit">Filter</button>
        </form>
        ${
            entries === null
                ? html`<p class="muted">Loading the register…</p>`
                : entries.length === 0
                  ? empty(
                        filters.state ? 'No suspension recorded' : 'No site is suspended now',
                        filters.state
                            ? "A suspension is recorded when the coordinator confirms one on a campaign's page."
                            : html`Past suspensions are under <a href="?state=all">All</a>.`
                    )
                  : html`<table class="list">
                <thead><tr><th>Site</th><th>State</th><th>Decided</th><th>Why</th><th>Suspended in GOCDB</th>
                    <th>Reinstatement</th><th>Campaign</th><th>Countermeasure</th><th>Actions</th></tr></thead>
                <tbody>${entries.map(
                    (s, i) => html`<tr class=${i === selected ? 'selected' : ''} data-site=${s.site}>
                    <td><a href="/desk/site.html?name=${encodeURIComponent(s.site)}">${s.site}</a></td>
                    <td>${
                        s.state === 'requested'
                            ? html`<span class="badge warn" title="decided; GOCDB does not show the site suspended yet">in progress</span>`
                            : html`<span class="badge ${s.inForce ? 'bad' : s.state === 'reinstated' ? 'ok' : 'warn'}">${s.state.replace('_', ' ')}</span>`
                    }</td>
                    <td>${when(s.decidedAt)}<br><span class="muted">by ${s.decidedBy}</span></td>
                    <td>${s.reason}</td>
                    <td>${s.suspendedAt ? html`${when(s.suspendedAt)} <span class="muted">(${ago(s.suspendedAt)})</span>` : html`<span class="muted">in progress: waiting for GOCDB to show it</span>`}</td>
                    <td>${
                        s.reinstatementRequestedAt
                            ? html`asked by ${s.reinstatementRequestedBy} ${ago(s.reinstatementRequestedAt)}:
                        <span class="muted">${s.reinstatementRequest}</span>`
                            : nothing
                    }
                        ${s.verifiedBy ? html`<br>verified by ${s.verifiedBy}: <span class="muted">${s.verification}</span>` : nothing}
                        ${s.reinstatedAt ? html`<br>reinstated ${when(s.reinstatedAt)}` : nothing}</td>
                    <td>${hasRole('csirt', 'coordinator', 'omb') ? html`<a href="/desk/campaign.html?id=${s.campaign}&site=${encodeURIComponent(s.site)}">#${s.campaign}</a>` : `#${s.campaign}`}</td>
                    <td>${hasRole('csirt', 'coordinator') ? html`<a href="/desk/ticket.html?id=${s.countermeasure}">#${s.countermeasure}</a>` : `#${s.countermeasure}`}</td>
                    <td><div class="actions compact">${actions(s)}</div></td></tr>`
                )}</tbody></table>`
        }`,
        main()
    );
}

shortcuts({
    j: {
        help: 'next entry',
        run: () => {
            selected = Math.min(selected + 1, (entries?.length ?? 1) - 1);
            draw();
        }
    },
    k: {
        help: 'previous entry',
        run: () => {
            selected = Math.max(selected - 1, 0);
            draw();
        }
    },
    o: {
        help: 'open the site',
        run: () =>
            entries?.[selected] && location.assign(`/desk/site.html?name=${encodeURIComponent(entries[selected].site)}`)
    },
    '/': { help: 'filter by site', run: () => document.getElementById('site')?.focus() }
});

load();
