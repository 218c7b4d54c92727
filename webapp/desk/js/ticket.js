// One ticket: its header, contacts, links (to incidents, linked and unlinked here, and RT's "refers to" between any
// two tickets), the history with mails in and out (quoted history folded, attachments listed, mail for review marked, each letter's recipients and send state, a
// merged ticket's entries marked with their origin), and the work on it: reply by mail or
// comment (each from a canned text, edited before sending), status along the lifecycle, owner (given to a user who
// works tickets, taken when nobody owns it, stolen on purpose), TLP, merge into another ticket, the minutes worked on
// each reply and comment; printed without the forms.
import { html, render, nothing, live } from './lib.js';
import {
    start,
    api,
    main,
    params,
    shortcuts,
    toast,
    showProblem,
    act,
    askReason,
    when,
    ago,
    overdue,
    empty,
    followApplicationClock,
    Problem
} from './desk.js';
import { customFieldInput, errorOf, looksLikeAddress, splitAddresses } from './fields.js';

const id = parseInt(params().id, 10);
const state = {
    ticket: null,
    history: [],
    mails: [],
    outbox: [],
    templates: [],
    /** The users who may own tickets, for the owner picker. */
    owners: [],
    /** Steal was clicked: its confirmation is shown. */
    stealing: false,
    site: null,
    incidents: [],
    children: [],
    refersTo: [],
    referredToBy: [],
    /** The open incidents, for the picker of the Links card. */
    openIncidents: [],
    campaign: null,
    kase: null,
    /** The addresses the ticket's letters go to whose latest letter bounced: address → {since, reason}. */
    unreachable: new Map(),
    /** The number of the ticket to merge this one into, once asked: the confirmation is shown. */
    mergeInto: null,
    /** The queue's custom field definitions, for the typed editors. */
    fieldDefinitions: [],
    /** The contacts and custom fields being edited: the addresses typed, the values changed, the API's refusal. */
    edit: { requestors: '', cc: '', fields: {}, problem: null },
    reply: { subject: '', body: '', template: '', timeWorked: '' },
    comment: { body: '', template: '', timeWorked: '' }
};

const session = await start({ title: 'Ticket', nav: 'queues', roles: ['csirt', 'coordinator'] });

shortcuts({
    r: { help: 'write a reply', run: () => document.getElementById('reply-body')?.focus() },
    c: { help: 'write a comment', run: () => document.getElementById('comment-body')?.focus() },
    t: { help: 'take the ticket', run: () => document.getElementById('take')?.click() },
    p: { help: 'print the ticket', run: () => window.print() },
    u: {
        help: 'back to the queue',
        run: () => (history.length > 1 ? history.back() : location.assign('/desk/queues.html'))
    }
});

// A printed ticket shows its whole history: the folded quotes too.
window.addEventListener('beforeprint', () => document.querySelectorAll('details.quoted').forEach(d => (d.open = true)));

if (!Number.isSafeInteger(id) || id < 1) {
    render(empty('No ticket named', 'Open a ticket from the Queues page (the address needs ?id=<number>).'), main());
} else {
    await load();
}

async function load() {
    try {
        const [ticket, history, mails, outbox, templates, owners] = await Promise.all([
            api(`/api/tickets/${id}`),
            api(`/api/tickets/${id}/history`),
            api(`/api/tickets/${id}/mails`),
            api(`/api/outbox?ticket=${id}&size=500`),
            api(`/api/tickets/${id}/templates`),
            api('/api/users/owners').catch(() => []),
            followApplicationClock()
        ]);
        if (ticket.id !== id) {
            // A merged ticket answers with its survivor: go there, and say why.
            location.replace(`/desk/ticket.html?id=${ticket.id}&from=${id}`);
            return;
        }
        Object.assign(state, { ticket, history, mails, outbox, templates, owners });
        document.title = `${ticket.tag} ${ticket.subject} · CSIRT Desk`;
        draw();
        loadSurroundings(ticket);
        loadFieldDefinitions(ticket);
    } catch (e) {
        if (e.status === 404) {
            render(
                empty(`There is no ticket #${id}`, 'Check the number, or find the ticket on the Queues page.'),
                main()
            );
        } else if (e.status === 403) {
            render(html`<div class="refusal"><h2>You may not open this ticket</h2><p>${e.words}</p></div>`, main());
        } else {
            render(empty('The ticket could not be loaded', e.words ?? String(e)), main());
            showProblem(e);
        }
    }
}

