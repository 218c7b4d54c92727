// The desk's landing page: RT-IR's four queues as tabs with counts, one page of the chosen queue's tickets with
// the filters kept in the URL, overdue and "site responded" marked, and the keyboard to move, open and page.
// Tickets of the page can be selected and changed together (owner, status with reason, comment) from the bulk bar.
import { html, render, nothing, repeat, live } from './lib.js';
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
    overdue,
    empty,
    followApplicationClock,
    likelyHolds,
    toast,
    sortable,
    pageCount
} from './desk.js';

const QUEUE_KEYS = ['incident-reports', 'incidents', 'investigations', 'countermeasures'];
const TLPS = ['RED', 'AMBER', 'GREEN', 'CLEAR'];
const SORTS = [
    ['due', 'Due, soonest first'],
    ['-due', 'Due, latest first'],
    ['-updated', 'Recently updated'],
    ['updated', 'Least recently updated'],
    ['-id', 'Newest'],
    ['id', 'Oldest'],
    ['subject', 'Subject'],
    ['status', 'Status'],
    ['owner', 'Owner']
];
const FILTERS = ['status', 'owner', 'site', 'ngi', 'campaign', 'dueBefore', 'waiting', 'tlp', 'q'];
const SIZE = 50;
const number = new Intl.NumberFormat('en');

const state = {
    session: null,
    queues: null,
    ngis: [],
    campaigns: [],
    page: null,
    selected: 0,
    /** The tickets of the page chosen for a bulk change, by id. */
    chosen: new Set(),
    /** The bulk bar's fields, and what the last bulk change did (`{ok, words, refusals}`). */
    bulk: { owner: '', status: '', reason: '', comment: '', busy: false, result: null },
    owners: null,
    loading: false,
    error: null,
    filter: { queue: 'investigations', sort: 'due', page: 1, ...params() }
};
let firstRender = true;
let requestNumber = 0;

state.filter.page = Math.max(1, parseInt(state.filter.page, 10) || 1);
if (!QUEUE_KEYS.includes(state.filter.queue)) state.filter.queue = 'investigations';
// Asked for while the session is read, not after: the list is what the user waits for. Without a session (or the
// role) they fail quietly and start() says why; a tab whose user is known to lack the roles does not ask.
const early = likelyHolds('csirt', 'coordinator');
const firstQueues = early ? api('/api/queues') : undefined;
const firstPage = early ? api('/api/tickets?' + query()) : undefined;
const clockRead = followApplicationClock();
firstQueues?.catch(() => {});
firstPage?.catch(() => {});

const session = await start({ title: 'Queues', nav: 'queues', roles: ['csirt', 'coordinator'] });
state.session = session;

shortcuts({
    j: { help: 'next ticket', run: () => move(1) },
    k: { help: 'previous ticket', run: () => move(-1) },
    o: { help: 'open the selected ticket', run: open },
    Enter: { help: 'open the selected ticket', run: open },
    '/': { help: 'search the subjects', run: () => document.getElementById('search')?.focus() },
    x: { help: 'select the ticket for a bulk change', run: toggleSelected },
    n: {
        help: 'new ticket in this queue',
        run: () => location.assign(`/desk/new-ticket.html?queue=${state.filter.queue}`)
    },
    '[': { help: 'previous page', run: () => turn(-1) },
    ']': { help: 'next page', run: () => turn(1) },
    ...Object.fromEntries(
        QUEUE_KEYS.map((queue, i) => [
            String(i + 1),
            { help: `queue ${queue}`, run: () => choose({ queue, status: '' }) }
        ])
    )
});

// The list first: the queues' counts and the page load side by side; the filters' choices may come a little later.
await Promise.all([clockRead, loadQueues(firstQueues), loadTickets(firstPage)]);
Promise.all([
    api('/api/ngis')
        .then(ngis => (state.ngis = ngis))
        .catch(() => {}),
    api('/api/campaigns?size=200')
        .then(campaigns => (state.campaigns = campaigns))
        .catch(() => {})
]).then(draw);

