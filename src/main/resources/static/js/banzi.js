// Progressive enhancement only: every page works without this file.
document.addEventListener('DOMContentLoaded', function () {
  document.body.addEventListener('change', function (event) {
    var target = event.target;
    if (target.matches && target.matches('[data-autosubmit]') && target.form) {
      target.form.submit();
    }
  });
  document.body.addEventListener('click', function (event) {
    var toggle = event.target.closest ? event.target.closest('[data-toggle-target]') : null;
    if (toggle) {
      var panel = document.querySelector(toggle.getAttribute('data-toggle-target'));
      if (panel) {
        var open = panel.classList.toggle('show');
        toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
      }
    }
    var confirmer = event.target.closest ? event.target.closest('[data-confirm]') : null;
    if (confirmer && !window.confirm(confirmer.getAttribute('data-confirm'))) {
      event.preventDefault();
    }
  });
  document.body.addEventListener('htmx:configRequest', function (event) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
      event.detail.headers[header.getAttribute('content')] = token.getAttribute('content');
    }
  });
});