/** What the ticket belongs to and who it writes to; drawn when it arrives, the ticket is readable before. */
async function loadSurroundings(ticket) {
    const quietly = promise => promise.catch(() => null);
    const each = numbers => Promise.all((numbers ?? []).map(n => quietly(api(`/api/tickets/${n}`))));
    const [site, incidents, children, campaigns, openIncidents, refersTo, referredToBy] = await Promise.all([
        ticket.site ? quietly(api(`/api/sites/${encodeURIComponent(ticket.site)}`)) : null,
        each(ticket.incidents),
        ticket.queue === 'incidents' ? quietly(api(`/api/tickets?incident=${ticket.id}&size=100&sort=queue,id`)) : null,
        quietly(api('/api/campaigns?size=200')),
        ticket.queue === 'incidents'
            ? null
            : quietly(api('/api/tickets?queue=incidents&active=true&size=200&sort=-id')),
        each(ticket.refersTo),
        each(ticket.referredToBy)
    ]);
    const incidentIds = ticket.queue === 'incidents' ? [ticket.id] : ticket.incidents;
    const campaign = (campaigns ?? []).find(c => incidentIds.includes(c.incident)) ?? null;
    let kase = null;
    if (campaign && ticket.site && ticket.queue === 'investigations') {
        const cases = await quietly(api(`/api/campaigns/${campaign.id}/cases?site=${encodeURIComponent(ticket.site)}`));
        kase = (cases ?? []).find(c => c.ticket === ticket.id) ?? null;
    }
    const procedure = site?.procedureContacts;
    const addresses = [
        ...ticket.requestors,
        ...ticket.cc,
        ...(procedure ? [...procedure.administrators, procedure.siteSecurity, ...procedure.ngiSecurity] : [])
    ].filter(Boolean);
    const unreachable = addresses.length
        ? await quietly(
              api(
                  `/api/outbox/unreachable?${addresses
                      .slice(0, 200)
                      .map(a => `address=${encodeURIComponent(a)}`)
                      .join('&')}`
              )
          )
        : [];
    Object.assign(state, {
        unreachable: new Map((unreachable ?? []).map(u => [u.address, u])),
        site,
        incidents: incidents.filter(Boolean),
        children: children?.items ?? [],
        openIncidents: openIncidents?.items ?? [],
        refersTo: refersTo.filter(Boolean),
        referredToBy: referredToBy.filter(Boolean),
        campaign,
        kase
    });
    draw();
}

async function reload() {
    const [ticket, history, mails, outbox] = await Promise.all([
        api(`/api/tickets/${id}`),
        api(`/api/tickets/${id}/history`),
        api(`/api/tickets/${id}/mails`),
        api(`/api/outbox?ticket=${id}&size=500`)
    ]);
    Object.assign(state, { ticket, history, mails, outbox });
    draw();
}

/** A change of fields, as a merge patch checked against the version shown (someone else may have changed it). */
function patch(button, done, fields) {
    return act(button, done, async () => {
        await api(`/api/tickets/${id}`, {
            method: 'PATCH',
            body: fields,
            headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': `"${state.ticket.version}"` }
        });
        await reload();
    });
}

/** Take (nobody owns the ticket) or steal (someone else does): the caller becomes the owner. */
function own(button, how) {
    return act(
        button,
        how === 'steal' ? `You own #${id}: taken from ${state.ticket.owner}` : `You own #${id}`,
        async () => {
            await api(`/api/tickets/${id}/${how}`, {
                method: 'POST',
                headers: { 'If-Match': `"${state.ticket.version}"` }
            });
            state.stealing = false;
            await reload();
        }
    );
}

async function changeStatus(event) {
    const select = event.target;
    const target = select.value;
    select.value = '';
    if (!target) return;
    const reason = await askReason({
        title: `Change #${id} to ${target}`,
        label: 'Why (kept in the history)',
        confirm: `Make it ${target}`
    });
    if (reason === null) return;
    await act(select, `#${id} is ${target}`, async () => {
        await api(`/api/tickets/${id}/status`, {
            method: 'POST',
            body: { status: target, reason },
            headers: { 'If-Match': `"${state.ticket.version}"` }
        });
        await reload();
    });
}

function useTemplate(kind, name) {
    const chosen = state.templates.find(t => t.name === name);
    const draft = state[kind];
    draft.template = name;
    if (chosen?.error) {
        toast(`The template ${chosen.title} is broken: ${chosen.error}`, 'error');
    } else if (chosen) {
        draft.body = chosen.body;
        if (kind === 'reply') draft.subject = chosen.subject;
    }
    draw();
    document.getElementById(`${kind}-body`)?.focus();
}

/** The minutes typed in a form's "time worked" field, as the API takes them: a number, or null when left empty. */
function minutes(typed) {
    return String(typed ?? '').trim() === '' ? null : Number(typed);
}

async function sendReply(event) {
    event.preventDefault();
    const button = event.target.querySelector('button[type=submit]');
    const { subject, body } = state.reply;
    const timeWorked = minutes(state.reply.timeWorked);
    if (!body.trim()) {
        toast('Write the reply first (or choose a template).', 'error');
        return;
    }
    // A reply started from a history entry answers that mail (In-Reply-To); else it threads to the latest letter.
    const path = state.reply.inReplyTo
        ? `/api/tickets/${id}/history/${state.reply.inReplyTo}/reply`
        : `/api/tickets/${id}/replies`;
    const sent = await act(button, null, () =>
        api(path, {
            method: 'POST',
            body: { subject, content: body, timeWorked },
            headers: { 'If-Match': `"${state.ticket.version}"` }
        })
    );
    if (sent) {
        const letter = sent.message?.to ? sent.message : sent;
        toast(`Reply queued to ${[...letter.to, ...letter.cc].join(', ')}`);
        state.reply = { subject: '', body: '', template: '', timeWorked: '' };
        await reload();
    }
}

async function sendComment(event) {
    event.preventDefault();
    const button = event.target.querySelector('button[type=submit]');
    if (!state.comment.body.trim()) {
        toast('Write the comment first (or choose a template).', 'error');
        return;
    }
    const done = await act(button, 'Comment added', () =>
        api(`/api/tickets/${id}/comments`, {
            method: 'POST',
            body: { content: state.comment.body, timeWorked: minutes(state.comment.timeWorked) },
            headers: { 'If-Match': `"${state.ticket.version}"` }
        })
    );
    if (done) {
        state.comment = { body: '', template: '', timeWorked: '' };
        await reload();
    }
}

/**
 * The history with the mails merged in: a received mail takes the place of the entry it caused (same sender, a few
 * seconds apart); a letter from the outbox is shown on the correspondence that has its text; mails and letters with
 * no entry (our own mail come back, the owner's notices) stand on their own, in time order.
 */
