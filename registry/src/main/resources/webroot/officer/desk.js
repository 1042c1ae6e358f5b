// Helpers shared by the authorities' desks (exporting and importing nodes).
const SAID = {OBJECTION: 'objected', NO_OBJECTION: 'did not object', INFO_REQUESTED: 'asked for information', ANSWER: 'answered',
  WITHDRAW: 'withdrew it', STOP: 'stopped it', DEADLINE_PASSED: 'reply deadline passed'};
function said(n) {
  return (n.messages || []).map(m => `<li class="msg"><b>${esc(m.fromCountry || '')} ${esc(SAID[m.kind] || m.kind)}</b>${m.text ? ': ' + esc(m.text) : ''}</li>`).join('');
}
/** Redraws a table body only when its rows changed, and gives the focus back to the control that had it. */
function redraw(tbody, html) {
  if (tbody.dataset.html === html) return;
  const a = document.activeElement, key = a && a.closest('tbody') === tbody ? [a.closest('tr')?.id, a.dataset.d || a.dataset.a || a.dataset.receipt] : null;
  tbody.innerHTML = html; tbody.dataset.html = html;
  if (key && key[0]) { const row = document.getElementById(key[0]); const b = row && [...row.querySelectorAll('button')].find(x => (x.dataset.d || x.dataset.a || x.dataset.receipt) === key[1]); if (b) b.focus(); }
}
