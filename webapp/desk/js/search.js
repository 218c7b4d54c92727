// The Search page: a query in the search language (docs/api.md) kept in the URL so that it can be bookmarked,
// its results with sortable headers and pages, and the saved searches: the user's own and those shared with staff.
import { html, render, nothing, repeat, live } from './lib.js';
import {
    start,
    api,
    main,
    params,
    setParams,
    shortcuts,
    showProblem,
    act,
    when,
    ago,
    empty,
    sortable,
    pageCount,
    followApplicationClock
} from './desk.js';

const SIZE = 50;
const number = new Intl.NumberFormat('en');
const EXAMPLES = [
    'queue = investigations AND status = open AND owner = nobody',
    'text ~ "ssh keys" AND (site = SITE-A OR ngi = NGI_DE)',
    'cve = CVE-2026-1234 AND due < 2026-12-01',
    'tag = EGI-20261123-01'
];

const state = {
    query: '',
    sort: '-updated',
    page: 1,
    result: null,
    error: null,
    loading: false,
    saved: [],
    editing: null,
    ...pick(params())
};
let requestNumber = 0;

function pick(p) {
    return {
        query: p.query ?? '',
        sort: p.sort || '-updated',
        page: Math.max(1, parseInt(p.page, 10) || 1)
    };
}

await followApplicationClock();
await start({ title: 'Search', nav: 'search', roles: ['csirt', 'coordinator'] });

shortcuts({
    '/': { help: 'edit the query', run: () => document.getElementById('query')?.focus() },
    '[': { help: 'previous page', run: () => turn(-1) },
    ']': { help: 'next page', run: () => turn(1) }
});

await Promise.all([loadSaved(), search()]);

async function loadSaved() {
    try {
        state.saved = await api('/api/searches');
    } catch (e) {
        showProblem(e);
    }
    draw();
}

async function search() {
    const mine = ++requestNumber;
    setParams({
        query: state.query,
        sort: state.sort === '-updated' ? '' : state.sort,
        page: state.page > 1 ? state.page : ''
    });
    if (!state.query.trim()) {
        state.result = null;
        state.error = null;
        draw();
        return;
    }
    state.loading = true;
    draw();
    try {
        const q = new URLSearchParams({ query: state.query, sort: state.sort, page: state.page, size: SIZE });
        const result = await api('/api/tickets?' + q);
        if (mine !== requestNumber) return;
        state.result = result;
        state.error = null;
    } catch (e) {
        if (mine !== requestNumber) return;
        state.result = null;
        state.error = e;
    } finally {
        if (mine === requestNumber) {
            state.loading = false;
            draw();
        }
    }
}

function run(change) {
    Object.assign(state, { page: 1 }, change);
    search();
}

function turn(by) {
    const r = state.result;
    if (!r) return;
    const pages = pageCount(r);
    const target = state.page + by;
    if (target >= 1 && target <= pages) run({ page: target });
}

async function save(event) {
    event.preventDefault();
    const form = event.target;
    const name = form.elements.name.value.trim();
    const body = { name, query: state.query, sort: state.sort, shared: form.elements.shared.checked };
    const done = await act(form.querySelector('button'), `Saved "${name}"`, () =>
        api('/api/searches', { method: 'POST', body })
    );
    if (done) {
        form.reset();
        loadSaved();
    }
}

/** A saved search changed in place: its name, its query, whether it is shared; its sort stays. */
async function edit(event, search) {
    event.preventDefault();
    const form = event.target;
    const name = form.elements.name.value.trim();
    const body = {
        name,
        query: form.elements.query.value.trim(),
        sort: search.sort,
        shared: form.elements.shared.checked
    };
    const done = await act(form.querySelector('button[type=submit]'), `Changed "${name}"`, () =>
        api(`/api/searches/${search.id}`, { method: 'PUT', body })
    );
    if (done) {
        state.editing = null;
        loadSaved();
    }
}

async function remove(button, search) {
    const done = await act(button, `Deleted "${search.name}"`, () =>
        api(`/api/searches/${search.id}`, { method: 'DELETE' }).then(() => true)
    );
    if (done) loadSaved();
}

function box() {
    return html`<form class="search-box" role="search" @submit=${event => {
        event.preventDefault();
        run({ query: event.target.elements.query.value.trim() });
    }}>
        <label>Query<input id="query" name="query" type="search" autocomplete="off" spellcheck="false"
            placeholder='owner = alice AND text ~ "ssh keys"' .value=${live(state.query)}></label>
        <label class="sort-choice">Sort<select name="sort" @change=${event => run({ sort: event.target.value })}>
            ${[
                ['-updated', 'Recently updated'],
                ['-id', 'Newest'],
                ['id', 'Oldest'],
                ['due', 'Due, soonest'],
                ['subject', 'Subject'],
                ['status', 'Status'],
                ['owner', 'Owner'],
                ['queue', 'Queue']
            ].map(([value, label]) => html`<option value=${value} ?selected=${state.sort === value}>${label}</option>`)}
            ${['-updated', '-id', 'id', 'due', 'subject', 'status', 'owner', 'queue'].includes(state.sort) ? nothing : html`<option selected value=${state.sort}>${state.sort}</option>`}
        </select></label>
        <button type="submit">Search</button>
    </form>
    <p class="hint">Fields: id, queue, status, owner, requestor, cc, site, cve, tag, ngi, campaign, cf.{Name}, subject,
        text, tlp, due, created, updated; operators = != ~ &lt; &gt;; AND, OR, NOT and parentheses. A number finds that
        ticket; other words search the subjects and messages (words of 3 letters or more).</p>`;
}

