// The "new campaign" dialog, shared by the Campaigns list and the Findings triage: a draft from an Incident
// Report (its CVE and report filled in) or written by hand. Nothing is sent until the campaign starts.
import { html, render, nothing } from './lib.js';
import { api, Problem, toast } from './desk.js';

/**
 * Opens the dialog, prefilled with `{vulnerability, report, title, sites}`; answers the created campaign, or
 * null when cancelled. The API's refusals are shown next to their fields and the dialog stays open.
 */
export function draftCampaign(prefill = {}) {
    return new Promise(resolve => {
        const dialog = document.createElement('dialog');
        dialog.className = 'wide draft';
        document.body.append(dialog);
        let problem = null;
        let busy = false;
        const finish = value => {
            dialog.close();
            dialog.remove();
            resolve(value);
        };
        const errorOf = field =>
            problem?.errors
                .filter(e => e.field === field || e.field.startsWith(field + '['))
                .map(e => e.reason)
                .join('; ') || '';
        const submit = async event => {
            event.preventDefault();
            const form = new FormData(dialog.querySelector('form'));
            const list = name =>
                String(form.get(name) || '')
                    .split(/[,\s]+/)
                    .map(s => s.trim())
                    .filter(Boolean);
            const sites = String(form.get('sites') || '')
                .split(',')
                .map(s => s.trim())
                .filter(Boolean);
            const deadline = form.get('deadline') ? new Date(form.get('deadline')).toISOString() : undefined;
            const report = String(form.get('incidentReport') || '')
                .replace('#', '')
                .trim();
            const body = {
                title: form.get('title'),
                vulnerabilities: list('vulnerabilities'),
                advisory: form.get('advisory'),
                advisoryLink: form.get('advisoryLink') || undefined,
                recommendedAction: form.get('recommendedAction') || undefined,
                scope: form.get('scope'),
                tlp: form.get('tlp'),
                severeInterruption: form.get('severeInterruption') === 'on',
                deadline,
                sites,
                incidentReport: report ? Number(report) : undefined
            };
            busy = true;
            problem = null;
            draw();
            try {
                const created = await api('/api/campaigns', { method: 'POST', body });
                toast(
                    `Campaign #${created.id} drafted with ${Object.values(created.cases).reduce((a, b) => a + b, 0)} case(s)` +
                        (created.unknownSites.length
                            ? `; not in GOCDB, so no case: ${created.unknownSites.join(', ')}`
                            : '')
                );
                finish(created);
            } catch (e) {
                problem = e instanceof Problem ? e : new Problem(0, { detail: String(e.message || e) });
                busy = false;
                draw();
            }
        };
        const field = (name, label, input) => html`<label class=${errorOf(name) ? 'invalid' : ''}>${label}${input}
            <span class="field-error">${errorOf(name)}</span></label>`;
        const draw = () =>
            render(
                html`<form @submit=${submit} novalidate>
            <h2>New campaign${prefill.report ? html` from Incident Report #${prefill.report}` : nothing}</h2>
            <p class="muted">A draft: nothing is sent until you start it. A case is made for every site monitoring shows
                vulnerable, and for each site you name.</p>
            <div class="form-grid">
                ${field('title', 'Title', html`<input name="title" required maxlength="200" .value=${prefill.title ?? ''}>`)}
                ${field(
                    'vulnerabilities',
                    'Vulnerabilities (comma-separated)',
                    html`<input name="vulnerabilities" required
                    placeholder="CVE-2026-1234" .value=${prefill.vulnerability ?? ''}>`
                )}
                ${field(
                    'incidentReport',
                    'Incident Report #',
                    html`<input name="incidentReport" inputmode="numeric"
                    .value=${prefill.report ? String(prefill.report) : ''}>`
                )}
                ${field('advisoryLink', 'Advisory link', html`<input name="advisoryLink" type="url" placeholder="https://advisories.egi.eu/…">`)}
                ${field(
                    'scope',
                    'Scope',
                    html`<select name="scope"><option value="widespread">widespread (security lists)</option>
                    <option value="individual">individual (each site)</option></select>`
                )}
                ${field('tlp', 'TLP', html`<select name="tlp">${['AMBER', 'GREEN', 'CLEAR', 'RED'].map(t => html`<option>${t}</option>`)}</select>`)}
                ${field('deadline', 'Deadline (empty: advisory + 7 days, SEC03-2.3b)', html`<input name="deadline" type="datetime-local">`)}
                ${field('sites', 'Sites added by hand (comma-separated)', html`<input name="sites" .value=${(prefill.sites ?? []).join(', ')}>`)}
            </div>
            ${field('advisory', 'Advisory text', html`<textarea name="advisory" rows="5" required></textarea>`)}
            ${field('recommendedAction', 'Recommended action (required before the start)', html`<textarea name="recommendedAction" rows="2"></textarea>`)}
            <label class="inline"><input type="checkbox" name="severeInterruption"> The action stops a service (the OMB must authorise it, SEC03-2.2)</label>
            <p class="field-error" role="alert">${problem ? problem.words : ''}</p>
            <div class="buttons"><button type="button" class="secondary" @click=${() => finish(null)}>Cancel</button>
                <button type="submit" ?disabled=${busy}>${busy ? 'Drafting…' : 'Draft campaign'}</button></div>
        </form>`,
                dialog
            );
        dialog.addEventListener('cancel', event => {
            event.preventDefault();
            finish(null);
        });
        draw();
        dialog.showModal();
        dialog.querySelector('input[name=title]').focus();
    });
}
