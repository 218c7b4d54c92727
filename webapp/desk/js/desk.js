// What every page of the desk shares: the signed-in session, the API client, the page frame with its
// navigation, feedback (toasts, problems in words, progress), the reason dialog, keyboard shortcuts and
// filters kept in the URL. Pages are plain ES modules: `const session = await start({...})`, then render.
import { html, render, nothing } from './lib.js';

const NAV = [
    { id: 'queues', href: '/desk/queues.html', label: 'Queues', key: 'q' },
    { id: 'campaigns', href: '/desk/campaigns.html', label: 'Campaigns', key: 'c' },
    { id: 'sites', href: '/desk/sites.html', label: 'Sites', key: 's' },
    { id: 'suspensions', href: '/desk/suspensions.html', label: 'Suspensions', key: 'u' },
    { id: 'findings', href: '/desk/findings.html', label: 'Findings', key: 'f' },
    { id: 'incidents', href: '/desk/incidents.html', label: 'Incidents', key: 'i', roles: ['csirt', 'coordinator'] },
    { id: 'users', href: '/desk/users.html', label: 'Users', key: 'a', roles: ['admin'] },
    { id: 'reports', href: '/desk/reports.html', label: 'Reports', key: 'r', roles: ['csirt', 'coordinator', 'omb'] }
];

let current = null;

/** The API's refusal, with its words: `status`, `title`, `detail` and the field errors (`errors`). */
export class Problem extends Error {
    constructor(status, body) {
        super(body?.detail || body?.title || `the server answered ${status}`);
        this.status = status;
        this.title = body?.title || 'Request failed';
        this.detail = body?.detail || '';
        this.errors = body?.errors || [];
    }

    /** One sentence for a person: the detail, then each field and why. */
    get words() {
        const fields = this.errors.map(e => `${e.field}: ${e.reason}`).join('; ');
        return [this.detail || this.title, fields].filter(Boolean).join(' — ');
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
 * navigation entry `nav` marked, and answers the session `{name, roles, csrfToken}`. With `roles`, a user who
 * holds none of them sees why, and the page stops.
 */
export async function start({ title, nav, roles }) {
    document.title = `${title} · CSIRT Desk`;
    let session;
    try {
        session = await api('/api/session');
    } catch (e) {
        if (e.status === 401) {
            signIn();
        } else {
            frame(null, title, nav);
            showProblem(e);
        }
        throw e;
    }
    current = session;
    frame(session, title, nav);
    ticketStoreNotice();
    if (roles && !roles.some(role => hasRole(role))) {
        render(
            html`<div class="empty"><h2>Not for your roles</h2>
            <p>This page is for ${roles.join(' or ')}; you sign in as ${session.roles.join(', ')}.</p></div>`,
            main()
        );
        throw new Error('not for these roles');
    }
    return session;
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
    render(
        html`
        <header class="top">
            <a class="brand" href="/desk/queues.html">CSIRT Desk</a>
            <nav>${NAV.filter(item => !item.roles || (session && item.roles.some(r => session.roles.includes(r)))).map(
                item => html`<a href=${item.href} class=${item.id === nav ? 'active' : ''}
                    title="g then ${item.key}">${item.label}</a>`
            )}</nav>
            ${
                session
                    ? html`<span class="who" title=${session.roles.join(', ')}>${session.name}</span>
                <button class="link" @click=${signOut}>Sign out</button>`
                    : nothing
            }
        </header>
        <h1 class="page-title">${title}</h1>`,
        shell
    );
    if (!document.getElementById('main')) {
        const content = document.createElement('main');
        content.id = 'main';
        content.setAttribute('aria-live', 'polite');
        shell.after(content);
    }
    if (!document.getElementById('toasts')) {
        const toasts = document.createElement('div');
        toasts.id = 'toasts';
        toasts.setAttribute('role', 'status');
        document.body.append(toasts);
    }
    shortcuts(
        Object.fromEntries(
            NAV.map(item => [`g ${item.key}`, { help: `go to ${item.label}`, run: () => location.assign(item.href) }])
        )
    );
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
        target.closest?.('input, textarea, select, dialog, [contenteditable]')
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