async function loadQueues(asked = api('/api/queues')) {
    try {
        state.queues = await asked;
    } catch (e) {
        showProblem(e);
    }
}

/** The API's query for the filters in the URL; no status (the default) is every active status of the queue. */
function query() {
    const f = state.filter;
    const q = new URLSearchParams({ queue: f.queue, sort: f.sort || 'due', page: f.page, size: SIZE });
    if (!f.status) q.set('active', 'true');
    else if (f.status !== 'any') q.set('status', f.status);
    for (const name of ['owner', 'site', 'ngi', 'campaign', 'tlp', 'q']) {
        if (f[name]) q.set(name, f[name]);
    }
    if (f.dueBefore) q.set('dueBefore', new Date(f.dueBefore + 'T00:00').toISOString());
    if (f.waiting) q.set('waitingForCsirt', f.waiting === 'yes' ? 'true' : 'false');
    return q;
}

async function loadTickets(asked) {
    const mine = ++requestNumber;
    state.loading = true;
    draw();
    try {
        const page = await (asked ?? api('/api/tickets?' + query()));
        if (mine !== requestNumber) return;
        state.page = page;
        state.error = null;
        state.selected = Math.min(state.selected, Math.max(0, page.items.length - 1));
        // Only what is on the screen stays chosen: a bulk change never reaches a ticket the user cannot see.
        state.chosen = new Set(page.items.filter(t => state.chosen.has(t.id)).map(t => t.id));
    } catch (e) {
        if (mine !== requestNumber) return;
        state.error = e;
        showProblem(e);
    } finally {
        if (mine === requestNumber) {
            state.loading = false;
            draw();
        }
    }
}

/** Changes filters (back to page 1 unless a page is given), keeps them in the URL and loads. */
function choose(change) {
    const paging = 'page' in change;
    Object.assign(state.filter, change);
    if (!paging) state.filter.page = 1;
    if (!paging) state.selected = 0;
    setParams(Object.fromEntries(Object.entries(state.filter).filter(([k, v]) => !(k === 'page' && v === 1))));
    loadTickets();
}

function move(by) {
    const items = state.page?.items ?? [];
    if (!items.length) return;
    state.selected = Math.max(0, Math.min(items.length - 1, state.selected + by));
    draw();
    document.querySelector('tr.selected')?.scrollIntoView({ block: 'nearest' });
}

function open() {
    const ticket = state.page?.items[state.selected];
    if (ticket) location.assign(`/desk/ticket.html?id=${ticket.id}`);
}

function turn(by) {
    const pages = state.page ? pageCount(state.page) : 1;
    const target = state.filter.page + by;
    if (target >= 1 && target <= pages) {
        state.selected = by > 0 ? 0 : SIZE - 1;
        choose({ page: target });
    }
}

function activeCount(queue) {
    return queue.activeStatuses.reduce((sum, status) => sum + (queue.counts[status] ?? 0), 0);
}

function tabs() {
    if (!state.queues) return nothing;
    return html`<nav class="tabs" aria-label="Queues">${state.queues.map(
        (queue, i) => html`
        <a href="?queue=${queue.id}" class=${queue.id === state.filter.queue ? 'active' : ''} data-queue=${queue.id}
           title="${Object.entries(queue.counts)
               .map(([s, n]) => `${s}: ${n}`)
               .join(', ')} (key ${i + 1})"
           @click=${event => {
               event.preventDefault();
               choose({ queue: queue.id, status: '' });
           }}>
            ${queue.name} <span class="count">${number.format(activeCount(queue))}</span></a>`
    )}</nav>`;
}

