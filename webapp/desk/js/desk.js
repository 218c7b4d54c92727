// What every page of the desk shares: the signed-in session, the API client, the page frame with its
// navigation, feedback (toasts, problems in words, progress), the reason dialog, keyboard shortcuts and
// filters kept in the URL. Pages are plain ES modules: `const session = await start({...})`, then render.
import { html, render, nothing } from './lib.js';

const STAFF = ['csirt', 'coordinator'];

// Each entry is offered to the roles the API lets read what the page shows (docs/security.md); the Users page is
// every user's, for their own password, and an admin's for everyone's.
const NAV = [
    { id: 'home', href: '/desk/home.html', label: 'Today', key: 'h', roles: STAFF },
    { id: 'queues', href: '/desk/queues.html', label: 'Queues', key: 'q', roles: STAFF },
    { id: 'search', href: '/desk/search.html', label: 'Search', key: 'e', roles: STAFF },
    { id: 'campaigns', href: '/desk/campaigns.html', label: 'Campaigns', key: 'c', roles: [...STAFF, 'omb'] },
    { id: 'sites', href: '/desk/sites.html', label: 'Sites', key: 's', roles: [...STAFF, 'omb', 'rod'] },
    {
        id: 'suspensions',
        href: '/desk/suspensions.html',
        label: 'Suspensions',
        key: 'u',
        roles: [...STAFF, 'omb', 'rod']
    },
    { id: 'findings', href: '/desk/findings.html', label: 'Findings', key: 'f', roles: STAFF },
    { id: 'incidents', href: '/desk/incidents.html', label: 'Incidents', key: 'i', roles: STAFF },
    { id: 'reports', href: '/desk/reports.html', label: 'Reports', key: 'r', roles: [...STAFF, 'omb'] },
    { id: 'users', href: '/desk/users.html', label: 'Users', key: 'a', roles: ['admin'] }
];

/**
 * Where a user starts (after signing in, from `/` and the brand): what their roles work on first. Staff have
 * what to do today, the OMB the decisions waiting for it (on Campaigns), a ROD the register with its reinstatement
 * requests, an admin the users.
 */
export function homeOf(roles) {
    if (roles.some(role => STAFF.includes(role))) return '/desk/home.html';
    if (roles.includes('omb')) return '/desk/campaigns.html';
    if (roles.includes('rod')) return '/desk/suspensions.html';
    return '/desk/users.html';
}

let current = null;

// The roles of the session this tab last read: a page may ask for its data while it reads the session only when
// they will be allowed (a refused request would only fill the console).
const ROLES_SEEN = 'csirt-desk-roles';

/** Whether this tab's last session held one of the roles; true when no session was read yet. */
export function likelyHolds(...roles) {
    const seen = sessionStorage.getItem(ROLES_SEEN);
    return seen === null || roles.some(role => seen.split(' ').includes(role));
}

/** The API's refusal, with its words: `status`, `title`, `detail` and the field errors (`errors`). */
export class Problem extends Error {
    constructor(status, body) {
        super(body?.detail || body?.title || `the server answered ${status}`);
        this.status = status;
        this.title = body?.title || 'Request failed';
        this.detail = body?.detail || '';
        this.errors = body?.errors || [];
    }

    /**
     * One sentence for a person: the detail, then each field and why, unless the detail says it already (a single
     * field's refusal is its detail: "advisory: is required").
     */
    get words() {
        const said = this.detail || this.title;
        const fields = this.errors
            .filter(e => !(said.includes(e.field) && said.includes(e.reason)))
            .map(e => `${e.field}: ${e.reason}`)
            .join('; ');
        return [said, fields].filter(Boolean).join(' — ');
    }
}

/**
 * Calls the API with the session's cookie; a change carries the session's CSRF token. Answers the parsed
 * JSON (null for an empty answer) or throws a {@link Problem}. A 401 means the session ended: back to sign-in.
 */
