// One security incident of SEC01: its tag, TLP, state and coordinator (changed with a reason), whether it is
// stalled, the affected sites with their Investigations (and SEC01's deadlines when the API shows them), the
// indicators with their export, the announcement and updates (TLP:RED only to named recipients), the closure
// report, and the letters sent so far. The incident ticket's history is on the ticket page.
import { html, render, nothing } from './lib.js';
import { indicatorsPart } from './indicators.js';
import {
    start,
    api,
    main,
    params,
    setParams,
    act,
    askReason,
    toast,
    showProblem,
    shortcuts,
    when,
    ago,
    overdue,
    empty,
    followApplicationClock
} from './desk.js';

const TLPS = ['CLEAR', 'GREEN', 'AMBER', 'RED'];
const query = params();
const id = Number.parseInt(query.id, 10);

await start({ title: 'Incident', nav: 'incidents', roles: ['csirt', 'coordinator'] });
await followApplicationClock();

const state = {
    incident: null,
    indicators: [],
    letters: [],
    closures: [],
    opened: query.opened,
    announce: { tlp: '', problem: '' },
    closure: { tlp: '', problem: '' }
};

shortcuts({
    h: {
        help: "the incident ticket's history",
        run: () => state.incident && location.assign(`/desk/ticket.html?id=${id}`)
    },
    a: { help: 'write an announcement or update', run: () => document.querySelector('#announce textarea')?.focus() },
    s: { help: 'add an affected site', run: () => document.querySelector('#add-site input[name=site]')?.focus() }
});

if (!Number.isFinite(id)) {
    render(
        empty('No incident chosen', html`Pick one in the <a href="/desk/incidents.html">list of incidents</a>.`),
        main()
    );
} else {
    await load();
    // The note about the report that opened the incident is for this visit, not for a reload or a bookmark.
    if (state.opened) setParams({ id });
}

async function load() {
    try {
        const [incident, indicators, letters, closures, ticket] = await Promise.all([
            api(`/api/incidents/${id}`),
            api(`/api/tickets/${id}/indicators?excluded=true`),
            api(`/api/outbox?ticket=${id}&size=200`),
            api(`/api/incidents/${id}/closures`),
            api(`/api/tickets/${id}`).catch(() => null)
        ]);
        Object.assign(state, { incident, indicators, letters, closures, ticket });
        document.title = `${incident.tag} · CSIRT Desk`;
    } catch (e) {
        showProblem(e);
        if (!state.incident) {
            render(empty('This incident cannot be shown', e.words ?? String(e)), main());
            return;
        }
    }
    draw();
}

/** Runs a change from a button and shows the incident as it is afterwards. */
async function change(button, done, action) {
    const result = await act(button, done, action);
    if (result !== undefined) await load();
    return result;
}

async function appoint(event) {
    let coordinator = '';
    const reason = await askReason({
        title: `New coordinator of ${state.incident.tag}`,
        confirm: 'Appoint',
        extra: html`<label>Coordinator (a user with the role csirt or coordinator)
            <input name="coordinator" required @input=${e => (coordinator = e.target.value.trim())}></label>`
    });
    if (!reason) return;
    await change(event.target, `${coordinator} coordinates ${state.incident.tag}`, () =>
        api(`/api/incidents/${id}/coordinator`, { method: 'PUT', body: { coordinator, reason } })
    );
}

async function addSite(event) {
    event.preventDefault();
    const form = event.target;
    const site = form.elements.namedItem('site').value.trim();
    const discovered = form.elements.namedItem('discoveredAt').value;
    if (!site) {
        toast('Name the site as GOCDB names it.', 'error');
        return;
    }
    const reason = await askReason({
        title: `${site} is affected by ${state.incident.tag}`,
        label: 'Why is the site affected?',
        confirm: 'Add site and open its Investigation'
    });
    if (!reason) return;
    const body = { site, reason, discoveredAt: discovered ? new Date(discovered).toISOString() : undefined };
    const added = await change(form.querySelector('button'), `${site} added: Investigation opened`, () =>
        api(`/api/incidents/${id}/sites`, { method: 'POST', body })
    );
    if (added) form.reset();
}