function filters() {
    const f = state.filter;
    const queue = state.queues?.find(q => q.id === f.queue);
    const text = name => event => choose({ [name]: event.target.value.trim() });
    return html`<form class="filters" @submit=${event => event.preventDefault()}>
        <label>Search subjects<input id="search" type="search" placeholder="/ to search" .value=${live(f.q || '')}
            @change=${text('q')}></label>
        <label>Status<select name="status" @change=${text('status')}>
            <option value="" ?selected=${!f.status}>Active</option>
            <option value="any" ?selected=${f.status === 'any'}>Any</option>
            ${queue ? Object.keys(queue.transitions).map(s => html`<option value=${s} ?selected=${f.status === s}>${s}</option>`) : nothing}
        </select></label>
        <label>Owner<input name="owner" size="10" .value=${live(f.owner || '')} @change=${text('owner')}></label>
        <label>Site<input name="site" size="12" .value=${live(f.site || '')} @change=${text('site')}></label>
        <label>NGI<select name="ngi" @change=${text('ngi')}>
            <option value="">Any</option>
            ${f.ngi && !state.ngis.some(n => n.name === f.ngi) ? html`<option selected>${f.ngi}</option>` : nothing}
            ${state.ngis.map(n => html`<option value=${n.name} ?selected=${f.ngi === n.name}>${n.name}</option>`)}
        </select></label>
        <label>Campaign<select name="campaign" @change=${text('campaign')}>
            <option value="">Any</option>
            ${f.campaign && !state.campaigns.some(c => String(c.id) === f.campaign) ? html`<option value=${f.campaign} selected>#${f.campaign}</option>` : nothing}
            ${state.campaigns.map(c => html`<option value=${c.id} ?selected=${String(c.id) === String(f.campaign)}>${c.title}</option>`)}
        </select></label>
        <label>Due before<input name="dueBefore" type="date" .value=${live(f.dueBefore || '')} @change=${text('dueBefore')}></label>
        <label>Waiting for CSIRT<select name="waiting" @change=${text('waiting')}>
            <option value="" ?selected=${!f.waiting}>Either</option>
            <option value="yes" ?selected=${f.waiting === 'yes'}>Site responded</option>
            <option value="no" ?selected=${f.waiting === 'no'}>Not waiting</option>
        </select></label>
        <label>TLP<select name="tlp" @change=${text('tlp')}>
            <option value="">Any</option>
            ${TLPS.map(t => html`<option value=${t} ?selected=${f.tlp === t}>${t}</option>`)}
        </select></label>
        <label>Sort<select name="sort" @change=${text('sort')}>
            ${SORTS.map(([value, label]) => html`<option value=${value} ?selected=${(f.sort || 'due') === value}>${label}</option>`)}
        </select></label>
        ${FILTERS.some(name => f[name]) ? html`<button type="button" class="secondary" @click=${clear}>Clear filters</button>` : nothing}
    </form>`;
}

function clear() {
    choose(Object.fromEntries(FILTERS.map(name => [name, ''])));
}

function badges(ticket) {
    return html`${ticket.active && overdue(ticket.due) ? html`<span class="badge overdue" title="due ${when(ticket.due)}">overdue</span>` : nothing}
        ${ticket.waitingForCsirt ? html`<span class="badge responded" title="the site answered; CSIRT has not yet">site responded</span>` : nothing}`;
}

/** The headers sort the queue as the Sort choice does: a click by that column, a second click the other way. */
function rows(items) {
    const sort = state.filter.sort || 'due';
    const by = value => choose({ sort: value });
    const columns = [
        ['#', 'id'],
        ['Subject', 'subject'],
        ['Status', 'status'],
        ['Owner', 'owner'],
        ['Site'],
        ['Due', 'due'],
        ['TLP'],
        ['Updated', 'updated']
    ];
    return html`<table class="list tickets">
        <thead><tr><th class="pick"><input type="checkbox" id="select-all" aria-label="Select every ticket of the page"
            .checked=${live(items.length > 0 && items.every(t => state.chosen.has(t.id)))}
            .indeterminate=${live(state.chosen.size > 0 && !items.every(t => state.chosen.has(t.id)))}
            @change=${e => choosePage(e.target.checked)}></th>${columns.map(([label, field]) => (field ? sortable(label, field, sort, by) : html`<th>${label}</th>`))}</tr></thead>
        <tbody>${repeat(
            items,
            t => t.id,
            (t, i) => html`
            <tr class="${i === state.selected ? 'selected' : ''} ${state.chosen.has(t.id) ? 'chosen' : ''}" data-id=${t.id} @click=${() => {
                state.selected = i;
                draw();
            }}>
                <td class="pick"><input type="checkbox" aria-label="Select #${t.id}" .checked=${live(state.chosen.has(t.id))}
                    @click=${e => e.stopPropagation()} @change=${e => toggle(t.id, e.target.checked)}></td>
                <td class="num"><a href="/desk/ticket.html?id=${t.id}">${t.id}</a></td>
                <td><a href="/desk/ticket.html?id=${t.id}">${t.subject}</a> ${badges(t)}</td>
                <td>${t.status}</td>
                <td>${t.owner ?? html`<span class="muted">nobody</span>`}</td>
                <td>${t.site ? html`<a href="/desk/site.html?name=${encodeURIComponent(t.site)}">${t.site}</a>` : nothing}</td>
                <td title=${when(t.due)}>${t.due ? ago(t.due) : html`<span class="muted">—</span>`}</td>
                <td><span class="tlp ${t.tlp.toLowerCase()}">TLP:${t.tlp}</span></td>
                <td title=${when(t.updatedAt)}>${ago(t.updatedAt)}</td>
            </tr>`
        )}</tbody></table>`;
}

function toggle(id, on) {
    if (on) state.chosen.add(id);
    else state.chosen.delete(id);
    state.bulk.result = null;
    if (state.chosen.size && state.owners === null) loadOwners();
    draw();
}

function toggleSelected() {
    const ticket = state.page?.items[state.selected];
    if (ticket) toggle(ticket.id, !state.chosen.has(ticket.id));
}

function choosePage(on) {
    state.chosen = new Set(on ? (state.page?.items ?? []).map(t => t.id) : []);
    state.bulk.result = null;
    if (on && state.owners === null) loadOwners();
    draw();
}

async function loadOwners() {
    state.owners = [];
    state.owners = await api('/api/users/owners').catch(() => []);
    draw();
}

/** Sends the bulk bar's change for the chosen tickets; the API changes all of them or none. */
async function applyBulk(event) {
    event.preventDefault();
    const b = state.bulk;
    const ids = [...state.chosen];
    const body = { ids };
    if (b.owner) body.owner = b.owner === '-' ? '' : b.owner;
    if (b.status) Object.assign(body, { status: b.status, reason: b.reason });
    if (b.comment.trim()) body.comment = b.comment;
    b.busy = true;
    draw();
    try {
        const done = await api('/api/tickets/bulk', { method: 'POST', body });
        const what = [
            b.owner ? (b.owner === '-' ? 'given to nobody' : `given to ${b.owner}`) : null,
            b.status ? `now ${b.status}` : null,
            body.comment ? 'commented' : null
        ].filter(Boolean);
        b.result = { ok: true, words: `${done.count} ticket(s) ${what.join(', ')}.`, refusals: [] };
        toast(b.result.words);
        Object.assign(b, { owner: '', status: '', reason: '', comment: '' });
        state.chosen = new Set();
        await Promise.all([loadQueues(), loadTickets()]);
    } catch (e) {
        // A refusal names each ticket that cannot take the change as ids[i]: said with its number, nothing changed.
        b.result = {
            ok: false,
            words: e.detail || e.words || String(e.message || e),
            refusals: (e.errors ?? []).map(x => x.reason)
        };
    } finally {
        b.busy = false;
        draw();
    }
}

function bulkBar() {
    const b = state.bulk;
    const notice = b.result
        ? html`<div id="bulk-result" class="notice ${b.result.ok ? 'ok' : 'bad'}" role="status">${b.result.words}
            ${b.result.refusals.length ? html`<ul>${b.result.refusals.map(r => html`<li>${r}</li>`)}</ul>` : nothing}</div>`
        : nothing;
    if (!state.chosen.size) return notice;
    const queue = state.queues?.find(q => q.id === state.filter.queue);
    const set = name => e => {
        b[name] = e.target.value;
        draw();
    };
    const nothingToDo = !b.owner && !b.status && !b.comment.trim();
    return html`${notice}<form class="bulk-bar" id="bulk" @submit=${applyBulk} aria-label="Change the selected tickets">
        <strong>${state.chosen.size} selected</strong>
        <label>Owner<select name="owner" @change=${set('owner')}>
            <option value="" ?selected=${!b.owner}>unchanged</option>
            <option value="-" ?selected=${b.owner === '-'}>nobody</option>
            ${(state.owners ?? []).map(o => html`<option value=${o.name} ?selected=${b.owner === o.name}>${o.name}${o.name === state.session.name ? ' (me)' : ''}</option>`)}
        </select></label>
        <label>Status<select name="status" @change=${set('status')}>
            <option value="" ?selected=${!b.status}>unchanged</option>
            ${queue ? Object.keys(queue.transitions).map(s => html`<option value=${s} ?selected=${b.status === s}>${s}</option>`) : nothing}
        </select></label>
        ${b.status ? html`<label>Why<input name="reason" required .value=${live(b.reason)} @input=${e => (b.reason = e.target.value)}></label>` : nothing}
        <label class="grow">Comment<input name="comment" .value=${live(b.comment)} @input=${set('comment')}></label>
        <button type="submit" ?disabled=${b.busy || nothingToDo}>${b.busy ? 'Changing…' : `Change ${state.chosen.size}`}</button>
        <button type="button" class="secondary" @click=${() => choosePage(false)}>Clear selection</button>
    </form>`;
}

function pager() {
    const p = state.page;
    const from = (p.page - 1) * p.size + 1;
    const to = from + p.items.length - 1;
    const pages = pageCount(p);
    return html`<div class="pager">
        <button class="secondary" ?disabled=${p.page <= 1} @click=${() => turn(-1)} title="[">Previous</button>
        <span class="range">${number.format(from)}–${number.format(to)} of ${p.more ? 'more than ' : ''}${number.format(p.total)}</span>
        <button class="secondary" ?disabled=${p.page >= pages} @click=${() => turn(1)} title="]">Next</button>
        ${state.loading ? html`<span class="muted">loading…</span>` : nothing}
        <span class="muted keys"><kbd>j</kbd>/<kbd>k</kbd> move, <kbd>x</kbd> select, <kbd>o</kbd> open, <kbd>/</kbd> search, <kbd>?</kbd> all keys</span>
    </div>`;
}

function list() {
    if (!state.page) {
        return state.error
            ? empty('The tickets could not be loaded', state.error.words ?? String(state.error))
            : html`<p class="muted">Loading tickets…</p>`;
    }
    if (!state.page.items.length) {
        const filtered = FILTERS.some(name => state.filter[name]);
        return filtered
            ? html`${empty('No ticket matches these filters', 'Widen them, or clear them to see the whole queue.')}
                <p class="actions centered"><button class="secondary" @click=${clear}>Clear filters</button></p>`
            : empty(
                  'This queue holds no active ticket',
                  state.filter.queue === 'investigations'
                      ? 'Investigations open when a campaign starts: see Campaigns, or Findings to triage new vulnerabilities.'
                      : 'New reports arrive by mail and from monitoring; look at Findings for vulnerabilities not yet handled.'
              );
    }
    return html`${pager()}${rows(state.page.items)}${pager()}`;
}

function draw() {
    render(
        html`<p class="actions"><a class="button" id="new-ticket" href="/desk/new-ticket.html?queue=${state.filter.queue}"
            title="n">New ticket</a></p>${tabs()}${filters()}${bulkBar()}<div class="queue-list">${list()}</div>`,
        main()
    );
    // The mark means the whole first view is on the screen: the tickets and the queue tabs come from two requests.
    if (firstRender && state.page && state.queues) {
        firstRender = false;
        performance.mark('desk:rendered');
    }
}