export async function api(path, { method = 'GET', body, headers = {} } = {}) {
    const request = {
        method,
        credentials: 'same-origin',
        headers: { Accept: 'application/json', 'X-Requested-With': 'csirt-desk', ...headers }
    };
    if (method !== 'GET' && method !== 'HEAD' && current) {
        request.headers['X-CSRF-Token'] = current.csrfToken;
    }
    if (body !== undefined) {
        request.headers['Content-Type'] ??= 'application/json';
        request.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    let response;
    try {
        response = await fetch(path, request);
    } catch (e) {
        throw new Problem(0, {
            title: 'No answer',
            detail: 'the desk could not reach the server; check the connection and try again'
        });
    }
    const text = await response.text();
    const json = text && (response.headers.get('Content-Type') || '').includes('json') ? JSON.parse(text) : null;
    if (response.status === 401 && current) {
        signIn();
    }
    if (!response.ok) {
        throw new Problem(response.status, json);
    }
    return json ?? (text || null);
}

function signIn() {
    location.assign('/login.html?next=' + encodeURIComponent(location.pathname + location.search + location.hash));
}

/**
 * Starts a page: reads the session (no session: to the sign-in page), draws the frame with `title` and the
 * navigation entry `nav` marked, and answers the session `{name, roles, csrfToken}`; `title` may be a function
 * of the session. With `roles`, a user who
 * holds none of them sees why and where their own work is, and the page stops there: the promise never settles,
 * so the page's module waits quietly instead of failing with an uncaught error.
 */
export async function start({ title, nav, roles }) {
    let session;
    try {
        session = await api('/api/session');
    } catch (e) {
        if (e.status === 401) {
            signIn();
        } else {
            frame(null, titleOf(title, null), nav);
            showProblem(e);
        }
        return stop();
    }
    current = session;
    sessionStorage.setItem(ROLES_SEEN, session.roles.join(' '));
    frame(session, titleOf(title, session), nav);
    ticketStoreNotice();
    if (roles && !roles.some(role => hasRole(role))) {
        render(
            html`<div class="empty"><h2>Not for your roles</h2>
            <p>This page is for ${roles.join(' or ')}; you sign in as ${session.roles.join(', ')}.</p>
            <p><a class="button" href=${homeOf(session.roles)}>Go to your desk</a></p></div>`,
            main()
        );
        return stop();
    }
    return session;
}

/** A page's title: the words, or what a function of the session (null before there is one) answers. */
function titleOf(title, session) {
    const words = typeof title === 'function' ? title(session) : title;
    document.title = `${words} · CSIRT Desk`;
    return words;
}

/** A page that cannot go on (no session, or not for the user's roles) waits here for good. */
function stop() {
    return new Promise(() => {});
}

/**
 * Where the tickets are kept in RT too and RT does not answer or lacks what the application needs, every page says
 * so: the procedures go on and their tickets wait for RT. The ticket store's check of `/health/live` reads only the
 * server's memory, so asking on every page costs nothing.
 */
async function ticketStoreNotice() {
    let health;
    try {
        const response = await fetch('/health/live', { headers: { Accept: 'application/json' } });
        health = await response.json();
    } catch (e) {
        return;
    }
    const warning = (health.checks || []).find(check => check.name === 'ticket-store')?.data?.warning;
    let banner = document.getElementById('store-warning');
    if (!warning) {
        banner?.remove();
        return;
    }
    if (!banner) {
        banner = document.createElement('div');
        banner.id = 'store-warning';
        banner.className = 'store-warning';
        banner.setAttribute('role', 'alert');
        document.getElementById('shell').after(banner);
    }
    banner.textContent = `Request Tracker: ${warning}`;
}

/** Whether the signed-in user holds `role` (the desk offers only what the API would allow). */
export function hasRole(...roles) {
    return !!current && roles.some(role => current.roles.includes(role));
}

/** Where a page renders its content. */
export function main() {
    return document.getElementById('main');
}

function frame(session, title, nav) {
    let shell = document.getElementById('shell');
    if (!shell) {
        shell = document.createElement('div');
        shell.id = 'shell';
        document.body.prepend(shell);
    }
    const offered = NAV.filter(item => session && item.roles.some(role => session.roles.includes(role)));
    const toggle = event => {
        const header = event.target.closest('header');
        const open = header.classList.toggle('open');
        event.target.setAttribute('aria-expanded', String(open));
    };
    render(
        html`
        <a class="skip" href="#main" @click=${skipToContent}>Skip to the content</a>
        <header class="top">
            <a class="brand" href=${session ? homeOf(session.roles) : '/'}>CSIRT Desk</a>
            <button class="menu" type="button" aria-expanded="false" aria-controls="menu" @click=${toggle}>Menu</button>
            <nav id="menu" aria-label="Pages">${offered.map(
                item => html`<a href=${item.href} class=${item.id === nav ? 'active' : ''}
                    aria-current=${item.id === nav ? 'page' : nothing} title="g then ${item.key}">${item.label}</a>`
            )}</nav>
            ${
                session
                    ? html`<span class="account"><a class="who" href="/desk/users.html#your-password"
                    title="${session.roles.join(', ')}: change your password">${session.name}</a>
                <button class="link" @click=${signOut}>Sign out</button></span>`
                    : nothing
            }
        </header>
        <h1 class="page-title">${title}</h1>`,
        shell
    );
    if (!document.getElementById('main')) {
        const content = document.createElement('main');
        content.id = 'main';
        content.tabIndex = -1;
        content.setAttribute('aria-live', 'polite');
        shell.after(content);
        labelTableCells(content);
    }
    if (!document.getElementById('toasts')) {
        const toasts = document.createElement('div');
        toasts.id = 'toasts';
        toasts.setAttribute('role', 'status');
        document.body.append(toasts);
    }
    shortcuts(
        Object.fromEntries(
            offered.map(item => [
                `g ${item.key}`,
                { help: `go to ${item.label}`, run: () => location.assign(item.href) }
            ])
        )
    );
}

/** The skip link moves the keyboard's focus, not only the view, past the menu. */
function skipToContent(event) {
    event.preventDefault();
    main().focus();
}

/**
 * On a narrow screen a list's rows are stacked (desk.css), and each cell then shows its column's name before
 * it: the names are copied from the table's head into the cells as the pages draw them.
 */
function labelTableCells(content) {
    const label = () => {
        for (const table of content.querySelectorAll('table.list')) {
            const names = [...(table.tHead?.rows[0]?.cells ?? [])].map(cell => cell.textContent.trim());
            for (const body of table.tBodies) {
                for (const row of body.rows) {
                    if (row.cells.length !== names.length) continue;
                    [...row.cells].forEach((cell, i) => {
                        if (names[i] && cell.dataset.label !== names[i]) cell.dataset.label = names[i];
                    });
                }
            }
        }
    };
    new MutationObserver(label).observe(content, { childList: true, subtree: true });
}

/** Out of the desk; someone who came in through their identity provider is sent there to sign out too. */
async function signOut() {
    let next = '/login.html?signed-out';
    try {
        next = (await api('/api/session', { method: 'DELETE' }))?.providerSignOut ?? next;
    } finally {
        location.assign(next);
    }
}

/** A short message in the corner: `ok` fades away, `error` stays until clicked. */
export function toast(text, kind = 'ok') {
    const box = document.getElementById('toasts');
    const item = document.createElement('div');
    item.className = `toast ${kind}`;
    item.textContent = text;
    item.addEventListener('click', () => item.remove());
    box.append(item);
    if (kind !== 'error') {
        setTimeout(() => item.remove(), 5000);
    }
}

/** A problem (or any error) as an error toast, in words. */
export function showProblem(error) {
    toast(error instanceof Problem ? error.words : String(error.message || error), 'error');
}

/**
 * Runs an action from a button: disables the button while it runs, reports `done` on success and the
 * problem in words on failure. Answers the action's result, or undefined when it failed.
 */
export async function act(button, done, action) {
    if (button) button.disabled = true;
    try {
        const result = await action();
        if (done) toast(done);
        return result;
    } catch (e) {
        showProblem(e);
        return undefined;
    } finally {
        if (button) button.disabled = false;
    }
}

/**
 * Asks for the reason of an action in a modal dialog; answers the reason, or null when cancelled.
 * Every decision of the procedure carries one, and it lands in the history.
 */
export function askReason({ title, label = 'Reason', confirm = 'Confirm', extra } = {}) {
    return new Promise(resolve => {
        const dialog = document.createElement('dialog');
        dialog.className = 'reason';
        document.body.append(dialog);
        const finish = value => {
            dialog.close();
            dialog.remove();
            resolve(value);
        };
        const submit = event => {
            event.preventDefault();
            const reason = dialog.querySelector('textarea').value.trim();
            if (!reason) {
                dialog.querySelector('.field-error').textContent = 'Say why: the reason goes into the history.';
                return;
            }
            finish(reason);
        };
        render(
            html`<form @submit=${submit}>
            <h2>${title}</h2>
            ${extra ?? nothing}
            <label>${label}<textarea name="reason" rows="4" required></textarea></label>
            <p class="field-error" role="alert"></p>
            <div class="buttons"><button type="button" class="secondary" @click=${() => finish(null)}>Cancel</button>
                <button type="submit">${confirm}</button></div>
        </form>`,
            dialog
        );
        dialog.addEventListener('cancel', event => {
            event.preventDefault();
            finish(null);
        });
        dialog.showModal();
        dialog.querySelector('textarea').focus();
    });
}

/** A progress line for a long operation: `update(done, total)`, then `finish()`. */
export function progress(label) {
    const box = document.getElementById('toasts');
    const item = document.createElement('div');
    item.className = 'toast progress';
    box.append(item);
    const draw = (done, total) =>
        render(
            html`${label}<progress max=${total ?? nothing} value=${done ?? nothing}></progress>
        ${total ? html`<span>${done} / ${total}</span>` : nothing}`,
            item
        );
    draw();
    return { update: draw, finish: () => item.remove() };
}

/**
 * A sortable column's header: a click sorts the list by `field`, a second click reverses it; aria-sort says how the
 * list is sorted now (`sort` as the API takes it, e.g. `-due,id`). The arrow comes from the stylesheet, so that the
 * header's text stays the column's name for narrow screens.
 */
export function sortable(label, field, sort, onSort) {
    const first = (sort || '').split(',')[0];
    const order = first === field ? 'ascending' : first === '-' + field ? 'descending' : 'none';
    return html`<th aria-sort=${order}><button type="button" class="sort" data-sort=${field}
        title="Sort by ${label.toLowerCase()}" @click=${() => onSort(order === 'ascending' ? '-' + field : field)}>${label}</button></th>`;
}

/**
 * How many pages a page of search results says there are: a search of the full text counts its matches only up to a
 * cap (`more`: there are more than `total`), so there is then at least one page past the counted ones.
 */
export function pageCount(result) {
    return Math.max(1, Math.ceil(result.total / result.size)) + (result.more ? 1 : 0);
}

/** The page's filters, from the URL's query. */
export function params() {
    return Object.fromEntries(new URLSearchParams(location.search));
}

/** Keeps the filters in the URL (empty values dropped), so a view can be bookmarked and shared. */
export function setParams(values) {
    const query = new URLSearchParams(
        Object.entries(values).filter(([, v]) => v !== undefined && v !== null && v !== '')
    );
    const url = location.pathname + (query.size ? '?' + query : '');
    history.replaceState(null, '', url);
}

const bindings = new Map();
let pending = '';
let pendingTimer;

/**
 * Registers keyboard shortcuts: keys like `j`, `?` or sequences like `g q`, each `{help, run}`. Typing in a
 * field never triggers one; `?` lists them.
 */
export function shortcuts(map) {
    for (const [keys, binding] of Object.entries(map)) {
        bindings.set(keys, binding);
    }
}

document.addEventListener('keydown', event => {
    const target = event.target;
    if (
        event.ctrlKey ||
        event.metaKey ||
        event.altKey ||
        // A checkbox takes no letters: the queue list's selection boxes leave j, k and x to the list.
        target.closest?.('input:not([type=checkbox]), textarea, select, dialog, [contenteditable]') ||
        // Enter on a focused link or button follows it (the skip link, a ticket's link), never a page's shortcut.
        (event.key === 'Enter' && target.closest?.('a[href], button'))
    ) {
        return;
    }
    const keys = pending ? `${pending} ${event.key}` : event.key;
    if (event.key === '?') {
        event.preventDefault();
        showShortcuts();
        return;
    }
    if (bindings.has(keys)) {
        event.preventDefault();
        pending = '';
        bindings.get(keys).run(event);
        return;
    }
    if ([...bindings.keys()].some(k => k.startsWith(keys + ' '))) {
        pending = keys;
        clearTimeout(pendingTimer);
        pendingTimer = setTimeout(() => (pending = ''), 1500);
        return;
    }
    pending = '';
});

function showShortcuts() {
    const dialog = document.createElement('dialog');
    dialog.className = 'shortcuts';
    document.body.append(dialog);
    render(
        html`<h2>Keyboard shortcuts</h2><dl>${[...bindings].map(([keys, b]) => html`<dt><kbd>${keys}</kbd></dt><dd>${b.help}</dd>`)}</dl>
        <form method="dialog"><button>Close</button></form>`,
        dialog
    );
    dialog.addEventListener('close', () => dialog.remove());
    dialog.showModal();
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** An instant for people: the local date and time; empty for none. */
export function when(iso) {
    return iso ? dateTime.format(new Date(iso)) : '';
}

/** An instant relative to now ("in 3 days", "2 hours ago"). */
export function ago(iso) {
    if (!iso) return '';
    const seconds = (new Date(iso) - Date.now() - aheadMillis) / 1000;
    const units = [
        ['day', 86400],
        ['hour', 3600],
        ['minute', 60]
    ];
    for (const [unit, size] of units) {
        if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
    }
    return relative.format(Math.round(seconds), 'second');
}

/** Now by the application's clock (after followApplicationClock; ahead of the browser's in an exercise). */
export function now() {
    return new Date(Date.now() + aheadMillis);
}

/** Whether an instant has passed. */
export function overdue(iso) {
    return !!iso && new Date(iso) < Date.now() + aheadMillis;
}

/** What to show where a list is empty: what it means and what to do next. */
export function empty(title, next) {
    return html`<div class="empty"><h2>${title}</h2>${next ? html`<p>${next}</p>` : nothing}</div>`;
}

// In an exercise the application's clock runs ahead of the browser's: "3 days ago" and "overdue" follow the
// application's time, or a rehearsed deadline would read "in 8 days" after it passed.
let aheadMillis = 0;

/** Reads the application's clock once, so that ago() and overdue() follow it (pages showing procedure times). */
export async function followApplicationClock() {
    try {
        const clock = await api('/api/exercise/clock');
        aheadMillis = Math.max(0, new Date(clock.now) - Date.now());
    } catch (e) {
        // Relative times then follow the browser's clock, which is the application's outside an exercise.
        aheadMillis = 0;
    }
}
