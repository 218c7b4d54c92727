// The sign-in form: a name and password for a desk session, then on to the page the user wanted.
const form = document.getElementById('signin');
const problem = document.getElementById('problem');
document.getElementById('signed-out').hidden = !new URLSearchParams(location.search).has('signed-out');

/**
 * Only a page of this application: a link to the sign-in page must not send the user to another site. The
 * wanted address is resolved as the browser would resolve it (which drops tabs and newlines, and reads "\" as
 * "/"), and only the result is used: the same origin, and a path of the desk or the API.
 */
function next() {
    // Without a wanted page, "/" sends the user on to where their roles start.
    const fallback = '/';
    const wanted = new URLSearchParams(location.search).get('next') || '';
    if (!wanted.startsWith('/')) {
        return fallback;
    }
    let url;
    try {
        url = new URL(wanted, location.origin);
    } catch (e) {
        return fallback;
    }
    const own =
        url.origin === location.origin && (url.pathname.startsWith('/desk/') || url.pathname.startsWith('/api/'));
    return own ? url.pathname + url.search + url.hash : fallback;
}

form.addEventListener('submit', async event => {
    event.preventDefault();
    const button = form.querySelector('button');
    button.disabled = true;
    problem.textContent = '';
    try {
        const response = await fetch('/api/session', {
            method: 'POST',
            credentials: 'same-origin',
            headers: {
                'Content-Type': 'application/json',
                Accept: 'application/json',
                'X-Requested-With': 'csirt-desk'
            },
            body: JSON.stringify({ name: form.elements.name.value.trim(), password: form.elements.password.value })
        });
        if (response.ok) {
            location.assign(next());
            return;
        }
        const body = await response.json().catch(() => ({}));
        problem.textContent = body.detail || `The server answered ${response.status}.`;
        form.elements.password.select();
    } catch (e) {
        problem.textContent = 'The desk could not reach the server; check the connection and try again.';
    } finally {
        button.disabled = false;
    }
});

// The identity providers configured besides passwords (EGI Check-in): "Sign in with ..." for each.
async function showProviders() {
    let providers = [];
    try {
        const response = await fetch('/api/session/providers', {
            headers: { Accept: 'application/json', 'X-Requested-With': 'csirt-desk' }
        });
        providers = response.ok ? await response.json() : [];
    } catch (e) {
        return;
    }
    const box = document.getElementById('providers');
    for (const provider of providers) {
        const or = document.createElement('p');
        or.className = 'or';
        or.textContent = 'or';
        const link = document.createElement('a');
        link.className = 'button';
        link.href = `${provider.start}?next=${encodeURIComponent(next())}`;
        link.textContent = `Sign in with ${provider.label}`;
        box.append(or, link);
    }
}
showProviders();
