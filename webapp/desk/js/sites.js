// Sites: the local copy of GOCDB, searchable by name and host, filtered by NGI and certification status.
import { html, render, nothing } from './lib.js';
import { start, api, main, showProblem, params, setParams, shortcuts, when, empty } from './desk.js';

const STATUSES = ['Certified', 'Uncertified', 'Candidate', 'Suspended', 'Closed'];
const SIZE = 50;

await start({ title: 'Sites', nav: 'sites', roles: ['csirt', 'coordinator', 'omb', 'rod'] });

const initial = params();
let filters = {
    q: initial.q ?? '',
    ngi: initial.ngi ?? '',
    status: initial.status ?? '',
    page: Number(initial.page ?? 1)
};
let ngis = [];
let result = null;
let selected = 0;

api('/api/ngis').then(list => {
    ngis = list;
    draw();
}, showProblem);

async function load() {
    setParams({ ...filters, page: filters.page > 1 ? filters.page : '' });
    const query = new URLSearchParams({ page: filters.page, size: SIZE });
    // A text with a dot is looked up as a host name first: "which site runs ce01.example.org?"
    const looksLikeHost = filters.q.includes('.');
    if (filters.q) query.set(looksLikeHost ? 'host' : 'q', filters.q);
    if (filters.ngi) query.set('ngi', filters.ngi);
    if (filters.status) query.set('status', filters.status);
    try {
        result = await api('/api/sites?' + query);
        if (looksLikeHost && result.total === 0) {
            query.delete('host');
            query.set('q', filters.q);
            result = await api('/api/sites?' + query);
        }
    } catch (e) {
        result = { items: [], total: 0, page: 1, size: SIZE };
        showProblem(e);
    }
    selected = 0;
    draw();
}

function change(values) {
    filters = { ...filters, ...values, page: values.page ?? 1 };
    load();
}

function statusBadge(status) {
    const kind = status === 'Certified' ? 'ok' : status === 'Suspended' ? 'bad' : status === 'Closed' ? '' : 'warn';
    return html`<span class="badge ${kind}">${status}</span>`;
}

function draw() {
    const pages = result ? Math.max(1, Math.ceil(result.total / SIZE)) : 1;
    render(
        html`
        <form class="filters" @submit=${e => {
            e.preventDefault();
            change({ q: e.target.q.value.trim() });
        }}>
            <label>Name or host <input id="q" name="q" type="search" placeholder="e.g. NIKHEF or ce01.example.org (/)" .value=${filters.q}></label>
            <label>NGI <select @change=${e => change({ ngi: e.target.value })}><option value="">all</option>
                ${ngis.map(n => html`<option ?selected=${filters.ngi === n.name}>${n.name}</option>`)}</select></label>
            <label>Certification <select @change=${e => change({ status: e.target.value })}><option value="">all</option>
                ${STATUSES.map(s => html`<option ?selected=${filters.status === s}>${s}</option>`)}</select></label>
            <button type="submit">Search</button>
        </form>
        ${
            result === null
                ? html`<p class="muted">Loading sites…</p>`
                : result.items.length === 0
                  ? empty(
                        'No site matches',
                        filters.q || filters.ngi || filters.status
                            ? 'Loosen the search or clear a filter.'
                            : 'The copy of GOCDB is empty: it fills at the next registry refresh.'
                    )
                  : html`<table class="list">
                <thead><tr><th>Site</th><th>NGI</th><th>Country</th><th>Certification</th><th>Time zone</th>
                    <th>Security contact</th><th>Confirmed by GOCDB</th></tr></thead>
                <tbody>${result.items.map(
                    (s, i) => html`<tr class=${i === selected ? 'selected' : ''}>
                    <td><a href="/desk/site.html?name=${encodeURIComponent(s.name)}">${s.name}</a>
                        ${s.absentSince ? html`<span class="badge warn">no longer in GOCDB</span>` : nothing}</td>
                    <td>${s.ngi}</td><td>${s.countryCode ?? ''}</td><td>${statusBadge(s.certificationStatus)}</td>
                    <td>${s.timeZone ?? ''}</td><td>${s.procedureContacts.siteSecurity ?? html`<span class="muted">none</span>`}</td>
                    <td class="muted">${when(s.confirmedAt)}</td></tr>`
                )}</tbody></table>
                <div class="pager">
                    <button class="secondary" ?disabled=${filters.page <= 1} @click=${() => change({ page: filters.page - 1 })}>Previous</button>
                    <span>page ${filters.page} of ${pages} · ${result.total} site(s)</span>
                    <button class="secondary" ?disabled=${filters.page >= pages} @click=${() => change({ page: filters.page + 1 })}>Next</button>
                </div>`
        }`,
        main()
    );
}

const open = () =>
    result?.items[selected] &&
    location.assign(`/desk/site.html?name=${encodeURIComponent(result.items[selected].name)}`);
shortcuts({
    j: {
        help: 'next site',
        run: () => {
            selected = Math.min(selected + 1, (result?.items.length ?? 1) - 1);
            draw();
        }
    },
    k: {
        help: 'previous site',
        run: () => {
            selected = Math.max(selected - 1, 0);
            draw();
        }
    },
    o: { help: 'open the site', run: open },
    Enter: { help: 'open the site', run: open },
    '/': { help: 'search', run: () => document.getElementById('q')?.focus() }
});

load();
