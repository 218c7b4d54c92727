// Typed inputs shared by the New ticket page and the ticket's editors: a queue's custom fields by their type
// (select for a choice, a date-time picker, free text) and lists of e-mail addresses, with the field errors of a
// problem+json answer placed next to the field they name.
import { html, nothing } from './lib.js';

/** The reasons a problem gives for `field` and its parts (`requestors[1]`, `customFields.IP`), joined. */
export function errorOf(problem, field) {
    return (
        problem?.errors
            ?.filter(e => e.field === field || e.field.startsWith(field + '[') || e.field.startsWith(field + '.'))
            .map(e => e.reason)
            .join('; ') || ''
    );
}

/** The value of a datetime-local input for an ISO instant, in the browser's time zone. */
export function localDateTime(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    const pad = n => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The ISO instant of a datetime-local input's value, or null when it is empty. */
export function instantOf(local) {
    return local ? new Date(local).toISOString() : null;
}

/**
 * The input of one custom field definition (`{name, type, options, description}`), showing `value` (the API's form:
 * an ISO instant for a date-time) and calling `change` with the API's form of what was entered ('' clears it).
 */
export function customFieldInput(field, value, change, id) {
    const common = { id, title: field.description ?? '' };
    switch (field.type) {
        case 'select':
            return html`<select id=${common.id} name=${field.name} title=${common.title} @change=${e => change(e.target.value)}>
                <option value="" ?selected=${!value}>—</option>
                ${field.options.map(o => html`<option value=${o} ?selected=${o === value}>${o}</option>`)}
            </select>`;
        case 'date-time':
            return html`<input id=${common.id} name=${field.name} type="datetime-local" title=${common.title}
                .value=${localDateTime(value)} @change=${e => change(e.target.value ? instantOf(e.target.value) : '')}>`;
        default:
            return html`<input id=${common.id} name=${field.name} maxlength="1024" title=${common.title}
                .value=${value ?? ''} @input=${e => change(e.target.value.trim())}>`;
    }
}

/** A plausible e-mail address: the API checks it for good; this catches typing slips before the request. */
export function looksLikeAddress(text) {
    return /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/.test(text);
}

/** Addresses typed in one field, separated by commas, semicolons or blanks. */
export function splitAddresses(text) {
    return String(text ?? '')
        .split(/[,;\s]+/)
        .map(s => s.trim())
        .filter(Boolean);
}

/** A field label with its error under it (`label.invalid` marks the input). */
export function labelled(problem, name, label, input) {
    const error = errorOf(problem, name);
    return html`<label class=${error ? 'invalid' : ''} data-field=${name}>${label}${input}
        <span class="field-error">${error || nothing}</span></label>`;
}
