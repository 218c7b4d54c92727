// One site: its GOCDB data (NGI, country, time zone, certification, contacts, hosts), its cases in every
// campaign, its tickets, its suspensions and its certification status changes.
import { html, render, nothing } from './lib.js';
import { start, api, main, hasRole, showProblem, params, when, ago, empty, followApplicationClock } from './desk.js';

await start({ title: 'Site', nav: 'sites', roles: ['csirt', 'coordinator', 'omb', 'rod'] });
await followApplicationClock();

const name = params().name;
let site = null;
let cases = null;
let tickets = null;
let suspensions = null;
let changes = null;
let unreachable = new Map();

if (!name) {
    render(empty('Which site?', html`Find one on the <a href="/desk/sites.html">Sites</a> page.`), main());
} else {
    load();
}

async function load() {
    try {
        site = await api(`/api/sites/${encodeURIComponent(name)}`);
    } catch (e) {
        render(empty(`${name} cannot be shown`, e.words ?? String(e)), main());
        return;
    }
    document.querySelector('h1.page-title').textContent = `Site ${site.name}`;
    document.title = `${site.name} · CSIRT Desk`;
    draw();
    const encoded = encodeURIComponent(site.name);
    const parts = [
        api(`/api/suspensions?state=all&site=${encoded}`).then(list => (suspensions = list)),
        api(`/api/sites/${encoded}/status-changes`).then(list => (changes = list))
    ];
    if (hasRole('csirt', 'coordinator', 'omb'))
        parts.push(api(`/api/cases?site=${encoded}`).then(list => (cases = list)));
    if (hasRole('csirt', 'coordinator')) {
        parts.push(api(`/api/tickets?site=${encoded}&size=100`).then(page => (tickets = page.items)));
        parts.push(bounced(site).then(list => (unreachable = new Map(list.map(u => [u.address, u])))));
    }
    await Promise.all(parts.map(p => p.catch(showProblem)));
    draw();
}

/** The site's addresses whose latest letter bounced (the outbox's record), so that nobody counts on them. */
function bounced(s) {
    const pc = s.procedureContacts;
    const addresses = [
        ...new Set(
            [s.contactEmail, ...s.contacts.map(c => c.email), ...pc.administrators, pc.siteSecurity, ...pc.ngiSecurity]
                .filter(Boolean)
                .map(a => a.toLowerCase())
        )
    ].slice(0, 200);
    return addresses.length
        ? api(`/api/outbox/unreachable?${addresses.map(a => `address=${encodeURIComponent(a)}`).join('&')}`)
        : Promise.resolve([]);
}

/** An address, marked when the latest letter to it bounced. */
function address(email) {
    const bounce = email ? unreachable.get(email.toLowerCase()) : null;
    return bounce
        ? html`<span class="unreachable">${email} <span class="badge bad" title=${`bounced ${when(bounce.since)}: ${bounce.reason}`}>not reachable</span></span>`
        : (email ?? '');
}

function addressList(list) {
    return list.map((email, i) => html`${i ? ', ' : ''}${address(email)}`);
}

function statusBadge(status) {
    const kind = status === 'Certified' ? 'ok' : status === 'Suspended' ? 'bad' : status === 'Closed' ? '' : 'warn';
    return html`<span class="badge ${kind}">${status}</span>`;
}

