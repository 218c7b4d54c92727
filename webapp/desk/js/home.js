// Today: what a CSIRT officer or coordinator does now. The tickets the sites answered (waiting for the CSIRT), the
// user's own, the new ones nobody took, those due today or overdue, the deadlines of the next 24 hours across the
// queues and campaigns, and the letters that failed. New replies appear without a reload: the page asks every
// POLL_SECONDS for the most recently updated ticket (one indexed row) and reads the lists again only when it changed.
import { html, render, nothing } from './lib.js';
import {
    start,
    api,
    main,
    shortcuts,
    showProblem,
    toast,
    when,
    ago,
    overdue,
    empty,
    now,
    followApplicationClock
} from './desk.js';

const POLL_SECONDS = 30;
const DAY = 86_400_000;

const session = await start({ title: 'Today', nav: 'home', roles: ['csirt', 'coordinator'] });
await followApplicationClock();

const state = {
    waiting: null,
    mine: null,
    unowned: null,
    due: null,
    soon: null,
    campaigns: null,
    incidentDeadlines: null,
    failed: null,
    latest: null,
    replies: []
};

const tickets = async query => (await api('/api/tickets?' + new URLSearchParams(query))).items;

/** The end of today by the application's clock, in the browser's calendar. */
function endOfToday() {
    const today = now();
    return new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
}