function recipients(text) {
    return text
        .split(/[\s,;]+/)
        .map(address => address.trim())
        .filter(Boolean);
}

/** A letter's request; its problem, if refused, stays next to the form in words (as TLP:RED to the lists is). */
async function send(form, part, done, request) {
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    state[part].problem = '';
    draw();
    try {
        await request();
        toast(done);
        state[part].problem = '';
        form.reset();
        state[part].tlp = '';
        await load();
    } catch (e) {
        state[part].problem = e.words ?? String(e.message ?? e);
        showProblem(e);
        draw();
    } finally {
        button.disabled = false;
    }
}

async function announce(event) {
    event.preventDefault();
    const form = event.target;
    const field = name => form.elements.namedItem(name).value.trim();
    const to = recipients(field('to'));
    const body = {
        kind: field('kind'),
        text: field('text'),
        tlp: field('tlp') || undefined,
        to: to.length ? to : undefined,
        indicators: form.elements.namedItem('indicators').checked
    };
    await send(
        form,
        'announce',
        body.kind === 'update' ? 'Update sent to the outbox' : 'Announcement sent to the outbox',
        () => api(`/api/incidents/${id}/announcements`, { method: 'POST', body })
    );
}

function base64(file) {
    return new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result).slice(String(reader.result).indexOf(',') + 1));
        reader.onerror = () => reject(new Error(`the file ${file.name} could not be read`));
        reader.readAsDataURL(file);
    });
}

async function close(event) {
    event.preventDefault();
    const form = event.target;
    const field = name => form.elements.namedItem(name).value.trim();
    const file = form.elements.namedItem('attachment').files[0];
    const to = recipients(field('to'));
    await send(form, 'closure', `${state.incident.tag} closed: the closure report is in the outbox`, async () => {
        const body = {
            report: field('report'),
            tlp: field('tlp') || undefined,
            to: to.length ? to : undefined,
            indicators: form.elements.namedItem('indicators').checked
        };
        if (file) {
            body.attachment = {
                filename: file.name,
                contentType: file.type || 'application/octet-stream',
                content: await base64(file)
            };
        }
        return api(`/api/incidents/${id}/closure`, { method: 'POST', body });
    });
}

function tlp(label) {
    return html`<span class="tlp ${label.toLowerCase()}">TLP:${label}</span>`;
}

function tlpSelect(part) {
    return html`<label>TLP<select name="tlp" @change=${event => {
        state[part].tlp = event.target.value;
        draw();
    }}>
        <option value="">the incident's (TLP:${state.incident.tlp})</option>
        ${TLPS.map(label => html`<option value=${label}>TLP:${label}</option>`)}</select></label>`;
}

function redWarning(part) {
    const red = (state[part].tlp || state.incident.tlp) === 'RED';
    return red
        ? html`<div class="notice warn" data-red>TLP:RED goes only to the people named under Recipients: the lists
        never get it, and without named recipients the desk refuses to send it.</div>`
        : nothing;
}

