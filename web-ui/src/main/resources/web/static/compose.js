// The composer's conveniences; the form works without them. A character counter, the browser's time zone for
// "publish at", and a draft kept in this browser while typing (restored when the page is opened again with an empty
// form, dropped when the post is sent).
(function () {
  'use strict';
  var form = document.getElementById('compose');
  document.querySelectorAll('[data-timezone]').forEach(function (input) {
    try {
      var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (zone && (input.value === '' || input.value === 'UTC')) { input.value = zone; }
    } catch (e) { /* the server uses UTC */ }
  });
  if (!form) { return; }
  var content = document.getElementById('content');
  var counter = document.querySelector('[data-counter]');
  var max = counter ? parseInt(counter.getAttribute('data-max'), 10) : 0;
  var template = counter ? counter.getAttribute('data-template') : '';
  function count() {
    if (!counter) { return; }
    var n = content.value.length;
    counter.textContent = template.replace('{n}', String(n));
    counter.classList.toggle('over', n > max);
  }
  var key = form.getAttribute('data-draft');
  var fields = ['content', 'summary', 'language'];
  function save() {
    try {
      var draft = {};
      fields.forEach(function (name) { var f = form.elements[name]; if (f) { draft[name] = f.value; } });
      window.localStorage.setItem(key, JSON.stringify(draft));
    } catch (e) { /* storage is full or off: the form still works */ }
  }
  try {
    var kept = JSON.parse(window.localStorage.getItem(key) || 'null');
    if (kept && kept.content && content.value.trim() === '') {
      fields.forEach(function (name) { var f = form.elements[name]; if (f && kept[name] != null) { f.value = kept[name]; } });
    }
  } catch (e) { /* no draft */ }
  count();
  form.addEventListener('input', function () { count(); save(); });
  form.addEventListener('submit', function (event) {
    if (event.submitter && event.submitter.hasAttribute('data-clears-draft')) {
      try { window.localStorage.removeItem(key); } catch (e) { /* nothing kept */ }
    } else {
      save();
    }
  });
})();
