/* global document, window, fetch, setTimeout, clearTimeout */
// Searches occupations while the user types, in the vacancy form's occupation field. Without
// JavaScript the field works as search-then-choose: the Zoeken button shows the form again with
// what was found.
(function () {
  'use strict';
  var field = document.querySelector('[data-occupation-search]');
  if (!field || !window.fetch) return;
  var input = field.querySelector('#field-occupation');
  var results = field.querySelector('#occupation-results');
  var timer;
  var asked = '';

  function chosenKey() {
    var checked = results.querySelector('input[name=occupation]:checked') || results.querySelector('input[type=hidden][name=occupation]');
    return checked ? checked.value : '';
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text) node.textContent = text;
    return node;
  }

  function show(items, keep) {
    results.textContent = '';
    if (items.length === 0) {
      results.appendChild(element('p', { class: 'utrecht-paragraph' }, field.dataset.none));
      if (keep) results.appendChild(element('input', { type: 'hidden', name: 'occupation', value: keep }));
      return;
    }
    var group = element('fieldset', { class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset choice-fieldset' });
    group.appendChild(element('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend' }, field.dataset.choose));
    items.forEach(function (item, index) {
      var row = element('div', { class: 'utrecht-form-field utrecht-form-field--radio choice' });
      var radio = element('input', {
        class: 'utrecht-radio-button utrecht-radio-button--html-input',
        type: 'radio',
        name: 'occupation',
        value: item.key,
        id: 'occupation-' + index,
      });
      if (item.key === keep) radio.checked = true;
      var label = element('label', { class: 'utrecht-form-label utrecht-form-label--radio', for: 'occupation-' + index }, item.title);
      if (item.escoUri) label.appendChild(element('span', { class: 'choice__hint' }, ' (' + field.dataset.group + ' ' + item.groupTitle + ')'));
      row.appendChild(radio);
      row.appendChild(label);
      group.appendChild(row);
    });
    results.appendChild(group);
  }

  function search() {
    var query = input.value.trim();
    if (query.length < 2 || query === asked) return;
    asked = query;
    var keep = chosenKey();
    var url = '/v1/reference-data/occupations?limit=12&locale=' + encodeURIComponent(field.dataset.locale || 'nl') + '&q=' + encodeURIComponent(query);
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (items) {
        if (items && input.value.trim() === query) show(items, keep);
      })
      .catch(function () {
        // Searching with the button still works.
      });
  }

  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(search, 250);
  });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter') {
      event.preventDefault();
      clearTimeout(timer);
      asked = '';
      search();
    }
  });
})();
