// Hearth's progressive enhancement. Every page works without it; this file only adds conveniences:
// copy buttons, forms that act without a reload (the same POST, same CSRF token), and confirmations.
(function () {
  'use strict';

  function announce(text) {
    var live = document.getElementById('live');
    if (live) { live.textContent = ''; window.setTimeout(function () { live.textContent = text; }, 50); }
  }

  function adjust(name, by) {
    if (!name) { return; }
    document.querySelectorAll('[data-count="' + name + '"]').forEach(function (el) {
      var n = parseInt(el.textContent, 10);
      if (!isNaN(n)) { el.textContent = String(Math.max(0, n + by)); }
    });
  }

  // Copy buttons: <button data-copy="input-id" data-copied="Copied">, shown only when this script runs.
  document.querySelectorAll('[data-copy]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      var input = document.getElementById(button.getAttribute('data-copy'));
      if (!input) { return; }
      var done = function () { announce(button.getAttribute('data-copied')); };
      input.focus();
      input.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(done, function () {
          if (document.execCommand('copy')) { done(); }
        });
      } else if (document.execCommand('copy')) {
        done();
      }
    });
  });

  // The filter form shows only the fields of the chosen kind (<form data-filter-form>, fields marked
  // data-kinds="kind ..."); without this script every field is shown, each saying which kinds read it.
  document.querySelectorAll('[data-filter-form]').forEach(function (form) {
    var select = form.querySelector('select[name=kind]');
    var label = form.querySelector('[data-number-label]');
    if (!select) { return; }
    var show = function () {
      var kind = select.value;
      form.querySelectorAll('[data-kinds]').forEach(function (el) {
        el.hidden = el.getAttribute('data-kinds').split(' ').indexOf(kind) < 0;
      });
      form.querySelectorAll('[data-all-kinds]').forEach(function (el) { el.hidden = true; });
      var option = select.options[select.selectedIndex];
      if (label && option && option.getAttribute('data-number')) { label.textContent = option.getAttribute('data-number'); }
    };
    select.addEventListener('change', show);
    show();
  });

  // A form with unsaved edits (<form data-keep-edits="question">): another form of the page (data-guard-edits)
  // asks first, since sending it reloads the page. The edited form saves everything it shows at once.
  var edited = null;
  document.querySelectorAll('form[data-keep-edits]').forEach(function (form) {
    form.addEventListener('input', function () { edited = form; });
    form.addEventListener('submit', function () { edited = null; });
  });
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (edited && form !== edited && form.hasAttribute('data-guard-edits') && !window.confirm(edited.getAttribute('data-keep-edits'))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // Confirmations for actions that are hard to undo: <form data-confirm="Really?">.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) { event.preventDefault(); return; }
    if (!form.hasAttribute('data-enhance') || event.defaultPrevented) { return; }
    // Enhanced forms: send the same POST with fetch and update the page in place.
    event.preventDefault();
    var row = form.closest('[data-row]');
    var buttons = form.querySelectorAll('button');
    buttons.forEach(function (b) { b.disabled = true; });
    var body = new FormData(form);
    if (event.submitter && event.submitter.name) { body.append(event.submitter.name, event.submitter.value); }
    // getAttribute: a control named "action" (the report form has one) would shadow form.action
    fetch(form.getAttribute('action'), { method: 'POST', body: new URLSearchParams(body), credentials: 'same-origin',
      headers: { 'X-Requested-With': 'fetch', 'Accept': 'application/json' } })
      .then(function (response) {
        return response.json().then(function (json) { return { ok: response.ok && json.ok, message: json.message }; });
      })
      .then(function (result) {
        announce(result.message);
        if (result.ok) {
          // counters on the page that this action changes: <form data-count-down="pending" data-count-up="members">
          // and <strong data-count="pending">3</strong>
          adjust(form.getAttribute('data-count-down'), -1);
          adjust(form.getAttribute('data-count-up'), 1);
        }
        if (result.ok && row) {
          row.classList.add('done');
          row.querySelectorAll('form').forEach(function (f) { f.remove(); });
          var note = document.createElement('p');
          note.className = 'small muted';
          note.setAttribute('role', 'status');
          note.textContent = result.message;
          row.appendChild(note);
        } else {
          buttons.forEach(function (b) { b.disabled = false; });
        }
      })
      .catch(function () { form.removeAttribute('data-enhance'); form.submit(); });
  });
})();