function timeline() {
    const entries = state.history.map(entry => ({ at: entry.at, entry }));
    const free = entry => !entry.mail && !entry.letter;
    for (const mail of state.mails) {
        const actor = 'mail:' + (mail.from ?? 'unknown sender');
        const match = entries.find(
            item =>
                item.entry &&
                free(item) &&
                item.entry.actor === actor &&
                ['correspond', 'comment', 'create'].includes(item.entry.type) &&
                Math.abs(new Date(item.at) - new Date(mail.receivedAt)) < 5000
        );
        if (match) match.mail = mail;
        else entries.push({ at: mail.receivedAt, mail });
    }
    for (const letter of [...state.outbox].reverse()) {
        const match = entries.find(
            item =>
                item.entry &&
                free(item) &&
                ['correspond', 'create'].includes(item.entry.type) &&
                item.entry.content === letter.body
        );
        if (match) match.letter = letter;
        else entries.push({ at: letter.createdAt, letter });
    }
    return entries.sort((a, b) => new Date(a.at) - new Date(b.at));
}

/** Reply to one message: the reply form, quoting it, answers that mail. */
function replyTo(entry, from) {
    const quoted = (entry.content ?? '')
        .split('\n')
        .map(line => `> ${line}`)
        .join('\n');
    state.reply = {
        subject: '',
        body: `On ${when(entry.at)}, ${from} wrote:\n${quoted}\n\n`,
        template: '',
        timeWorked: state.reply.timeWorked ?? '',
        inReplyTo: entry.id,
        quoting: `${from}, ${when(entry.at)}`
    };
    draw();
    const body = document.getElementById('reply-body');
    body?.scrollIntoView({ block: 'center' });
    body?.focus();
}

/**
 * Forward one message to a third party: to whom, Cc, a note; a TLP:RED ticket asks for an explicit confirmation.
 * The API's refusals (a list, RED unconfirmed) stay in the dialog, next to their fields.
 */
function forward(entry, from) {
    const dialog = document.createElement('dialog');
    dialog.className = 'wide forward';
    document.body.append(dialog);
    const red = state.ticket.tlp === 'RED';
    let problem = null;
    const close = () => {
        dialog.close();
        dialog.remove();
    };
    const submit = async event => {
        event.preventDefault();
        const form = new FormData(dialog.querySelector('form'));
        const body = {
            to: splitAddresses(form.get('to')),
            cc: splitAddresses(form.get('cc')),
            note: form.get('note') || undefined,
            confirmRed: form.get('confirmRed') === 'on'
        };
        const button = dialog.querySelector('button[type=submit]');
        button.disabled = true;
        try {
            const sent = await api(`/api/tickets/${id}/history/${entry.id}/forward`, {
                method: 'POST',
                body,
                headers: { 'If-Match': `"${state.ticket.version}"` }
            });
            close();
            toast(
                `Forwarded to ${[...sent.to, ...sent.cc].join(', ')}${sent.attachments ? ` with ${sent.attachments} attachment(s)` : ''}`
            );
            await reload();
        } catch (e) {
            problem = e instanceof Problem ? e : new Problem(0, { detail: String(e.message || e) });
            button.disabled = false;
            draw();
        }
    };
    const field = (name, label, input) => {
        const error = errorOf(problem, name);
        return html`<label class=${error ? 'invalid' : ''} data-field=${name}>${label}${input}<span class="field-error">${error || nothing}</span></label>`;
    };
    const draw = () =>
        render(
            html`<form @submit=${submit} novalidate>
            <h2>Forward the message of ${from}, ${when(entry.at)}</h2>
            <p class="muted">Its text and the files it came with, by mail to whom you name; the ticket records to whom.
                Never to a mailing list.</p>
            ${field('to', 'To (comma-separated addresses)', html`<input name="to" required>`)}
            ${field('cc', 'Cc', html`<input name="cc">`)}
            ${field('note', 'Note above the message', html`<textarea name="note" rows="3"></textarea>`)}
            ${
                red
                    ? field(
                          'confirmRed',
                          '',
                          html`<span class="inline"><input type="checkbox" name="confirmRed">
                        This ticket is TLP:RED: I confirm these people may receive it.</span>`
                      )
                    : nothing
            }
            <p class="field-error" role="alert">${problem ? problem.words : ''}</p>
            <div class="buttons"><button type="button" class="secondary" @click=${close}>Cancel</button>
                <button type="submit">Forward</button></div>
        </form>`,
            dialog
        );
    dialog.addEventListener('cancel', event => {
        event.preventDefault();
        close();
    });
    draw();
    dialog.showModal();
    dialog.querySelector('input[name=to]').focus();
}

/** Reply and Forward on a message of the history. */
function entryActions(entry, from) {
    if (!entry || !['create', 'correspond', 'comment'].includes(entry.type) || !entry.content) return nothing;
    return html`<div class="actions compact entry-actions">
        <button type="button" class="secondary reply-to" ?disabled=${!state.ticket.requestors.length}
            title="Reply to the requestors and Cc, quoting this message" @click=${() => replyTo(entry, from)}>Reply</button>
        <button type="button" class="secondary forward" title="Forward this message and its files to someone"
            @click=${() => forward(entry, from)}>Forward</button></div>`;
}

function who(actor) {
    return actor?.startsWith('mail:') ? actor.slice(5) : actor;
}

