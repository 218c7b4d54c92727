// A ticket created by hand in any queue: subject, TLP, owner, contacts, due, site, the queue's custom fields with
// typed inputs, the incident an Investigation or Countermeasure belongs to (chosen among the open ones), the first
// message. The API's refusals appear next to their fields; on success the desk goes to the new ticket.
import { html, render, nothing } from './lib.js';
import { start, api, main, params, Problem, toast } from './desk.js';
import { customFieldInput, instantOf, labelled, splitAddresses } from './fields.js';

const TLPS = ['AMBER', 'GREEN', 'CLEAR', 'RED'];

await start({ title: 'New ticket', nav: 'queues', roles: ['csirt', 'coordinator'] });

const [queues, owners, incidents] = await Promise.all([
    api('/api/queues'),
    api('/api/users/owners').catch(() => []),
    api('/api/tickets?queue=incidents&active=true&sort=-id&size=500').catch(() => ({ items: [] }))
]);
const given = params();
const form = {
    queue: queues.some(q => q.id === given.queue) ? given.queue : 'incident-reports',
    subject: '',
    tlp: 'AMBER',
    owner: '',
    requestors: '',
    cc: '',
    due: '',
    site: given.site ?? '',
    incident: given.incident ?? '',
    customFields: {},
    content: ''
};
let problem = null;
let busy = false;

function queue() {
    return queues.find(q => q.id === form.queue);
}

async function submit(event) {
    event.preventDefault();
    const links = queue().incidentLinks;
    const fields = Object.fromEntries(Object.entries(form.customFields).filter(([, v]) => v));
    const body = {
        queue: form.queue,
        subject: form.subject,
        tlp: form.tlp,
        owner: form.owner || undefined,
        requestors: splitAddresses(form.requestors),
        cc: splitAddresses(form.cc),
        due: form.due ? instantOf(form.due) : undefined,
        site: form.site.trim() || undefined,
        customFields: fields,
        incident: links !== 'none' && form.incident ? Number(form.incident) : undefined,
        content: form.content.trim() ? form.content : undefined
    };
    busy = true;
    problem = null;
    draw();
    try {
        const created = await api('/api/tickets', { method: 'POST', body });
        toast(`Created ${created.tag}`);
        location.assign(`/desk/ticket.html?id=${created.id}`);
    } catch (e) {
        problem = e instanceof Problem ? e : new Problem(0, { detail: String(e.message || e) });
        busy = false;
        draw();
        document.querySelector('label.invalid input, label.invalid select, label.invalid textarea')?.focus();
    }
}

function incidentPicker(links) {
    if (links === 'none') return nothing;
    const required = links === 'exactly-one';
    return labelled(
        problem,
        'incident',
        required ? 'Incident (required)' : 'Incident (optional)',
        html`<select id="incident" name="incident" ?required=${required} @change=${e => (form.incident = e.target.value)}>
            <option value="" ?selected=${!form.incident}>${required ? 'Choose the open incident…' : 'None'}</option>
            ${incidents.items.map(
                i =>
                    html`<option value=${i.id} ?selected=${String(i.id) === String(form.incident)}>${i.tag} ${i.subject}</option>`
            )}
        </select>`
    );
}

function draw() {
    const q = queue();
    const set = name => e => (form[name] = e.target.value);
    render(
        html`<form class="card new-ticket" id="new-ticket" @submit=${submit} novalidate>
            <h2>New ticket</h2>
            <div class="form-grid">
                ${labelled(
                    problem,
                    'queue',
                    'Queue',
                    html`<select id="queue" name="queue" @change=${e => {
                        form.queue = e.target.value;
                        form.customFields = {};
                        draw();
                    }}>${queues.map(x => html`<option value=${x.id} ?selected=${x.id === form.queue}>${x.name}</option>`)}</select>`
                )}
                ${labelled(
                    problem,
                    'tlp',
                    'TLP',
                    html`<select id="tlp" name="tlp" @change=${set('tlp')}>${TLPS.map(t => html`<option value=${t} ?selected=${t === form.tlp}>${t}</option>`)}</select>`
                )}
            </div>
            ${labelled(problem, 'subject', 'Subject', html`<input id="subject" name="subject" maxlength="512" required .value=${form.subject} @input=${set('subject')}>`)}
            <div class="form-grid">
                ${incidentPicker(q.incidentLinks)}
                ${labelled(
                    problem,
                    'owner',
                    'Owner',
                    html`<select id="owner" name="owner" @change=${set('owner')}>
                        <option value="">nobody</option>
                        ${owners.map(o => html`<option value=${o.name} ?selected=${o.name === form.owner}>${o.name}</option>`)}
                    </select>`
                )}
                ${labelled(problem, 'requestors', 'Requestors (comma-separated addresses)', html`<input id="requestors" name="requestors" .value=${form.requestors} @input=${set('requestors')}>`)}
                ${labelled(problem, 'cc', 'Cc', html`<input id="cc" name="cc" .value=${form.cc} @input=${set('cc')}>`)}
                ${labelled(problem, 'due', 'Due', html`<input id="due" name="due" type="datetime-local" .value=${form.due} @change=${set('due')}>`)}
                ${labelled(problem, 'site', 'Site (as GOCDB names it)', html`<input id="site" name="site" maxlength="100" .value=${form.site} @input=${set('site')}>`)}
                ${q.customFields.map(f =>
                    labelled(
                        problem,
                        `customFields.${f.name}`,
                        f.name,
                        customFieldInput(
                            f,
                            form.customFields[f.name],
                            v => (form.customFields[f.name] = v),
                            `cf-${f.id}`
                        )
                    )
                )}
            </div>
            ${labelled(problem, 'content', 'First message (kept in the history, not mailed)', html`<textarea id="content" name="content" rows="6" .value=${form.content} @input=${set('content')}></textarea>`)}
            <p class="field-error" role="alert" id="problem">${problem ? problem.words : ''}</p>
            <div class="buttons"><a class="button secondary" href="/desk/queues.html?queue=${form.queue}">Cancel</a>
                <button type="submit" id="create" ?disabled=${busy}>${busy ? 'Creating…' : 'Create ticket'}</button></div>
        </form>`,
        main()
    );
}

draw();
document.getElementById('subject').focus();
