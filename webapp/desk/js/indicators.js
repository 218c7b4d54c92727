// The indicators of compromise of an incident or of an Incident Report, as both pages show them: the list with each
// one's TLP, removing one with a reason (it stays removed: reading the texts again does not bring it back), adding one
// by hand, and the values excluded by default (SEC01-announce: the victims' domains and hosts, the reporters' and
// GOCDB's addresses, the CSIRT's own), each with why, which a person may still share on purpose.
import { html, nothing } from './lib.js';
import { api, act, askReason, when, ago } from './desk.js';

const TYPES = ['ipv4', 'ipv6', 'domain', 'url', 'email', 'md5', 'sha1', 'sha256', 'cve'];

/**
 * The part of a page: `list` as the API answered it, `excluded` the values excluded by default, `ticket` the report's
 * or incident's number, `reload` called after a change, `empty` what to say when there is none; `compact` shows type
 * and value only (for a side column).
 */
export function indicatorsPart({ list, excluded = [], ticket, reload, empty, compact = false }) {
    const indicators = `/api/tickets/${ticket}/indicators`;
    const add = async event => {
        event.preventDefault();
        const form = event.target;
        const field = name => form.elements.namedItem(name).value.trim();
        const added = await act(form.querySelector('button'), 'Indicator added', () =>
            api(indicators, {
                method: 'POST',
                body: {
                    type: field('type'),
                    value: field('value'),
                    note: compact ? undefined : field('note') || undefined
                }
            })
        );
        if (added) {
            form.reset();
            await reload();
        }
    };
    const remove = async (button, indicator) => {
        const reason = await askReason({
            title: `Remove ${indicator.value}`,
            label: 'Why is it no indicator here?',
            confirm: 'Remove',
            extra: html`<p class="hint">It is kept as removed: reading the texts again does not bring it back.</p>`
        });
        if (!reason) return;
        const removed = await act(button, `${indicator.value} removed`, () =>
            api(`${indicators}/${indicator.id}?reason=${encodeURIComponent(reason)}`, { method: 'DELETE' })
        );
        if (removed) await reload();
    };
    const share = async (button, indicator) => {
        const shared = await act(button, `${indicator.value} shared as an indicator`, () =>
            api(indicators, {
                method: 'POST',
                body: { type: indicator.type, value: indicator.value, note: 'shared on purpose: ' + indicator.excluded }
            })
        );
        if (shared) await reload();
    };
    const notShared = excluded.length
        ? html`<details class="excluded"><summary>Not shared by default <span class="count">${excluded.length}</span></summary>
        <table class="list"><thead><tr><th>Type</th><th>Value</th><th>Why</th><th></th></tr></thead>
        <tbody>${excluded.map(
            indicator => html`<tr data-excluded=${indicator.value}><td>${indicator.type}</td>
            <td class="value">${indicator.value}</td><td>${indicator.excluded}</td>
            <td><button class="link" @click=${event => share(event.target, indicator)}>share anyway</button></td></tr>`
        )}</tbody></table></details>`
        : nothing;
    return html`${
        list.length
            ? html`<table class="list"><thead><tr><th>Type</th><th>Value</th><th>TLP</th>
            ${compact ? nothing : html`<th>From</th><th>Note</th><th>Added</th>`}<th></th></tr></thead>
        <tbody>${list.map(
            indicator => html`<tr data-indicator=${indicator.value}>
            <td>${indicator.type}</td><td class="value" title=${indicator.note ?? ''}>${indicator.value}</td>
            <td>${indicator.tlp}</td>
            ${
                compact
                    ? nothing
                    : html`<td>${indicator.origin}</td><td>${indicator.note ?? ''}</td>
            <td title=${when(indicator.addedAt)}>${ago(indicator.addedAt)}${indicator.addedBy ? ' by ' + indicator.addedBy : nothing}</td>`
            }
            <td><button class="link" @click=${event => remove(event.target, indicator)}>remove…</button></td></tr>`
        )}</tbody></table>`
            : html`<p class="muted">${empty}</p>`
    }
    ${notShared}
    <form class="inline add-indicator" @submit=${add}>
        <label>Type<select name="type">${TYPES.map(type => html`<option value=${type}>${type}</option>`)}</select></label>
        <label>Value<input name="value" required class="value"></label>
        ${compact ? nothing : html`<label>Note<input name="note"></label>`}
        <button type="submit" class="secondary">Add indicator</button></form>`;
}