function mailView(mail) {
    return html`<div class="meta">From ${mail.from ?? '(unknown sender)'} · ${mail.subject}
            ${mail.needsReview ? html`<span class="badge bad" title="not from a contact of this ticket: it changed nothing">for review</span>` : nothing}
            ${mail.disposition === 'AUTOMATIC' ? html`<span class="badge" title=${mail.automaticReason ?? ''}>automatic</span>` : nothing}
            ${
                mail.unreadable
                    ? html`<span class="badge bad" title=${mail.unreadable}>not read in full</span>
                <a href="/api/tickets/${id}/mails/${mail.id}/raw" download>raw mail</a>`
                    : nothing
            }</div>
        <pre class="mail">${mail.text}</pre>
        ${
            mail.quoted
                ? html`<details class="quoted"><summary>Quoted history (${mail.quoted.split('\n').length} lines)</summary>
            <pre class="mail">${mail.quoted}</pre></details>`
                : nothing
        }
        ${
            mail.attachments.length
                ? html`<ul class="attachments">${mail.attachments.map(
                      a => html`<li>
            <a href="/api/tickets/${id}/mails/${mail.id}/attachments/${a.position}" download>${a.filename ?? `attachment ${a.position}`}</a>
            <span class="muted">${a.contentType}, ${size(a.size)}</span></li>`
                  )}</ul>`
                : nothing
        }`;
}

function letterMeta(letter) {
    const stateClass = { sent: 'ok', failed: 'bad', retrying: 'warn', bounced: 'bad' }[letter.state] ?? '';
    return html`<div class="recipients">To ${letter.to.join(', ')}${letter.cc.length ? html` · Cc ${letter.cc.join(', ')}` : nothing}
        · <span class="badge ${stateClass}" title=${letter.error ?? (letter.sentAt ? `sent ${when(letter.sentAt)}` : `${letter.attempts} attempts`)}>${letter.state}</span>
        ${letter.error ? html`<span class="muted">${letter.error}</span>` : nothing}</div>`;
}

/** An address, marked when the latest letter to it bounced. */
function address(email) {
    const bounced = state.unreachable.get(email.toLowerCase());
    return bounced
        ? html`<span class="unreachable">${email} <span class="badge bad" title=${`bounced ${when(bounced.since)}: ${bounced.reason}`}>not reachable</span></span>`
        : email;
}

function addresses(list) {
    return list.map((email, i) => html`${i ? ', ' : ''}${address(email)}`);
}