function draw() {
    const s = site;
    const pc = s.procedureContacts;
    render(
        html`
        <div class="columns">
            <section>
                <h2>GOCDB</h2>
                <dl class="facts">
                    <dt>Official name</dt><dd>${s.officialName ?? s.name}</dd>
                    <dt>NGI</dt><dd><a href="/desk/sites.html?ngi=${encodeURIComponent(s.ngi)}">${s.ngi}</a></dd>
                    <dt>Country</dt><dd>${s.countryCode ?? ''}</dd>
                    <dt>Time zone</dt><dd>${s.timeZone ?? html`<span class="muted">not given</span>`}</dd>
                    <dt>Certification</dt><dd>${statusBadge(s.certificationStatus)}</dd>
                    <dt>Infrastructure</dt><dd>${s.productionInfrastructure ?? ''}</dd>
                    <dt>Contact</dt><dd>${address(s.contactEmail)}</dd>
                    ${/^https?:\/\//.test(s.portalUrl ?? '') ? html`<dt>GOCDB</dt><dd><a href=${s.portalUrl} rel="noopener noreferrer">${s.portalUrl}</a></dd>` : nothing}
                    <dt>Confirmed</dt><dd>${when(s.confirmedAt)} <span class="muted">(${ago(s.confirmedAt)})</span></dd>
                    ${s.absentSince ? html`<dt>Absent</dt><dd><span class="badge warn">no longer in GOCDB since ${when(s.absentSince)}</span></dd>` : nothing}
                </dl>
                <h3>Whom SEC03 letters go to</h3>
                <dl class="facts">
                    <dt>Administrators</dt><dd>${pc.administrators.length ? addressList(pc.administrators) : html`<span class="muted">none</span>`}</dd>
                    <dt>Site security</dt><dd>${pc.siteSecurity ? address(pc.siteSecurity) : html`<span class="muted">none</span>`}</dd>
                    <dt>NGI security</dt><dd>${pc.ngiSecurity.length ? addressList(pc.ngiSecurity) : html`<span class="muted">none</span>`}</dd>
                </dl>
            </section>
            <section>
                <h2>Contacts <span class="count">${s.contacts.length}</span></h2>
                ${
                    s.contacts.length
                        ? html`<table class="list"><thead><tr><th>Role</th><th>Name</th><th>E-mail</th></tr></thead>
                    <tbody>${s.contacts.map(c => html`<tr><td>${c.role}</td><td>${c.name ?? ''}</td><td>${address(c.email)}</td></tr>`)}</tbody></table>`
                        : empty(
                              'No contact in GOCDB',
                              'Letters about this site go to the CSIRT address until GOCDB lists one.'
                          )
                }
                <h2>Hosts <span class="count">${s.hosts?.length ?? 0}</span></h2>
                ${
                    s.hosts?.length
                        ? html`<table class="list"><thead><tr><th>Host</th><th>Service</th></tr></thead>
                    <tbody>${s.hosts.map(h => html`<tr><td>${h.hostname}</td><td>${h.serviceType}</td></tr>`)}</tbody></table>`
                        : empty('No host in GOCDB', nothing)
                }
            </section>
        </div>
        ${
            hasRole('csirt', 'coordinator', 'omb')
                ? html`<h2>Cases <span class="count">${cases?.length ?? ''}</span></h2>
            ${
                cases === null
                    ? html`<p class="muted">Loading…</p>`
                    : cases.length === 0
                      ? empty(
                            'In no campaign',
                            'Cases appear when a campaign covers a vulnerability monitoring finds here.'
                        )
                      : html`<table class="list"><thead><tr><th>Campaign</th><th>State</th><th>Deadline</th><th>Last event</th><th>Decision</th><th>Ticket</th></tr></thead>
                    <tbody>${cases.map(line => {
                        const c = line.detail;
                        return html`<tr>
                        <td><a href="/desk/campaign.html?id=${c.campaign}&site=${encodeURIComponent(c.site)}">#${c.campaign}</a></td>
                        <td><span class="badge state-${c.state}">${c.state.replace('_', ' ')}</span></td>
                        <td>${when(c.deadline)}</td>
                        <td>${line.lastEvent ? html`${line.lastEvent.kind.replaceAll('_', ' ')} <span class="muted">${ago(line.lastEvent.at)}</span>` : ''}</td>
                        <td>${c.resolution ?? (c.vetoedBy ? `vetoed by ${c.vetoedBy.toUpperCase()}` : c.recommendsSuspension ? 'suspension recommended' : '')}</td>
                        <td>${c.ticket ? html`<a href="/desk/ticket.html?id=${c.ticket}">#${c.ticket}</a>` : ''}</td></tr>`;
                    })}</tbody></table>`
            }`
                : nothing
        }
        ${
            hasRole('csirt', 'coordinator')
                ? html`<h2>Tickets <span class="count">${tickets?.length ?? ''}</span></h2>
            ${
                tickets === null
                    ? html`<p class="muted">Loading…</p>`
                    : tickets.length === 0
                      ? empty('No ticket about this site', nothing)
                      : html`<table class="list"><thead><tr><th>#</th><th>Queue</th><th>Subject</th><th>Status</th><th>Due</th></tr></thead>
                    <tbody>${tickets.map(
                        t => html`<tr><td class="num"><a href="/desk/ticket.html?id=${t.id}">${t.id}</a></td><td>${t.queueName}</td>
                        <td><a href="/desk/ticket.html?id=${t.id}">${t.subject}</a></td><td>${t.status}</td><td>${when(t.due)}</td></tr>`
                    )}</tbody></table>`
            }`
                : nothing
        }
        <h2>Suspensions <span class="count">${suspensions?.length ?? ''}</span></h2>
        ${
            suspensions === null
                ? html`<p class="muted">Loading…</p>`
                : suspensions.length === 0
                  ? empty('Never suspended by CSIRT Desk', nothing)
                  : html`<table class="list"><thead><tr><th>Decided</th><th>State</th><th>Why</th><th>Campaign</th></tr></thead>
                <tbody>${suspensions.map(
                    x => html`<tr><td>${when(x.decidedAt)} by ${x.decidedBy}</td>
                    <td><a href="/desk/suspensions.html?state=all&site=${encodeURIComponent(x.site)}"><span class="badge ${x.inForce ? 'bad' : ''}">${x.state.replace('_', ' ')}</span></a></td>
                    <td>${x.reason}</td><td>#${x.campaign}</td></tr>`
                )}</tbody></table>`
        }
        <h2>Certification status changes <span class="count">${changes?.length ?? ''}</span></h2>
        ${
            changes === null
                ? html`<p class="muted">Loading…</p>`
                : changes.length === 0
                  ? empty('No status change asked of GOCDB', nothing)
                  : html`<table class="list"><thead><tr><th>Asked</th><th>To</th><th>State</th><th>Reason</th></tr></thead>
                <tbody>${changes.map(
                    c => html`<tr><td>${when(c.requestedAt)} by ${c.requestedBy}</td><td>${c.targetStatus}</td>
                    <td>${c.state}</td><td>${c.reason}</td></tr>`
                )}</tbody></table>`
        }`,
        main()
    );
}
