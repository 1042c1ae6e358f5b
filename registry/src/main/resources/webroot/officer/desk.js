// Helpers shared by the authorities' desks (exporting and importing nodes).
const SAID = {OBJECTION: 'objected', NO_OBJECTION: 'did not object', INFO_REQUESTED: 'asked for information', ANSWER: 'answered',
  WITHDRAW: 'withdrew it', STOP: 'stopped it', DEADLINE_PASSED: 'reply deadline passed'};
/** A notification's state, or a decision, as an officer says it (the protocol's codes stay in the data and the API). */
const LIFECYCLE_WORDS = {SUBMITTED: 'submitted', DELIVERED: 'delivered, awaiting a reply', NO_OBJECTION: 'no objection',
  OBJECTION: 'objection', INFO_REQUESTED: 'information requested', NO_REPLY: 'no reply by the deadline', SHIPPED: 'shipped',
  RECEIVED: 'received', WITHDRAWN: 'withdrawn', STOPPED: 'stopped'};
function lifecycleWords(code) { return LIFECYCLE_WORDS[code] || code || ''; }
/** Who sent a message, in words: the registry's own events carry its operator's country, which is nobody's authority. */
function sender(m) {
  return m.fromRole === 'OPERATOR' ? 'the registry:' : (m.fromCountry || '');
}
function said(n) {
  return (n.messages || []).map(m => `<li class="msg"><b>${esc(sender(m))} ${esc(SAID[m.kind] || m.kind)}</b>${m.text ? ': ' + esc(m.text) : ''}</li>`).join('');
}
/** Redraws a table body only when its rows changed, and gives the focus back to the control that had it. */
function redraw(tbody, html) {
  if (tbody.dataset.html === html) return;
  const a = document.activeElement, key = a && a.closest('tbody') === tbody ? [a.closest('tr')?.id, a.dataset.d || a.dataset.a || a.dataset.receipt] : null;
  tbody.innerHTML = html; tbody.dataset.html = html;
  if (key && key[0]) { const row = document.getElementById(key[0]); const b = row && [...row.querySelectorAll('button')].find(x => (x.dataset.d || x.dataset.a || x.dataset.receipt) === key[1]); if (b) b.focus(); }
}
let standardReasons = null;
/**
 * Asks the officer in a dialog: standard reasons to tick (for OBJECTION, INFO_REQUESTED, WITHDRAW) and/or a
 * text. Resolves to {reasons: [...], text} or null when cancelled. Keyboard: Tab through, Escape cancels.
 */
async function ask({title, kind, context, textLabel, textRequired, reasonsRequired, send}) {
  if (kind && standardReasons == null) standardReasons = await (await fetch('api/reasons')).json();
  const options = kind ? (standardReasons[kind] || []) : [];
  return new Promise(resolve => {
    const d = document.createElement('dialog');
    d.id = 'ask'; d.setAttribute('aria-labelledby', 'ask-title');
    d.innerHTML = `<form method="dialog" id="ask-form"><h2 id="ask-title">${esc(title)}</h2>
      ${context ? `<blockquote id="ask-context" style="margin:.4em 0;padding:.3em .8em;border-left:3px solid #767676;white-space:pre-wrap">${esc(context)}</blockquote>` : ''}
      ${options.length ? `<fieldset><legend>Standard reasons</legend>${options.map((o, i) => `<label style="display:block;margin:.2em 0">
        <input type="checkbox" name="reason" value="${esc(o)}" id="ask-reason-${i}"> ${esc(o)}</label>`).join('')}</fieldset>` : ''}
      ${textLabel ? `<label for="ask-text" style="display:block;margin-top:.6em">${esc(textLabel)}</label>
        <textarea id="ask-text" rows="3" style="width:100%;box-sizing:border-box"></textarea>` : ''}
      <p id="ask-error" role="alert" style="color:#a4262c"></p>
      <button type="submit" id="ask-send">${esc(send || 'Send')}</button> <button type="button" id="ask-cancel">Cancel</button></form>`;
    document.body.append(d);
    const done = value => { d.close(); d.remove(); resolve(value); };
    d.querySelector('#ask-cancel').addEventListener('click', () => done(null));
    d.addEventListener('cancel', ev => { ev.preventDefault(); done(null); });
    d.querySelector('#ask-form').addEventListener('submit', ev => {
      ev.preventDefault();
      const reasons = [...d.querySelectorAll('input[name=reason]:checked')].map(x => x.value);
      const text = (d.querySelector('#ask-text')?.value || '').trim();
      if (reasonsRequired && reasons.length === 0 && !text) { d.querySelector('#ask-error').textContent = 'Tick a reason or write one.'; return; }
      if (textRequired && !text) { d.querySelector('#ask-error').textContent = textLabel + ': please write it.'; return; }
      done({reasons: text && reasonsRequired ? reasons.concat(text.split('\n').map(x => x.trim()).filter(Boolean)) : reasons, text});
    });
    d.showModal();
    (d.querySelector('input,textarea') || d.querySelector('#ask-send')).focus();
  });
}
/** A list's link to a notification's own page. */
function link(n) { return `<a href="notification.html?id=${encodeURIComponent(n.id)}">${esc(n.id)}</a>`; }
/** The reply deadline in a list: the date, the days left, highlighted when near or passed. */
function due(n) {
  if (!n.replyDeadline) return '';
  const d = n.daysLeft, cls = n.overdue ? 'overdue' : n.near ? 'near' : '';
  const words = n.overdue ? `overdue by ${-d} d` : n.near ? (d === 0 ? 'today' : `${d} d left`) : '';
  return `<span class="${cls}">${esc(n.replyDeadline)}${words ? ' (' + words + ')' : ''}</span>`;
}
/** Whether a row passes the page's search box (#q) and its "show" filter (#show). */
function shown(n) {
  const q = (document.getElementById('q')?.value || '').trim().toLowerCase();
  const show = document.getElementById('show')?.value || '';
  const text = [n.id, n.exportingCountry, n.importingCountry, n.companies, n.substances, n.state, n.decision, n.issued].join(' ').toLowerCase();
  if (q && !q.split(/\s+/).every(w => text.includes(w))) return false;
  if (show === 'near' && !(n.near || n.overdue)) return false;
  if (show === 'flagged' && !(n.score >= 0.5)) return false;
  if (show === 'refused' && n.status !== 'REFUSED') return false;
  return true;
}
