// Officers' sign-in for a node's pages. The page keeps its content in <main id="app" hidden> and starts
// its work on the 'pensim:signed-in' event; this script shows the sign-in form until then, adds the
// session's anti-forgery token to every request that changes something, and asks again when a session ends.
(() => {
  const nativeFetch = window.fetch.bind(window);
  let csrf = null;
  let started = false;
  const el = (tag, attrs, text) => { const e = document.createElement(tag); Object.assign(e, attrs || {}); if (text) e.textContent = text; return e; };

  window.fetch = async (input, init) => {
    init = Object.assign({}, init || {});
    const method = (init.method || 'GET').toUpperCase();
    if (csrf && !['GET', 'HEAD', 'OPTIONS'].includes(method)) {
      init.headers = Object.assign({}, init.headers || {}, {'X-CSRF-Token': csrf});
    }
    const r = await nativeFetch(input, init);
    if (r.status === 401 && String(input).includes('api/') && !String(input).endsWith('api/session')) showSignIn('Your session ended: sign in again.');
    return r;
  };

  function bar(who) {
    let b = document.getElementById('officer-bar');
    if (!b) {
      b = el('p', {id: 'officer-bar'});
      b.style.cssText = 'text-align:right;margin:0 0 .5em;font-size:.95em';
      document.body.prepend(b);
    }
    if (who.managed) {
      // In an exercise: the officer signed in on the exercise's page, where the briefing and the other desk are,
      // and the dates on this desk are the exercise's, so its clock is shown beside the way back.
      const clock = el('span', {id: 'exercise-clock'});
      b.replaceChildren(el('span', {id: 'officer-name'}, 'Signed in as ' + who.name), document.createTextNode(' · '), clock,
        document.createTextNode(' · '), el('a', {id: 'exercise-home', href: '../'}, 'Exercise home: briefing and desks'));
      const tick = async () => {
        try {
          const c = await (await nativeFetch('/api/clock')).json();
          clock.textContent = 'exercise time ' + c.now.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC')
            + (c.ended ? ' (ended: the desks are read-only)' : c.paused ? ' (paused)' : '');
        } catch (e) { clock.textContent = ''; }
      };
      tick();
      if (!window.pensimExerciseClock) window.pensimExerciseClock = setInterval(tick, 5000);
      return;
    }
    b.replaceChildren(el('span', {id: 'officer-name'}, 'Signed in as ' + who.name + ' (' + who.username + ') '));
    if (!who.managed) {
      const out = el('button', {id: 'sign-out', type: 'button'}, 'Sign out');
      out.addEventListener('click', async () => { await fetch('api/session', {method: 'DELETE'}); location.reload(); });
      b.append(out);
    }
  }

  function showSignIn(message) {
    const app = document.getElementById('app');
    if (app) app.hidden = true;
    let f = document.getElementById('sign-in');
    if (!f) {
      f = el('form', {id: 'sign-in'});
      f.setAttribute('aria-labelledby', 'sign-in-title');
      f.style.cssText = 'max-width:22em;margin:3em auto;padding:1.2em;border:1px solid #bbb;border-radius:4px';
      const user = el('input', {id: 'sign-in-username', name: 'username', autocomplete: 'username', required: true});
      const pass = el('input', {id: 'sign-in-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true});
      const msg = el('p', {id: 'sign-in-message'});
      msg.setAttribute('role', 'alert'); msg.setAttribute('aria-live', 'assertive');
      msg.style.color = '#a00';
      const lu = el('label', {htmlFor: 'sign-in-username'}, 'User name'), lp = el('label', {htmlFor: 'sign-in-password'}, 'Password or sign-in code');
      [lu, lp, user, pass].forEach(x => x.style.cssText = 'display:block;width:100%;box-sizing:border-box;margin:.2em 0');
      const where = el('p', {id: 'sign-in-where'}, document.title.replace(/^pensim /, ''));
      fetch('health').then(r => r.json()).then(h => { if (h.country) where.textContent += ' of ' + h.country; }).catch(() => {});
      f.append(el('h1', {id: 'sign-in-title'}, 'Officer sign-in'), where, lu, user, lp, pass, msg, el('button', {type: 'submit', id: 'sign-in-submit'}, 'Sign in'));
      f.addEventListener('submit', async ev => {
        ev.preventDefault();
        const r = await nativeFetch('api/session', {method: 'POST', headers: {'Content-Type': 'application/json'},
          body: JSON.stringify({username: user.value, password: pass.value})});
        const body = await r.json();
        if (!r.ok) { msg.textContent = body.detail || 'sign-in refused'; pass.value = ''; pass.focus(); return; }
        pass.value = '';
        signedIn(body);
      });
      document.body.append(f);
    }
    f.hidden = false;
    document.getElementById('sign-in-message').textContent = message || '';
    document.getElementById('sign-in-username').focus();
  }

  function signedIn(who) {
    csrf = who.csrfToken;
    const f = document.getElementById('sign-in');
    if (f) f.hidden = true;
    const app = document.getElementById('app');
    if (app) app.hidden = false;
    bar(who);
    window.pensimOfficer = {username: who.username, name: who.name};
    if (!started) { started = true; document.dispatchEvent(new CustomEvent('pensim:signed-in', {detail: who})); }
  }

  async function start() {
    const r = await nativeFetch('api/session');
    if (r.ok) signedIn(await r.json()); else showSignIn('');
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
  // A page the browser brings back from its history (Back after signing out) shows what it showed then: ask again.
  window.addEventListener('pageshow', ev => { if (ev.persisted) location.reload(); });
})();