function header() {
    const i = state.incident;
    return html`<div class="headline">
            <span class="incident-tag" id="tag">${i.tag}</span><strong>${i.title}</strong> ${tlp(i.tlp)}
            <span class="badge ${i.status === 'open' ? 'ok' : ''}">${i.status}</span>
            ${i.stalled ? html`<span class="badge bad" id="stalled" title=${when(i.stalledSince)}>stalled since ${when(i.stalledSince)} (${ago(i.stalledSince)})</span>` : nothing}
        </div>
        <dl class="facts">
            <dt>Coordinator</dt><dd><span id="coordinator">${i.coordinator}</span>
                <button class="link" @click=${appoint}>change…</button></dd>
            <dt>Opened</dt><dd>${when(i.createdAt)}</dd>
            <dt>Last activity</dt><dd title=${when(i.lastActivityAt)}>${ago(i.lastActivityAt)}</dd>
            <dt>Reports</dt><dd>${
                i.reports.length
                    ? i.reports.map(report => html`<a href="/desk/ticket.html?id=${report}">#${report}</a> `)
                    : html`<span class="muted">none (opened without a report)</span>`
            }</dd>
            <dt>History</dt><dd><a href="/desk/ticket.html?id=${i.id}" id="history">the incident ticket #${i.id}</a></dd>
            ${
                state.ticket
                    ? html`<dt>Time worked</dt><dd id="time-worked">${state.ticket.incidentTimeWorked} min
                <span class="muted">(${state.ticket.timeWorked} on the incident, the rest on the tickets under it)</span></dd>`
                    : nothing
            }
        </dl>`;
}

/** SEC01's deadlines of a site, drawn from whatever the API lists for it: a name, a due time, met or missed. */
function deadlines(site) {
    const list = Array.isArray(site.deadlines) ? site.deadlines : [];
    if (!list.length) return html`<span class="muted">—</span>`;
    return html`<div class="chips">${list.map(deadline => {
        const due = deadline.due ?? deadline.dueAt;
        const met = deadline.met === true || !!deadline.metAt || deadline.state === 'met' || deadline.status === 'met';
        const missed =
            !met &&
            (deadline.missed === true ||
                !!deadline.missedAt ||
                deadline.state === 'missed' ||
                deadline.status === 'missed' ||
                overdue(due));
        const label =
            deadline.label ?? deadline.name ?? deadline.clause ?? deadline.kind ?? deadline.step ?? 'deadline';
        return html`<span class="badge ${met ? 'ok' : missed ? 'bad' : ''}" title=${when(due)}>${label}${due ? html` ${met ? 'met' : ago(due)}` : nothing}</span>`;
    })}</div>`;
}

function sites() {
    const i = state.incident;
    return html`<section class="part" id="sites"><h2>Affected sites <span class="count">${i.affectedSites.length}</span></h2>
        ${
            i.affectedSites.length
                ? html`<table class="list"><thead><tr><th>Site</th><th>Investigation</th><th>Discovered</th>
            <th>Added</th><th>Deadlines</th></tr></thead>
            <tbody>${i.affectedSites.map(
                site => html`<tr data-site=${site.site}>
                <td><a href="/desk/site.html?name=${encodeURIComponent(site.site)}">${site.site}</a></td>
                <td><a href="/desk/ticket.html?id=${site.investigation}">Investigation #${site.investigation}</a></td>
                <td>${site.discoveredAt ? when(site.discoveredAt) : html`<span class="muted">not said</span>`}</td>
                <td title=${when(site.addedAt)}>${ago(site.addedAt)} by ${site.addedBy}</td>
                <td>${deadlines(site)}</td></tr>`
            )}</tbody></table>`
                : html`<p class="muted">No site is affected yet. Add each site that reports the incident: it gets its Investigation,
                addressed to its security contacts from GOCDB.</p>`
        }
        ${
            i.status === 'open'
                ? html`<form id="add-site" class="inline" @submit=${addSite}>
            <label>Site (as GOCDB names it)<input name="site" required></label>
            <label>Discovered at (if the site said)<input name="discoveredAt" type="datetime-local"></label>
            <button type="submit">Add site…</button></form>`
                : nothing
        }</section>`;
}

function indicators() {
    return html`<section class="part" id="indicators"><h2>Indicators <span class="count">${state.indicators.filter(indicator => !indicator.excluded).length}</span></h2>
        <div class="actions"><a class="button secondary" id="csv" href="/api/incidents/${id}/indicators.csv" download>Download CSV</a>
            <a class="button secondary" id="stix" href="/api/incidents/${id}/indicators.stix.json" download>Download STIX 2.1</a></div>
        ${indicatorsPart({
            list: state.indicators.filter(indicator => !indicator.excluded),
            excluded: state.indicators.filter(indicator => indicator.excluded),
            ticket: id,
            reload: load,
            empty: "No indicator yet: they are read from the incident's and its reports' texts, or added here."
        })}</section>`;
}

function letters() {
    const letters = state.letters.filter(letter => letter.kind?.startsWith('sec01-'));
    return letters.length
        ? html`<table class="list" id="letters"><thead><tr><th>Letter</th><th>TLP</th><th>To</th><th>State</th><th>Written</th></tr></thead>
        <tbody>${letters.map(
            letter => html`<tr><td>${letter.subject}</td><td>${tlp(letter.tlp)}</td><td>${letter.to.join(', ')}</td>
            <td><span class="badge ${letter.state === 'sent' ? 'ok' : letter.state === 'failed' ? 'bad' : ''}">${letter.state}</span></td>
            <td title=${when(letter.createdAt)}>${ago(letter.createdAt)}</td></tr>`
        )}</tbody></table>`
        : html`<p class="muted">Nothing sent yet. A new incident is announced to the security contact lists first.</p>`;
}

function announcements() {
    if (state.incident.status !== 'open') return html`<section class="part"><h2>Letters</h2>${letters()}</section>`;
    const announced = state.letters.some(letter => letter.kind === 'sec01-announcement');
    return html`<section class="part"><h2>Announcements and updates</h2>${letters()}
        <form id="announce" @submit=${announce}>
            <label>Kind<select name="kind">
                <option value="announcement" ?selected=${!announced} ?disabled=${announced}>Announcement (once)</option>
                <option value="update" ?selected=${announced}>Update (summary report)</option></select></label>
            <label>Text<textarea name="text" rows="5" required></textarea></label>
            ${tlpSelect('announce')}
            <label>Recipients instead of the lists (e-mail addresses; required for TLP:RED)<input name="to" size="60"></label>
            <label class="check"><input type="checkbox" name="indicators" checked> list the incident's indicators</label>
            ${redWarning('announce')}
            <p class="field-error" id="announce-problem" role="alert">${state.announce.problem}</p>
            <button type="submit">Send</button></form></section>`;
}

function closure() {
    const i = state.incident;
    const kept = state.closures.length
        ? html`<ul class="history">${state.closures.map(
              c => html`<li>
        <div class="meta">Closed ${when(c.closedAt)} by ${c.closedBy} · ${tlp(c.tlp)}</div><pre class="mail">${c.report}</pre>
        ${c.attachmentUrl ? html`<a href=${c.attachmentUrl} download>${c.attachment}</a>` : nothing}</li>`
          )}</ul>`
        : nothing;
    if (i.status !== 'open')
        return html`<section class="part"><h2>Closure</h2>${kept || html`<p class="muted">This incident is ${i.status}.</p>`}</section>`;
    return html`<section class="part"><h2>Closure</h2>${kept}
        <form id="closure" @submit=${close}>
            <p class="hint">The closure report goes to the lists (or the recipients named), is kept with the attached file, and
                resolves the incident with its open Investigations.</p>
            <label>Closure report<textarea name="report" rows="5" required></textarea></label>
            ${tlpSelect('closure')}
            <label>Recipients instead of the lists<input name="to" size="60"></label>
            <label class="check"><input type="checkbox" name="indicators" checked> list the incident's indicators</label>
            <label>The site's own report (optional file)<input type="file" name="attachment"></label>
            ${redWarning('closure')}
            <p class="field-error" id="closure-problem" role="alert">${state.closure.problem}</p>
            <button type="submit" class="danger">Send closure report and resolve</button></form></section>`;
}

function draw() {
    const i = state.incident;
    render(
        html`
        ${
            state.opened
                ? html`<div class="notice" id="opened">Report #${state.opened} opened this incident: its tag is
            <strong class="incident-tag">${i.tag}</strong>. Announce it to the security contacts below.</div>`
                : nothing
        }
        ${header()}
        ${sites()}
        ${indicators()}
        <div class="columns">
            ${announcements()}
            ${closure()}
        </div>`,
        main()
    );
}