function item({ at, entry, mail, letter }) {
    const time = html`<time datetime=${at}>${when(at)}</time> <span class="muted ago">(${ago(at)})</span>${
        entry?.timeWorked != null ? html` · <span class="worked">${entry.timeWorked} min worked</span>` : nothing
    }${
        entry && entry.ticket !== id
            ? html` <a class="badge origin" href="/desk/ticket.html?id=${entry.ticket}" title="written on #${entry.ticket} before it was merged into this ticket">from #${entry.ticket}</a>`
            : nothing
    }`;
    if (mail) {
        const kind = mail.needsReview ? 'review' : entry?.type === 'comment' ? 'comment' : 'correspond';
        return html`<li class=${kind} data-entry=${entry?.id ?? nothing}><div class="meta">${entry?.type === 'create' ? 'Opened by mail' : kind === 'comment' ? 'Comment by mail' : 'Mail in'} · ${time}</div>${mailView(mail)}
            ${entryActions(entry, mail.from ?? who(entry?.actor))}</li>`;
    }
    if (!entry) {
        return html`<li class="outgoing"><div class="meta">Letter ${letter.kind} · ${time}</div>${letterMeta(letter)}
            <div class="meta">${letter.subject}</div><pre class="mail">${letter.body}</pre></li>`;
    }
    const by = html`<strong>${who(entry.actor)}</strong>`;
    switch (entry.type) {
        case 'create':
            return html`<li class="correspond" data-entry=${entry.id}><div class="meta">Created by ${by} · ${time}</div>${letter ? letterMeta(letter) : nothing}
                ${entry.content ? html`<pre class="mail">${entry.content}</pre>` : nothing}${entryActions(entry, who(entry.actor))}</li>`;
        case 'correspond':
            return html`<li class="correspond ${letter ? 'outgoing' : ''}" data-entry=${entry.id}><div class="meta">Correspondence by ${by} · ${time}</div>
                ${letter ? letterMeta(letter) : nothing}<pre class="mail">${entry.content}</pre>${entryActions(entry, who(entry.actor))}</li>`;
        case 'comment':
            return html`<li class="comment ${entry.content?.startsWith('For review:') ? 'review' : ''}"><div class="meta">Comment by ${by} · ${time}
                ${entry.content?.startsWith('For review:') ? html`<span class="badge bad">for review</span>` : nothing}</div>
                <pre class="mail">${entry.content}</pre>${entryActions(entry, who(entry.actor))}</li>`;
        case 'merge':
            return html`<li class="change"><span class="meta">${by} ${
                entry.field === 'into'
                    ? html`merged #${entry.ticket} into <strong>${entry.newValue}</strong>`
                    : html`merged <strong>${entry.newValue}</strong> into this ticket`
            } · ${time}</span></li>`;
        case 'status':
            return html`<li class="change"><span class="meta">${by} changed the status from ${entry.oldValue} to <strong>${entry.newValue}</strong> · ${time}</span>
                ${entry.content ? html`<div>${entry.content}</div>` : nothing}</li>`;
        default:
            return html`<li class="change"><span class="meta">${by} ${entry.type === 'link' ? 'linked' : entry.type === 'unlink' ? 'unlinked' : 'changed'}
                ${entry.field}${entry.oldValue ? html` from ${entry.oldValue}` : nothing}${entry.newValue ? html` to <strong>${entry.newValue}</strong>` : html` (cleared)`} · ${time}</span></li>`;
    }
}

function size(bytes) {
    return bytes < 1024
        ? `${bytes} B`
        : bytes < 1048576
          ? `${(bytes / 1024).toFixed(1)} kB`
          : `${(bytes / 1048576).toFixed(1)} MB`;
}

function header(t) {
    const from = parseInt(params().from, 10);
    return html`${
        t.merged?.includes(from)
            ? html`<p class="notice" id="merged-notice" role="status">Ticket #${from} was merged into this one: it answers for #${from} now.</p>`
            : nothing
    }<div class="ticket-head">
            <span class="tag">${t.tag}</span><h2 class="subject">${t.subject}</h2>
            <span class="tlp ${t.tlp.toLowerCase()}">TLP:${t.tlp}</span>
            ${t.active && overdue(t.due) ? html`<span class="badge overdue">overdue</span>` : nothing}
            ${t.waitingForCsirt ? html`<span class="badge responded">site responded</span>` : nothing}
            <button id="print" class="secondary" title="Print the ticket with its whole history (p)" @click=${() => window.print()}>Print</button>
        </div>
        <dl class="facts">
            <dt>Queue</dt><dd><a href="/desk/queues.html?queue=${t.queue}">${t.queueName}</a></dd>
            <dt>Status</dt><dd>${t.status}</dd>
            ${
                t.rtId
                    ? html`<dt>In RT</dt><dd><a href=${t.rtPage} target="_blank" rel="noopener noreferrer">RT #${t.rtId}</a></dd>`
                    : nothing
            }
            <dt>Owner</dt><dd>${t.owner ?? html`<span class="muted">nobody</span>`}</dd>
            ${
                t.site
                    ? html`<dt>Site</dt><dd><a href="/desk/site.html?name=${encodeURIComponent(t.site)}">${t.site}</a>
                ${state.site ? html`<span class="muted">${state.site.ngi}, ${state.site.certificationStatus}</span>` : nothing}</dd>`
                    : nothing
            }
            <dt>Due</dt><dd>${t.due ? html`${when(t.due)} <span class="muted">(${ago(t.due)})</span>` : html`<span class="muted">none</span>`}</dd>
            <dt>Time worked</dt><dd id="time-worked">${t.timeWorked ?? 0} min${
                t.incidentTimeWorked != null
                    ? html` <span class="muted">(${t.incidentTimeWorked} min with the tickets under it)</span>`
                    : nothing
            }</dd>
            ${
                t.merged?.length
                    ? html`<dt>Merged into it</dt><dd>${t.merged.map(m => html`<span class="badge">#${m}</span> `)}</dd>`
                    : nothing
            }
            <dt>Created</dt><dd>${when(t.createdAt)}</dd>
            <dt>Updated</dt><dd>${when(t.updatedAt)} <span class="muted">(${ago(t.updatedAt)})</span></dd>
            ${Object.entries(t.customFields).map(([name, value]) => html`<dt>${name}</dt><dd>${value}</dd>`)}
        </dl>`;
}

/** The queue's custom field definitions, for the typed editors; the facts show the values meanwhile. */
async function loadFieldDefinitions(ticket) {
    const queue = await api(`/api/queues/${ticket.queue}`).catch(() => null);
    state.fieldDefinitions = queue?.customFields ?? [];
    draw();
}

/**
 * Saves a change of contacts or custom fields as a merge patch against the version shown. A 412 means someone
 * changed the ticket meanwhile: the desk says so and shows the ticket as it is now; other refusals stay next to
 * their fields.
 */
async function saveContacts(button, done, fields) {
    button.disabled = true;
    try {
        await api(`/api/tickets/${id}`, {
            method: 'PATCH',
            body: fields,
            headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': `"${state.ticket.version}"` }
        });
        state.edit = { requestors: '', cc: '', fields: {}, problem: null };
        toast(done);
        await reload();
        return true;
    } catch (e) {
        if (e.status === 412) {
            state.edit = { requestors: '', cc: '', fields: {}, problem: null };
            toast(`Someone changed #${id} meanwhile: it is shown as it is now, make your change again.`, 'error');
            await reload();
        } else {
            state.edit.problem = e instanceof Problem ? e : new Problem(0, { detail: String(e.message || e) });
            draw();
        }
        return false;
    } finally {
        button.disabled = false;
    }
}

function addAddresses(event, list) {
    event.preventDefault();
    const typed = splitAddresses(state.edit[list]);
    const wrong = typed.filter(a => !looksLikeAddress(a));
    if (!typed.length || wrong.length) {
        state.edit.problem = new Problem(400, {
            detail: wrong.length ? `not an e-mail address: ${wrong.join(', ')}` : 'type an address first',
            errors: [
                {
                    field: list,
                    reason: wrong.length ? `not an e-mail address: ${wrong.join(', ')}` : 'type an address first'
                }
            ]
        });
        draw();
        return;
    }
    const current = state.ticket[list];
    const added = typed.filter(a => !current.some(c => c.toLowerCase() === a.toLowerCase()));
    saveContacts(
        event.target.querySelector('button'),
        `${list === 'cc' ? 'Cc' : 'Requestors'}: added ${typed.join(', ')}`,
        {
            [list]: [...current, ...added]
        }
    );
}

function removeAddress(button, list, email) {
    saveContacts(button, `${list === 'cc' ? 'Cc' : 'Requestors'}: removed ${email}`, {
        [list]: state.ticket[list].filter(a => a !== email)
    });
}

