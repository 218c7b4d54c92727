// Users: an admin lists, adds, disables and enables users, changes their roles and e-mail address and sets
// new passwords, and reads what was done to each user and by whom; everyone can change their own password here.
// What the API refuses is never offered.
import { html, render, nothing } from './lib.js';
import {
    start,
    api,
    act,
    hasRole,
    main,
    params,
    setParams,
    shortcuts,
    toast,
    showProblem,
    when,
    empty
} from './desk.js';

const ROLES = ['csirt', 'coordinator', 'omb', 'rod', 'admin'];
const ROLE_HELP = {
    csirt: 'CSIRT staff: tickets, campaigns, decisions',
    coordinator: 'confirms suspensions',
    omb: 'reads campaigns, vetoes suspensions',
    rod: 'requests reinstatements',
    admin: 'manages users'
};
const MIN_PASSWORD = 12;

const session = await start({
    title: session => (session?.roles.includes('admin') ? 'Users' : 'Your password'),
    nav: 'users'
});
const admin = hasRole('admin');
const state = {
    users: [],
    selected: 0,
    filter: params().q || '',
    disabled: params().disabled !== 'hide',
    adding: false,
    generated: null,
    handOver: null,
    loading: admin,
    changes: null
};

/** A password of 20 characters from 56 (about 116 bits), without look-alikes (0/O, 1/l/I). */
function generatePassword() {
    const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
    const bytes = crypto.getRandomValues(new Uint8Array(20));
    return Array.from(bytes, b => alphabet[b % alphabet.length]).join('');
}

function visible() {
    const q = state.filter.trim().toLowerCase();
    return state.users.filter(
        u =>
            (state.disabled || u.enabled) &&
            (!q || u.name.includes(q) || (u.email || '').toLowerCase().includes(q) || u.roles.some(r => r === q))
    );
}

async function load() {
    if (!admin) return;
    try {
        state.users = await api('/api/users');
    } catch (e) {
        showProblem(e);
    } finally {
        state.loading = false;
    }
    draw();
}

/** The selected user's changes, read when the selection moves to them and again after each change. */
async function loadChanges(name) {
    state.changes = { name, list: null };
    try {
        const list = await api(`/api/users/${encodeURIComponent(name)}/changes`);
        if (state.changes.name === name) state.changes.list = list;
    } catch (e) {
        showProblem(e);
    }
    draw();
}

function changes(user) {
    if (state.changes?.name !== user.name) {
        state.changes = { name: user.name, list: null };
        queueMicrotask(() => loadChanges(user.name));
    }
    const list = state.changes?.name === user.name ? state.changes.list : null;
    return html`<section class="card" id="user-changes"><h3>What was done to ${user.name}</h3>
        ${
            list === null
                ? html`<p class="muted">Loading the changes…</p>`
                : html`<ol class="changes">${list.map(
                      change => html`
            <li><span title=${change.at}>${when(change.at)}</span>, ${change.actor}: ${change.summary}</li>`
                  )}</ol>`
        }
    </section>`;
}

function draw() {
    render(
        html`${admin ? adminView() : nothing}<section class="columns">${ownPassword()}${ownSessions()}</section>`,
        main()
    );
}

function adminView() {
    const users = visible();
    const selected = users[Math.min(state.selected, users.length - 1)];
    return html`
        <div class="filters">
            <label>Search <input id="search" type="search" placeholder="name, e-mail or role" .value=${state.filter}
                @input=${e => {
                    state.filter = e.target.value;
                    state.selected = 0;
                    keepFilters();
                    draw();
                }}></label>
            <label><input type="checkbox" .checked=${state.disabled}
                @change=${e => {
                    state.disabled = e.target.checked;
                    keepFilters();
                    draw();
                }}> show disabled users</label>
            <button @click=${() => {
                state.adding = !state.adding;
                state.generated = null;
                state.handOver = null;
                draw();
            }}
                title="n">${state.adding ? 'Close the form' : 'Add a user'}</button>
        </div>
        ${state.adding ? addForm() : nothing}
        ${
            state.handOver
                ? html`<section class="card" role="alert"><h3>Added ${state.handOver.name}</h3>
            <p>Their password is <kbd>${state.handOver.password}</kbd>. Give it to them now, by a safe way: it is not
            shown again. They can change it on this page.</p>
            <div class="actions"><button @click=${() => {
                state.handOver = null;
                draw();
            }}>Done</button></div></section>`
                : nothing
        }
        ${
            state.loading
                ? html`<p class="muted">Loading the users…</p>`
                : users.length === 0
                  ? empty(
                        state.users.length ? 'No user fits the search' : 'No users yet',
                        state.users.length
                            ? 'Clear the search or show disabled users.'
                            : 'Add the first user with “Add a user”.'
                    )
                  : html`<table class="list">
                <thead><tr><th>Name</th><th>Roles</th><th>E-mail</th><th>State</th><th>Added</th></tr></thead>
                <tbody>${users.map(
                    (u, i) => html`<tr class=${u === selected ? 'selected' : ''}
                        @click=${() => {
                            state.selected = i;
                            draw();
                        }}>
                    <td>${u.name}</td><td>${u.roles.join(', ')}</td><td>${u.email || html`<span class="muted">none</span>`}</td>
                    <td>${u.enabled ? html`<span class="badge ok">enabled</span>` : html`<span class="badge bad">disabled</span>`}</td>
                    <td title=${when(u.createdAt)}>${when(u.createdAt)} by ${u.createdBy}</td></tr>`
                )}</tbody>
            </table>
            ${selected ? editor(selected) : nothing}`
        }`;
}