async function load() {
    const at = now();
    const [waiting, mine, fresh, due, soon, campaigns, incidents, failed] = await Promise.all([
        tickets({ active: 'true', waitingForCsirt: 'true', sort: '-updated', size: 50 }),
        tickets({ active: 'true', owner: session.name, sort: 'due', size: 50 }),
        tickets({ status: 'new', sort: '-id', size: 100 }),
        tickets({ active: 'true', dueBefore: endOfToday().toISOString(), sort: 'due', size: 50 }),
        tickets({
            active: 'true',
            dueAfter: at.toISOString(),
            dueBefore: new Date(at.getTime() + DAY).toISOString(),
            sort: 'due',
            size: 50
        }),
        api('/api/campaigns?state=active&size=200'),
        api('/api/incidents?status=open&size=100'),
        failedLetters()
    ]);
    const within = iso => iso && new Date(iso) - at >= 0 && new Date(iso) - at < DAY;
    const seen = new Set((state.waiting ?? waiting).map(t => t.id));
    const replies = state.waiting === null ? [] : waiting.filter(t => !seen.has(t.id));
    Object.assign(state, {
        waiting,
        mine,
        unowned: fresh.filter(t => !t.owner),
        due,
        soon,
        campaigns: campaigns.filter(c => within(c.deadline)),
        // SEC01's deadlines of the affected sites (a report, an answer), still pending and due within the day.
        incidentDeadlines: incidents.flatMap(incident =>
            (incident.affectedSites ?? []).flatMap(site =>
                site.deadlines
                    .filter(deadline => deadline.state === 'pending' && within(deadline.due))
                    .map(deadline => ({ incident, site: site.site, deadline }))
            )
        ),
        failed
    });
    if (replies.length) {
        state.replies = [...replies, ...state.replies];
        toast(`New reply: ${replies.map(t => `#${t.id}`).join(', ')}`);
    }
    draw();
}

/** The letters refused for good: counted first (one grouped query), listed only when there are some. */
async function failedLetters() {
    const states = await api('/api/outbox/states');
    if (!states.failed) return [];
    return (await api('/api/outbox?size=200')).filter(letter => letter.state === 'failed');
}

/** Reads the lists again when a ticket changed since the last look. */
async function poll() {
    if (document.hidden) return;
    try {
        const [latest] = await tickets({ sort: '-updated', size: 1 });
        const mark = latest ? `${latest.id}@${latest.updatedAt}` : '';
        if (state.latest !== null && mark !== state.latest) await load();
        state.latest = mark;
    } catch (e) {
        // A missed look is made up by the next one; a lost session is sent to sign in by api().
    }
}

function ticketList(list, { none, due = true } = {}) {
    if (list === null) return html`<p class="muted">Loading…</p>`;
    if (!list.length) return html`<p class="muted">${none}</p>`;
    return html`<table class="list tickets"><thead><tr><th>#</th><th>Subject</th><th>Status</th><th>Owner</th>
        <th>Site</th>${due ? html`<th>Due</th>` : html`<th>Updated</th>`}</tr></thead>
        <tbody>${list.map(
            t => html`<tr data-id=${t.id}><td class="num"><a href="/desk/ticket.html?id=${t.id}">${t.id}</a></td>
            <td><a href="/desk/ticket.html?id=${t.id}">${t.subject}</a>
                ${t.waitingForCsirt ? html`<span class="badge responded">site responded</span>` : nothing}</td>
            <td>${t.status}</td><td>${t.owner ?? html`<span class="muted">nobody</span>`}</td><td>${t.site ?? ''}</td>
            <td>${
                due
                    ? t.due
                        ? html`<span class=${overdue(t.due) ? 'badge overdue' : ''} title=${when(t.due)}>${ago(t.due)}</span>`
                        : ''
                    : html`<span title=${when(t.updatedAt)}>${ago(t.updatedAt)}</span>`
            }</td></tr>`
        )}</tbody></table>`;
}

function section(id, title, count, body) {
    return html`<section class="part" id=${id}><h2>${title} ${count === null ? nothing : html`<span class="count">${count}</span>`}</h2>
        ${body}</section>`;
}

function repliesNotice() {
    if (!state.replies.length) return nothing;
    return html`<div class="notice" id="new-replies" role="status">New replies since you opened this page:
        ${state.replies.map(t => html`<a href="/desk/ticket.html?id=${t.id}">#${t.id} ${t.subject}</a> `)}
        <button class="link" @click=${() => {
            state.replies = [];
            draw();
        }}>Dismiss</button></div>`;
}

function draw() {
    const s = state;
    render(
        html`${repliesNotice()}
        ${section(
            'waiting',
            'Waiting for the CSIRT (the site replied)',
            s.waiting?.length ?? null,
            ticketList(s.waiting, { none: 'No site waits for an answer.', due: false })
        )}
        ${section('mine', 'Mine', s.mine?.length ?? null, ticketList(s.mine, { none: 'You own no active ticket.' }))}
        ${section(
            'unowned',
            'New, and nobody took them',
            s.unowned?.length ?? null,
            ticketList(s.unowned, { none: 'Every new ticket has an owner.', due: false })
        )}
        ${section(
            'due',
            'Due today or overdue',
            s.due?.length ?? null,
            ticketList(s.due, { none: 'Nothing is due today.' })
        )}
        ${section(
            'soon',
            'Deadlines in the next 24 hours',
            s.soon === null ? null : s.soon.length + s.campaigns.length + s.incidentDeadlines.length,
            html`${
                s.incidentDeadlines?.length
                    ? html`<ul>${s.incidentDeadlines.map(
                          ({
                              incident,
                              site,
                              deadline
                          }) => html`<li>Incident <a href="/desk/incident.html?id=${incident.id}"
                            >${incident.tag}</a>, ${site}: ${deadline.kind.replaceAll('_', ' ')} (${deadline.rule})
                            <span title=${when(deadline.due)}>${ago(deadline.due)}</span></li>`
                      )}</ul>`
                    : nothing
            }${
                s.campaigns?.length
                    ? html`<ul>${s.campaigns.map(
                          c => html`<li>Campaign <a href="/desk/campaign.html?id=${c.id}">#${c.id} ${c.title}</a>: its deadline
                        <span title=${when(c.deadline)}>${ago(c.deadline)}</span></li>`
                      )}</ul>`
                    : nothing
            }
            ${ticketList(s.soon, { none: 'No ticket of an incident, a campaign or a queue falls due in the next 24 hours.' })}`
        )}
        ${section(
            'failed',
            'Letters that failed',
            s.failed?.length ?? null,
            s.failed === null
                ? html`<p class="muted">Loading…</p>`
                : s.failed.length
                  ? html`<ul>${s.failed.map(
                        letter => html`<li>${letter.ticket ? html`<a href="/desk/ticket.html?id=${letter.ticket}">#${letter.ticket}</a>` : nothing}
                        ${letter.subject} to ${letter.to.join(', ')}: <span class="muted">${letter.error ?? 'failed'}</span></li>`
                    )}</ul>`
                  : html`<p class="muted">Every letter went out or is still being tried.</p>`
        )}
        <p class="hint">New replies appear here by themselves (a look every ${POLL_SECONDS} s). Keys: <kbd>r</kbd> reload.</p>`,
        main()
    );
}

shortcuts({ r: { help: 'read the lists again', run: () => load().catch(showProblem) } });

draw();
try {
    await load();
} catch (e) {
    showProblem(e);
}
await poll();
setInterval(poll, POLL_SECONDS * 1000);