/** A list of addresses with a remove button each and a field to add more. */
function addressEditor(t, list, label, none) {
    const error = errorOf(state.edit.problem, list);
    return html`<dt>${label}</dt><dd>
        <ul class="addresses" id="${list}-list">${t[list].map(
            email => html`<li>${address(email)} <button type="button" class="link remove" title="Remove ${email}"
                aria-label="Remove ${email}" @click=${e => removeAddress(e.target, list, email)}>×</button></li>`
        )}</ul>
        ${t[list].length ? nothing : html`<span class="muted">${none}</span>`}
        <form class="add-address ${error ? 'invalid' : ''}" id="${list}-add" @submit=${e => addAddresses(e, list)} novalidate>
            <input type="email" name=${list} placeholder="add an address" aria-label="Add to ${label}"
                .value=${state.edit[list]} @input=${e => (state.edit[list] = e.target.value)}>
            <button type="submit" class="secondary">Add</button>
            <span class="field-error">${error || nothing}</span>
        </form></dd>`;
}

/** The queue's custom fields, each with the input of its type; Save sends the changed ones at once. */
function fieldEditor(t) {
    const definitions = state.fieldDefinitions;
    if (!definitions.length) return nothing;
    const changed = Object.keys(state.edit.fields).length > 0;
    const valueOf = f => (f.name in state.edit.fields ? state.edit.fields[f.name] : t.customFields[f.name]);
    const save = event => {
        event.preventDefault();
        const patch = Object.fromEntries(Object.entries(state.edit.fields).map(([k, v]) => [k, v === '' ? null : v]));
        saveContacts(event.target.querySelector('button[type=submit]'), 'Custom fields saved', { customFields: patch });
    };
    return html`<h3>Custom fields</h3>
        <form id="custom-fields" class="custom-fields" @submit=${save} novalidate>
            ${definitions.map(f => {
                const error = errorOf(state.edit.problem, `customFields.${f.name}`);
                return html`<label class=${error ? 'invalid' : ''} data-field=${f.name}>${f.name}
                    ${customFieldInput(
                        f,
                        valueOf(f),
                        v => {
                            state.edit.fields[f.name] = v;
                            draw();
                        },
                        `cf-${f.id}`
                    )}<span class="field-error">${error || nothing}</span></label>`;
            })}
            <div class="actions compact"><button type="submit" ?disabled=${!changed}>Save fields</button>
                ${
                    changed
                        ? html`<button type="button" class="secondary" @click=${() => {
                              state.edit.fields = {};
                              state.edit.problem = null;
                              draw();
                          }}>Undo</button>`
                        : nothing
                }</div>
        </form>`;
}

function contacts(t) {
    const procedure = state.site?.procedureContacts;
    return html`<div class="card contacts"><h3>Contacts</h3>
        <dl class="facts">
            ${addressEditor(t, 'requestors', 'Requestors', 'none: a reply has nobody to go to')}
            ${addressEditor(t, 'cc', 'Cc', 'none')}
        </dl>
        ${fieldEditor(t)}
        ${
            t.queue === 'investigations' && procedure
                ? html`<h3>Site's procedure contacts</h3><dl class="facts">
            <dt>Administrators</dt><dd>${procedure.administrators.length ? addresses(procedure.administrators) : html`<span class="muted">none in GOCDB</span>`}</dd>
            <dt>Site security</dt><dd>${procedure.siteSecurity ? address(procedure.siteSecurity) : html`<span class="muted">none in GOCDB</span>`}</dd>
            <dt>NGI security</dt><dd>${procedure.ngiSecurity.length ? addresses(procedure.ngiSecurity) : html`<span class="muted">none in GOCDB</span>`}</dd>
        </dl>`
                : nothing
        }</div>`;
}

