/*
 * The rule catalogue: every rule from GET /v1/rules with the guidance it quotes, filtered by text and area.
 * Areas come from the rules themselves; nothing here names a rule set's ids.
 */
'use strict';

(function () {
  var P = window.ChannelPolicyPage;
  var el = P.el;
  var byId = function (id) { return document.getElementById(id); };

  var list = byId('rule-list');
  var count = byId('rule-count');
  var text = byId('filter-text');
  var area = byId('filter-area');
  var entries = [];

  function effectTag(effect) {
    var kind = effect === 'PERMIT' ? 'permit' : (effect === 'DENY' ? 'deny' : 'other');
    return el('strong', { className: 'tag tag--' + kind, text: effect === 'none' ? 'no effect' : effect });
  }

  function metaItem(term, children) {
    return el('span', { className: 'rule__meta-item' }, [el('span', { className: 'visually-hidden', text: term + ': ' })].concat(children));
  }

  function ruleItem(rule, index) {
    var citation = rule.citation || {};
    var titleId = 'rule-' + index + '-title';
    var meta = el('p', { className: 'rule__meta' }, [
      effectTag(rule.effect), ' ',
      'Area: ', el('strong', { className: 'rule__area', text: rule.area || 'none' }),
      (rule.reports && rule.reports.length) ? ' \u00b7 reports ' + rule.reports.join(', ') : '',
      rule.file ? ' \u00b7 ' : '',
      rule.file ? metaItem('Written in', [el('code', { className: 'rule__file', text: rule.file + (rule.line ? ':' + rule.line : '') })]) : null
    ]);
    var left = el('div', { className: 'rule__what' }, [
      el('p', { className: 'rule__description', text: rule.description || '' }),
      rule.reading ? el('div', { className: 'rule__reading' }, [
        el('p', { className: 'rule__reading-title' }, [el('strong', { text: 'How we read the guidance here' })]),
        el('p', { text: rule.reading })
      ]) : null
    ]);
    var right = el('div', { className: 'rule__source' }, [P.quoteBlock(citation)]);
    var item = el('li', { className: 'rule', id: 'rule-' + index, 'data-rule-id': rule.id, 'aria-labelledby': titleId }, [
      el('h2', { className: 'rule__title', id: titleId }, [el('code', { className: 'rule-id', text: rule.id })]),
      meta,
      el('div', { className: 'rule__body' }, [left, right])
    ]);
    var haystack = [rule.id, rule.description, citation.quote, citation.section, rule.reading]
      .filter(Boolean).join('\n').toLowerCase();
    return { rule: rule, node: item, haystack: haystack };
  }

  function applyFilter() {
    var words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
    var wanted = area.value;
    var shown = 0;
    entries.forEach(function (entry) {
      var visible = (!wanted || entry.rule.area === wanted) && words.every(function (word) {
        return entry.haystack.indexOf(word) >= 0;
      });
      entry.node.hidden = !visible;
      if (visible) {
        shown++;
      }
    });
    count.textContent = shown === entries.length
      ? 'Showing all ' + entries.length + ' rules'
      : 'Showing ' + shown + ' of ' + entries.length + ' rules';
  }

  function show(catalogue) {
    P.showRuleSet(byId('rule-set'), catalogue.ruleSet);
    var rules = catalogue.rules || [];
    var areas = [];
    rules.forEach(function (rule) {
      if (rule.area && areas.indexOf(rule.area) < 0) {
        areas.push(rule.area);
      }
    });
    areas.sort();
    P.clear(area);
    area.appendChild(el('option', { value: '', text: 'All areas' }));
    areas.forEach(function (name) {
      area.appendChild(el('option', { value: name, text: name }));
    });
    P.clear(list);
    entries = rules.map(ruleItem);
    entries.forEach(function (entry) { list.appendChild(entry.node); });
    byId('filter-form').hidden = false;
    applyFilter();
  }

  function start() {
    P.api('GET', '/v1/rules').then(show, function (error) {
      if (error.status === 401) {
        byId('rule-set').textContent = 'The rule set is shown once the server accepts your token.';
        P.askForToken(byId('token-panel'), byId('token-form'), byId('token'), start, Boolean(P.token()));
        return;
      }
      byId('rule-set').textContent = 'The rule set could not be loaded.';
      byId('error-summary-title').textContent = (error.problem && error.problem.title) || 'The rules could not be loaded';
      byId('error-summary-detail').textContent = error.message;
      byId('error-summary').hidden = false;
      byId('error-summary').focus();
    });
  }

  text.addEventListener('input', applyFilter);
  area.addEventListener('change', applyFilter);
  byId('filter-form').addEventListener('submit', function (event) {
    event.preventDefault();
    applyFilter();
  });

  start();
}());