function roleBoxes(name, checked) {
    return html`<fieldset><legend>Roles</legend>${ROLES.map(
        role => html`<label title=${ROLE_HELP[role]}>
        <input type="checkbox" name=${name} value=${role} .checked=${checked.includes(role)}> ${role}
        <span class="muted">— ${ROLE_HELP[role]}</span></label>`
    )}</fieldset>`;
}

function checkedRoles(form, name) {
    return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map(box => box.value);
}

function addForm() {
    const submit = async event => {
        event.preventDefault();
        const form = event.target;
        const body = {
            name: form.elements.name.value.trim(),
            password: form.elements.password.value,
            roles: checkedRoles(form, 'new-roles'),
            email: form.elements.email.value.trim() || null
        };
        const added = await act(form.querySelector('button[type=submit]'), `Added ${body.name}`, () =>
            api('/api/users', { method: 'POST', body })
        );
        if (added) {
            state.users = [...state.users.filter(u => u.name !== added.name), added].sort((a, b) =>
                a.name.localeCompare(b.name)
            );
            state.adding = false;
            state.handOver = state.generated === null ? null : { name: added.name, password: body.password };
            state.generated = null;
            form.reset();
            state.filter = '';
            state.selected = visible().indexOf(state.users.find(u => u.name === added.name));
            draw();
        }
    };
    const generate = () => {
        state.generated = generatePassword();
        draw();
    };
    return html`<form class="card" @submit=${submit}>
        <h3>Add a user</h3>
        <label>Name <input name="name" required pattern="[a-z0-9][a-z0-9._\\-]{0,63}" autocomplete="off"
            title="1 to 64 lower-case letters, digits, '.', '_' or '-'; it is the name in every history entry and never changes"></label>
        <label>E-mail <input name="email" type="email" autocomplete="off"></label>
        ${roleBoxes('new-roles', ['csirt'])}
        <label>Password <input name="password" type="text" required minlength=${MIN_PASSWORD} autocomplete="new-password"
            .value=${state.generated ?? ''}></label>
        <div class="actions"><button type="button" class="secondary" @click=${generate}>Generate a password</button></div>
        ${state.generated ? html`<p class="muted">Shown once more after adding the user, then never again.</p>` : nothing}
        <div class="actions"><button type="submit">Add the user</button></div>
    </form>`;
}