function headers() {
    const by = sort => run({ sort });
    return html`<tr>${sortable('#', 'id', state.sort, by)}${sortable('Subject', 'subject', state.sort, by)}${sortable('Queue', 'queue', state.sort, by)}${sortable('Status', 'status', state.sort, by)}${sortable('Owner', 'owner', state.sort, by)}<th>Site</th>${sortable('Due', 'due', state.sort, by)}${sortable('Updated', 'updated', state.sort, by)}</tr>`;
}

function results() {
    if (state.error) {
        return html`<p class="notice warn" role="alert" id="query-error">${state.error.words ?? String(state.error)}</p>`;
    }
    if (!state.query.trim()) {
        return html`<div class="empty"><h2>Search every queue</h2><p>For example:</p><ul>${EXAMPLES.map(
            example =>
                html`<li><button type="button" class="link" @click=${() => run({ query: example })}>${example}</button></li>`
        )}</ul></div>`;
    }
    const r = state.result;
    if (!r) return html`<p class="muted">Searching…</p>`;
    if (!r.items.length) return empty('No ticket matches', 'Loosen the query: fewer terms, OR instead of AND.');
    return html`${pager(r)}<table class="list tickets results"><thead>${headers()}</thead><tbody>${repeat(
        r.items,
        t => t.id,
        t => html`<tr data-id=${t.id}>
            <td class="num"><a href="/desk/ticket.html?id=${t.id}">${t.id}</a></td>
            <td><a href="/desk/ticket.html?id=${t.id}">${t.subject}</a></td>
            <td>${t.queue}</td>
            <td>${t.status}</td>
            <td>${t.owner ?? html`<span class="muted">nobody</span>`}</td>
            <td>${t.site ?? nothing}</td>
            <td title=${when(t.due)}>${t.due ? ago(t.due) : html`<span class="muted">—</span>`}</td>
            <td title=${when(t.updatedAt)}>${ago(t.updatedAt)}</td>
        </tr>`
    )}</tbody></table>${pager(r)}`;
}

function pager(r) {
    const from = (r.page - 1) * r.size + 1;
    const to = from + r.items.length - 1;
    const pages = pageCount(r);
    return html`<div class="pager">
        <button class="secondary" ?disabled=${r.page <= 1} @click=${() => turn(-1)} title="[">Previous</button>
        <span class="range">${number.format(from)}–${number.format(to)} of ${r.more ? 'more than ' : ''}${number.format(r.total)}</span>
        <button class="secondary" ?disabled=${r.page >= pages} @click=${() => turn(1)} title="]">Next</button>
        ${state.loading ? html`<span class="muted">searching…</span>` : nothing}
    </div>`;
}

function savedItem(search) {
    const runIt = html`<button type="button" class="link run" @click=${() => run({ query: search.query, sort: search.sort || '-updated' })}
        title=${search.query}>${search.name}</button>`;
    if (!search.mine) return html`<li data-id=${search.id}>${runIt} <span class="muted">(${search.owner})</span></li>`;
    if (state.editing === search.id) {
        return html`<li data-id=${search.id}><form class="inline edit-search" @submit=${event => edit(event, search)}>
            <label>Name<input name="name" required maxlength="100" .value=${search.name}></label>
            <label>Query<input name="query" required spellcheck="false" .value=${search.query}></label>
            <label class="check"><input type="checkbox" name="shared" .checked=${search.shared}>Share with all staff</label>
            <button type="submit">Save</button>
            <button type="button" class="secondary" @click=${() => {
                state.editing = null;
                draw();
            }}>Cancel</button></form></li>`;
    }
    return html`<li data-id=${search.id}>${runIt} ${search.shared ? html`<span class="muted">(shared)</span>` : nothing}
        <span class="buttons"><button type="button" class="link edit" @click=${() => {
            state.editing = search.id;
            draw();
        }}>edit</button>
        <button type="button" class="link delete" @click=${event => remove(event.target, search)}>delete</button></span></li>`;
}

function saved() {
    const mine = state.saved.filter(s => s.mine);
    const shared = state.saved.filter(s => !s.mine);
    return html`<aside class="saved-searches card">
        <h2>Saved searches</h2>
        <h3>Mine</h3>
        ${mine.length ? html`<ul class="mine">${mine.map(savedItem)}</ul>` : html`<p class="muted">None yet.</p>`}
        <h3>Shared</h3>
        ${shared.length ? html`<ul class="shared">${shared.map(savedItem)}</ul>` : html`<p class="muted">None shared by others.</p>`}
        ${
            state.query.trim()
                ? html`<form class="save-search" @submit=${save}>
            <label>Save this search as<input name="name" required maxlength="100"></label>
            <label class="check"><input type="checkbox" name="shared">Share with all staff</label>
            <button type="submit">Save</button></form>`
                : nothing
        }
    </aside>`;
}

function draw() {
    render(
        html`${box()}<div class="search-layout"><div class="search-results">${results()}</div>${saved()}</div>`,
        main()
    );
}