/** Puts this ticket under an incident, picked among the open ones or given by its number. */
async function linkToIncident(event) {
    event.preventDefault();
    const form = event.target;
    const typed = form.elements.number.value.trim().replace(/^#/, '');
    const incident = parseInt(typed || form.elements.incident.value, 10);
    if (!Number.isSafeInteger(incident)) {
        toast('Pick an incident or write its number.', 'error');
        return;
    }
    const done = await act(form.querySelector('button[type=submit]'), `#${id} is under incident #${incident}`, () =>
        api(`/api/tickets/${id}/links`, {
            method: 'POST',
            body: { incident },
            headers: { 'If-Match': `"${state.ticket.version}"` }
        })
    );
    if (done) {
        form.reset();
        await reload();
        await loadSurroundings(state.ticket);
    }
}

/** Takes a child out of an incident: this ticket out of one of its incidents, or one of this incident's children. */
async function unlink(button, child, incident) {
    const headers = child === id ? { 'If-Match': `"${state.ticket.version}"` } : {};
    const done = await act(button, `#${child} is no longer under incident #${incident}`, () =>
        api(`/api/tickets/${child}/links/${incident}`, { method: 'DELETE', headers })
    );
    if (done) {
        await reload();
        await loadSurroundings(state.ticket);
    }
}

/** RT's "refers to": a plain link from this ticket to another of any queue, given by its number. */
async function refer(event) {
    event.preventDefault();
    const form = event.target;
    const ticket = parseInt(form.elements.ticket.value.trim().replace(/^#/, ''), 10);
    if (!Number.isSafeInteger(ticket)) {
        toast('Write the number of the ticket this one refers to.', 'error');
        return;
    }
    const done = await act(form.querySelector('button[type=submit]'), `#${id} refers to #${ticket}`, () =>
        api(`/api/tickets/${id}/references`, {
            method: 'POST',
            body: { ticket },
            headers: { 'If-Match': `"${state.ticket.version}"` }
        })
    );
    if (done) {
        form.reset();
        await reload();
        await loadSurroundings(state.ticket);
    }
}

async function unrefer(button, other) {
    const done = await act(button, `#${id} no longer refers to #${other}`, () =>
        api(`/api/tickets/${id}/references/${other}`, {
            method: 'DELETE',
            headers: { 'If-Match': `"${state.ticket.version}"` }
        })
    );
    if (done) {
        await reload();
        await loadSurroundings(state.ticket);
    }
}

function links(t) {
    const ticketLink = (
        other,
        unlinkButton
    ) => html`<li><a href="/desk/ticket.html?id=${other.id}">${other.tag}</a> ${other.subject}
        <span class="muted">${other.queueName}, ${other.status}</span> ${unlinkButton}</li>`;
    const unlinkButton = (child, incident) => html`<button class="link" id="unlink-${child}-${incident}"
        title="Take #${child} out of incident #${incident}" @click=${e => unlink(e.target, child, incident)}>Unlink</button>`;
    const linked = new Set(t.incidents);
    return html`<div class="card"><h3>Links</h3>
        ${
            state.campaign
                ? html`<p>Campaign <a href="/desk/campaign.html?id=${state.campaign.id}">${state.campaign.title}</a>
            <span class="muted">${state.campaign.state}</span>
            ${
                state.kase
                    ? html`<br>Case of ${state.kase.site}: <strong>${state.kase.state}</strong>
                ${state.kase.awaitingCsirt ? html`<span class="badge responded">site responded</span>` : nothing}
                ${state.kase.notReached ? html`<span class="badge bad" title=${state.kase.notReached}>site not reached: the notice was not given</span>` : nothing}`
                    : nothing
            }</p>`
                : nothing
        }
        ${state.incidents.length ? html`<h4>Incident</h4><ul>${state.incidents.map(i => ticketLink(i, unlinkButton(id, i.id)))}</ul>` : nothing}
        ${state.children.length ? html`<h4>Under this incident</h4><ul>${state.children.map(c => ticketLink(c, unlinkButton(c.id, id)))}</ul>` : nothing}
        ${
            state.refersTo.length
                ? html`<h4>Refers to</h4><ul class="refers-to">${state.refersTo.map(r =>
                      ticketLink(
                          r,
                          html`<button class="link" id="unrefer-${r.id}"
            title="#${id} no longer refers to #${r.id}" @click=${e => unrefer(e.target, r.id)}>Remove</button>`
                      )
                  )}</ul>`
                : nothing
        }
        ${state.referredToBy.length ? html`<h4>Referred to by</h4><ul class="referred-to-by">${state.referredToBy.map(r => ticketLink(r, nothing))}</ul>` : nothing}
        ${
            !state.campaign &&
            !state.incidents.length &&
            !state.children.length &&
            !state.refersTo.length &&
            !state.referredToBy.length
                ? html`<p class="muted">No links.</p>`
                : nothing
        }
        ${
            t.queue === 'incidents'
                ? nothing
                : html`<form class="inline" id="link" @submit=${linkToIncident}>
            <label>Link to incident<select name="incident">
                <option value="">Pick an open incident…</option>
                ${state.openIncidents
                    .filter(i => !linked.has(i.id))
                    .map(i => html`<option value=${i.id}>#${i.id} ${i.subject}</option>`)}
            </select></label>
            <label>or its number<input name="number" inputmode="numeric" size="6" placeholder="#"></label>
            <button type="submit">Link</button>
        </form>`
        }
        <form class="inline" id="refer" @submit=${refer}>
            <label>Refers to ticket<input name="ticket" inputmode="numeric" size="6" placeholder="#"></label>
            <button type="submit">Add</button>
        </form>
    </div>`;
}

function actions(t) {
    const mine = t.owner === session.name;
    return html`<div class="card work"><h3>Work on it</h3>
        <label>Status<select id="status" @change=${changeStatus} ?disabled=${!t.allowedStatuses.length}>
            <option value="">${t.status}${t.allowedStatuses.length ? ' → …' : ' (no change allowed)'}</option>
            ${t.allowedStatuses.map(s => html`<option value=${s}>${s}</option>`)}
        </select></label>
        <div class="actions">${ownership(t, mine)}</div>
        <label>Owner<select id="owner" @change=${giveTo}>
            <option value="" ?selected=${!t.owner}>nobody</option>
            ${
                t.owner && !state.owners.some(o => o.name === t.owner)
                    ? html`<option value=${t.owner} selected disabled>${t.owner} (may not own tickets)</option>`
                    : nothing
            }
            ${state.owners.map(o => html`<option value=${o.name} ?selected=${o.name === t.owner}>${o.name}${o.name === session.name ? ' (me)' : ''}</option>`)}
        </select></label>
        <label>TLP<select id="tlp" @change=${e => patch(e.target, `TLP is now ${e.target.value}`, { tlp: e.target.value })}>
            ${['RED', 'AMBER', 'GREEN', 'CLEAR'].map(l => html`<option ?selected=${l === t.tlp}>${l}</option>`)}
        </select></label>
        ${merging(t)}
    </div>`;
}

/** Merge: the survivor's number asked, then confirmed once more (the merged ticket answers no more afterwards). */
function merging(t) {
    if (state.mergeInto === null) {
        return html`<form class="inline" id="merge" @submit=${e => {
            e.preventDefault();
            const into = parseInt(e.target.elements.into.value.trim().replace(/^#/, ''), 10);
            if (!Number.isSafeInteger(into)) {
                toast('Write the number of the ticket to merge into.', 'error');
                return;
            }
            state.mergeInto = into;
            draw();
            document.getElementById('merge-confirm')?.focus();
        }}>
            <label>Merge into ticket<input name="into" inputmode="numeric" size="6" placeholder="#"></label>
            <button type="submit" class="secondary">Merge…</button>
        </form>`;
    }
    const into = state.mergeInto;
    return html`<p class="confirm" role="alert">Merge #${id} into #${into}? #${id} keeps its history but answers no more:
            #${into} takes its contacts and its mail.</p>
        <button id="merge-confirm" @click=${e => merge(e.target, into)}>Merge into #${into}</button>
        <button class="secondary" @click=${() => {
            state.mergeInto = null;
            draw();
        }}>Keep ${t.tag} apart</button>`;
}

async function merge(button, into) {
    const done = await act(button, `#${id} merged into #${into}`, () =>
        api(`/api/tickets/${id}/merge`, {
            method: 'POST',
            body: { into },
            headers: { 'If-Match': `"${state.ticket.version}"` }
        })
    );
    state.mergeInto = null;
    if (done) {
        location.assign(`/desk/ticket.html?id=${into}&from=${id}`);
    } else {
        draw();
    }
}

/** Release one's own ticket, take an unowned one, or steal another's after saying so once more. */
function ownership(t, mine) {
    if (mine) {
        return html`<button class="secondary" @click=${e => patch(e.target, 'Released: nobody owns it', { owner: null })}>Release</button>`;
    }
    if (!t.owner) {
        return html`<button id="take" @click=${e => own(e.target, 'take')}>Take</button>`;
    }
    if (!state.stealing) {
        return html`<button id="steal" class="secondary" title=${`${t.owner} owns it`} @click=${() => {
            state.stealing = true;
            draw();
            document.getElementById('steal-confirm')?.focus();
        }}>Steal</button>`;
    }
    return html`<p class="confirm" role="alert">${t.owner} owns #${id}. Take it from them?</p>
        <button id="steal-confirm" @click=${e => own(e.target, 'steal')}>Steal it</button>
        <button class="secondary" @click=${() => {
            state.stealing = false;
            draw();
        }}>Keep their owner</button>`;
}

function giveTo(event) {
    const owner = event.target.value || null;
    patch(event.target, owner ? `Given to ${owner}` : 'Released: nobody owns it', { owner }).then(draw);
}

function chooser(kind) {
    const canned = state.templates.filter(t => t.kind === kind);
    return html`<label>Template<select id="${kind}-template" @change=${e => useTemplate(kind, e.target.value)}>
        <option value="">${canned.length ? 'Start from a template…' : 'No templates'}</option>
        ${canned.map(c => html`<option value=${c.name} ?selected=${state[kind].template === c.name}>${c.title}${c.error ? ' (broken)' : ''}</option>`)}
    </select></label>`;
}

/** The minutes field of a composer; live: emptied after a send although the page never wrote what was typed. */
function timeWorkedInput(kind) {
    return html`<label class="time-worked">Time worked (min)<input id="${kind}-time" type="number" min="0" max="1440" step="1"
        inputmode="numeric" .value=${live(state[kind].timeWorked)} @input=${e => (state[kind].timeWorked = e.target.value)}></label>`;
}

function composers(t) {
    return html`<form class="composer" id="reply" @submit=${sendReply}>
            <h3>Reply by mail</h3>
            ${
                state.reply.inReplyTo
                    ? html`<p class="notice" id="replying-to">Answering the message of ${state.reply.quoting}
                <button type="button" class="link" @click=${() => {
                    state.reply = { subject: '', body: '', template: '', timeWorked: state.reply.timeWorked };
                    draw();
                }}>reply to the ticket instead</button></p>`
                    : nothing
            }
            <p class="muted">To ${t.requestors.join(', ') || 'nobody'}${t.cc.length ? `, Cc ${t.cc.join(', ')}` : ''}, through the outbox.</p>
            <div class="row">${chooser('reply')}</div>
            <label>Subject<input class="subject" id="reply-subject" .value=${state.reply.subject}
                placeholder="${t.tag} ${t.subject}" @input=${e => (state.reply.subject = e.target.value)}></label>
            <label>Text<textarea id="reply-body" rows="8" .value=${state.reply.body} @input=${e => (state.reply.body = e.target.value)}></textarea></label>
            ${timeWorkedInput('reply')}
            <button type="submit" ?disabled=${!t.requestors.length}>Send reply</button>
        </form>
        <form class="composer" id="comment" @submit=${sendComment}>
            <h3>Comment <span class="muted">(CSIRT only, never mailed)</span></h3>
            <div class="row">${chooser('comment')}</div>
            <label>Text<textarea id="comment-body" rows="4" .value=${state.comment.body} @input=${e => (state.comment.body = e.target.value)}></textarea></label>
            ${timeWorkedInput('comment')}
            <button type="submit">Add comment</button>
        </form>`;
}

function draw() {
    const t = state.ticket;
    render(
        html`${header(t)}
        <div class="columns">
            <section><h2>History</h2><ol class="history">${timeline().map(item)}</ol>${composers(t)}</section>
            <aside>${actions(t)}${contacts(t)}${links(t)}</aside>
        </div>`,
        main()
    );
    // The picker shows the owner the ticket has, also after a refused change (an option once picked keeps its
    // selectedness whatever its attribute says).
    document.getElementById('owner').value = t.owner ?? '';
}
