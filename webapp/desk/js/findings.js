// Findings not yet in a campaign: the vulnerabilities monitoring reports that no open campaign covers, each with
// its Incident Report and its vulnerable sites, and triage: draft a campaign from the report, or add a site to
// a campaign that is not closed. Findings on hosts GOCDB does not know are listed apart: they can get no case.
import { html, render, nothing } from './lib.js';
import {
    start,
    api,
    main,
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
import { draftCampaign } from './campaign-draft.js';

await start({ title: 'Findings', nav: 'findings', roles: ['csirt', 'coordinator'] });
await followApplicationClock();

let filters = { q: params().q ?? '', covered: params().covered ?? '' };
let vulnerabilities = null;
let covering = new Map();
let campaigns = [];
let unknown = null;
const open = new Map();
let selected = 0;

async function load() {
    setParams(filters);
    try {
        const [list, draftList, activeList, unknownPage] = await Promise.all([
            api('/api/vulnerabilities'),
            api('/api/campaigns?state=draft&size=500'),
            api('/api/campaigns?state=active&size=500'),
            api('/api/findings?known=false&open=true&size=200')
        ]);
        campaigns = [...activeList, ...draftList];
        covering = new Map();
        for (const campaign of [...draftList, ...activeList]) {
            for (const v of campaign.vulnerabilities) covering.set(v, campaign);
        }
        vulnerabilities = list;
        unknown = unknownPage;
    } catch (e) {
        vulnerabilities ??= [];
        showProblem(e);
    }
    for (const [id] of open) await expand(id, true);
    draw();
}

function shown() {
    const q = filters.q.toUpperCase();
    return (vulnerabilities ?? []).filter(
        v => (filters.covered ? covering.has(v.id) : !covering.has(v.id)) && (!q || v.id.includes(q))
    );
}

async function expand(id, keep = false) {
    if (open.has(id) && !keep) {
        open.delete(id);
        draw();
        return;
    }
    open.set(id, open.get(id) ?? null);
    draw();
    try {
        const page = await api(`/api/exposures?vulnerability=${encodeURIComponent(id)}&state=VULNERABLE&size=500`);
        open.set(id, page.items);
    } catch (e) {
        open.delete(id);
        showProblem(e);
    }
    draw();
}

async function triage(v) {
    const created = await draftCampaign({
        vulnerability: v.id,
        report: v.reportTicket,
        title: `${v.id} on ${v.vulnerableSites} site(s)`
    });
    if (created) location.assign(`/desk/campaign.html?id=${created.id}`);
}

/** Adds a site by hand to a campaign not closed (`POST /api/campaigns/{id}/cases`), with the reason asked for. */
async function addToCampaign(select, exposure, campaignId) {
    const campaign = campaigns.find(c => String(c.id) === String(campaignId));
    select.value = '';
    const reason = await askReason({
        title: `Add ${exposure.site} to campaign #${campaignId}`,
        confirm: 'Add site',
        extra: html`<p>${campaign.title} (${campaign.state}). ${
            campaign.state === 'active'
                ? 'A started campaign plans the site at once: ' +
                  "the advisory's path before the tickets open, else a ticket now with 48 hours."
                : 'The site gets a case in the draft.'
        }</p>`
    });
    if (reason === null) return;
    const done = await act(select, `${exposure.site} added to campaign #${campaignId}`, () =>
        api(`/api/campaigns/${campaignId}/cases`, { method: 'POST', body: { site: exposure.site, reason } })
    );
    if (done) load();
}

function exposureRows(v) {
    const list = open.get(v.id);
    if (list === null) return html`<tr><td colspan="7" class="muted">Loading sites…</td></tr>`;
    if (!list.length) return html`<tr><td colspan="7" class="muted">No site is vulnerable now.</td></tr>`;
    return html`<tr class="events"><td colspan="7"><table class="list inner">
        <thead><tr><th>Site</th><th>Hosts</th><th>Since</th><th>Seen</th><th>Triage</th></tr></thead>
        <tbody>${list.map(
            e => html`<tr>
            <td>${
                e.siteKnown
                    ? html`<a href="/desk/site.html?name=${encodeURIComponent(e.site)}">${e.site}</a>`
                    : html`${e.site || '(no site lists these hosts)'} <span class="badge warn">not in GOCDB</span>`
            }
                ${e.reintroduced ? html`<span class="badge bad">re-introduced</span>` : nothing}</td>
            <td>${e.hosts.join(', ')}${e.openHosts > e.hosts.length ? ` and ${e.openHosts - e.hosts.length} more` : ''}</td><td>${when(e.since)}</td><td class="muted">${ago(e.observedAt)}</td>
            <td>${
                covering.has(v.id)
                    ? html`<span class="muted">in campaign #${covering.get(v.id).id}</span>`
                    : e.siteKnown && campaigns.length
                      ? html`<select aria-label="add to campaign" @change=${ev =>
                            ev.target.value &&
                            addToCampaign(ev.target, e, ev.target.value)}><option value="">add to campaign…</option>
                    ${campaigns.map(c => html`<option value=${c.id}>#${c.id} ${c.title} (${c.state})</option>`)}</select>`
                      : nothing
            }</td></tr>`
        )}</tbody></table></td></tr>`;
}

function draw() {
    const list = shown();
    render(
        html`
        <nav class="tabs">
            <a href="?" class=${filters.covered ? '' : 'active'} @click=${e => {
                e.preventDefault();
                filters.covered = '';
                draw();
                setParams(filters);
            }}>Not in a campaign</a>
            <a href="?covered=1" class=${filters.covered ? 'active' : ''} @click=${e => {
                e.preventDefault();
                filters.covered = '1';
                draw();
                setParams(filters);
            }}>Covered by a campaign</a>
        </nav>
        <div class="filters"><label>Vulnerability <input id="q" type="search" placeholder="CVE-… (/)" .value=${filters.q}
            @input=${e => {
                filters.q = e.target.value.trim();
                setParams(filters);
                draw();
            }}></label></div>
        ${
            vulnerabilities === null
                ? html`<p class="muted">Loading findings…</p>`
                : list.length === 0
                  ? empty(
                        filters.covered ? 'No vulnerability is covered by an open campaign' : 'Nothing to triage',
                        filters.covered
                            ? 'Draft a campaign from the "Not in a campaign" tab.'
                            : 'Every vulnerability monitoring reports is in a campaign. New findings from Pakiti, ARGO or Alertmanager appear here.'
                    )
                  : html`<table class="list">
                <thead><tr><th>Vulnerability</th><th>First seen</th><th class="num">Sites vulnerable</th><th class="num">Open findings</th>
                    <th>Incident Report</th><th>Campaign</th><th>Triage</th></tr></thead>
                <tbody>${list.map(
                    (v, i) => html`<tr class=${i === selected ? 'selected' : ''} data-vulnerability=${v.id}>
                    <td><button class="link" @click=${() => expand(v.id)} title="show the sites">${open.has(v.id) ? '▾' : '▸'} ${v.id}</button></td>
                    <td>${when(v.firstSeenAt)}</td><td class="num">${v.vulnerableSites}</td><td class="num">${v.openFindings}</td>
                    <td>${v.reportTicket ? html`<a href="/desk/ticket.html?id=${v.reportTicket}">#${v.reportTicket}</a>` : html`<span class="muted">none</span>`}</td>
                    <td>${
                        covering.has(v.id)
                            ? html`<a href="/desk/campaign.html?id=${covering.get(v.id).id}">#${covering.get(v.id).id}
                        ${covering.get(v.id).state}</a>`
                            : html`<span class="muted">none</span>`
                    }</td>
                    <td>${!covering.has(v.id) ? html`<button data-action="draft" @click=${() => triage(v)}>Draft campaign…</button>` : nothing}</td></tr>
                    ${open.has(v.id) ? exposureRows(v) : nothing}`
                )}</tbody></table>`
        }
        <h2>Findings on hosts GOCDB does not know <span class="count">${unknown?.total ?? ''}</span></h2>
        ${
            !unknown || unknown.items.length === 0
                ? empty('None', 'Every open finding is on a site GOCDB knows.')
                : html`<p class="muted">These can get no case: nobody can be written to. Check the host names with the NGI, or
                wait for the next registry refresh.</p>
                <table class="list"><thead><tr><th>Vulnerability</th><th>Host</th><th>Reported site</th><th>Source</th><th>Last seen</th></tr></thead>
                <tbody>${unknown.items.map(
                    f => html`<tr><td>${f.vulnerability}</td><td>${f.host}</td><td>${f.reportedSite || ''}</td>
                    <td>${f.source}</td><td>${ago(f.lastSeenAt)}</td></tr>`
                )}</tbody></table>`
        }`,
        main()
    );
}

shortcuts({
    j: {
        help: 'next vulnerability',
        run: () => {
            selected = Math.min(selected + 1, shown().length - 1);
            draw();
        }
    },
    k: {
        help: 'previous vulnerability',
        run: () => {
            selected = Math.max(selected - 1, 0);
            draw();
        }
    },
    Enter: { help: 'show or hide its sites', run: () => shown()[selected] && expand(shown()[selected].id) },
    o: {
        help: 'open its Incident Report',
        run: () =>
            shown()[selected]?.reportTicket && location.assign(`/desk/ticket.html?id=${shown()[selected].reportTicket}`)
    },
    '/': { help: 'filter by vulnerability', run: () => document.getElementById('q')?.focus() }
});

load();
