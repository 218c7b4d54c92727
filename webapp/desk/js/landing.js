// The address "/": on to the page where the signed-in user's roles start (homeOf), or to the sign-in page.
import { api, homeOf } from './desk.js';

try {
    const session = await api('/api/session');
    location.replace(homeOf(session.roles));
} catch (e) {
    if (e.status === 401) {
        location.replace('/login.html');
    } else {
        document.body.textContent = `The desk cannot open: ${e.message}. Reload the page to try again.`;
    }
}