function editor(user) {
    const own = user.name === session.name;
    const patch = async (button, body, done) => {
        const changed = await act(button, done, () =>
            api(`/api/users/${encodeURIComponent(user.name)}`, { method: 'PATCH', body })
        );
        if (changed) {
            state.users = state.users.map(u => (u.name === changed.name ? changed : u));
            loadChanges(changed.name);
        }
        return changed;
    };
    const saveDetails = event => {
        event.preventDefault();
        const form = event.target;
        patch(
            form.querySelector('button[type=submit]'),
            { roles: checkedRoles(form, 'edit-roles'), email: form.elements.email.value.trim() || null },
            `Saved ${user.name}'s roles and e-mail address`
        );
    };
    const resetPassword = async event => {
        event.preventDefault();
        const form = event.target;
        const password = form.elements.password.value;
        const done = await patch(
            form.querySelector('button[type=submit]'),
            { password },
            `${user.name} has a new password; give it to them by a safe way`
        );
        if (done) form.reset();
    };
    const toggle = event =>
        patch(
            event.target,
            { enabled: !user.enabled },
            user.enabled
                ? `Disabled ${user.name}: their sessions and API access end within the login cache time`
                : `Enabled ${user.name} again`
        );
    const endSessions = async event => {
        const ended = await act(event.target, null, () =>
            api(`/api/users/${encodeURIComponent(user.name)}/sessions`, { method: 'DELETE' })
        );
        if (ended) {
            toast(`Signed ${user.name} out everywhere: ${ended.ended} desk session(s) ended`);
            loadChanges(user.name);
        }
    };
    return html`<section class="columns">
        <form class="card" @submit=${saveDetails}>
            <h3>${user.name}</h3>
            <label>E-mail <input name="email" type="email" .value=${user.email || ''}></label>
            ${roleBoxes('edit-roles', user.roles)}
            <div class="actions"><button type="submit">Save roles and e-mail</button>
                ${
                    own
                        ? nothing
                        : html`<button type="button" class=${user.enabled ? 'danger' : ''} @click=${toggle}>
                    ${user.enabled ? 'Disable' : 'Enable'}</button>
                    <button type="button" class="secondary" @click=${endSessions}
                        title="Ends every desk session of ${user.name} (a lost laptop); HTTP Basic clients are not affected">Sign out everywhere</button>`
                }</div>
            ${own ? html`<p class="muted">You cannot disable yourself here; another admin can.</p>` : nothing}
        </form>
        ${
            own
                ? nothing
                : html`<form class="card" @submit=${resetPassword}>
            <h3>Set a new password</h3>
            <label>New password <input name="password" type="text" required minlength=${MIN_PASSWORD} autocomplete="new-password"></label>
            <div class="actions"><button type="button" class="secondary"
                @click=${e => {
                    e.target.form.elements.password.value = generatePassword();
                }}>Generate</button>
                <button type="submit">Set the password</button></div>
        </form>`
        }
    </section>
    ${changes(user)}`;
}

function ownPassword() {
    if (session.name.startsWith('oidc:')) {
        return html`<section class="card" id="your-password"><h3>Your password</h3>
            <p class="muted">You signed in with your identity provider; your password is kept there, not here.</p></section>`;
    }
    const submit = async event => {
        event.preventDefault();
        const form = event.target;
        if (form.elements.password.value !== form.elements.again.value) {
            toast('The two new passwords differ; type the same one twice.', 'error');
            return;
        }
        const done = await act(form.querySelector('button[type=submit]'), 'Your password is changed', () =>
            api(`/api/users/${encodeURIComponent(session.name)}`, {
                method: 'PATCH',
                body: { password: form.elements.password.value, currentPassword: form.elements.current.value }
            })
        );
        if (done) form.reset();
    };
    return html`<form class="card" id="your-password" @submit=${submit}>
        <h3>Your password</h3>
        <label>Current password <input name="current" type="password" required autocomplete="current-password"></label>
        <label>New password <input name="password" type="password" required minlength=${MIN_PASSWORD} autocomplete="new-password"></label>
        <label>New password again <input name="again" type="password" required minlength=${MIN_PASSWORD} autocomplete="new-password"></label>
        <div class="actions"><button type="submit">Change your password</button></div>
    </form>`;
}

/** Signs the user out of the desk in every browser and on every instance, this one included. */
function ownSessions() {
    const everywhere = async event => {
        const ended = await act(event.target, null, () =>
            api(`/api/users/${encodeURIComponent(session.name)}/sessions`, { method: 'DELETE' })
        );
        if (ended) location.assign('/login.html?signed-out');
    };
    return html`<section class="card" id="your-sessions"><h3>Your sessions</h3>
        <p class="muted">Signed in on another computer or phone you no longer have? End every desk session of yours,
            this one included.</p>
        <div class="actions"><button type="button" class="secondary" @click=${everywhere}>Sign out everywhere</button></div>
    </section>`;
}

function keepFilters() {
    setParams({ q: state.filter, disabled: state.disabled ? '' : 'hide' });
}

function move(step) {
    const count = visible().length;
    if (!count) return;
    state.selected = Math.max(0, Math.min(count - 1, state.selected + step));
    draw();
    document.querySelector('table.list tr.selected')?.scrollIntoView({ block: 'nearest' });
}

if (admin) {
    shortcuts({
        j: { help: 'next user', run: () => move(1) },
        k: { help: 'previous user', run: () => move(-1) },
        o: {
            help: 'edit the selected user',
            run: () => document.querySelector('section.columns input[name=email]')?.focus()
        },
        Enter: {
            help: 'edit the selected user',
            run: () => document.querySelector('section.columns input[name=email]')?.focus()
        },
        '/': { help: 'search users', run: () => document.getElementById('search')?.focus() },
        n: {
            help: 'add a user',
            run: () => {
                state.adding = true;
                draw();
                document.querySelector('input[name=name]')?.focus();
            }
        }
    });
}
draw();
load();
