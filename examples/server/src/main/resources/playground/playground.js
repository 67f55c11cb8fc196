/*
 * The playground: a form built from the served rule set's vocabulary, sent to POST /v1/explain, and the
 * explanation shown in words; and the same request in AuthZEN's shape, sent to POST /access/v1/evaluation and its
 * answer shown as sent. No id is written here: every choice comes from GET /v1/vocabulary.
 */
'use strict';

(function () {
  var P = window.ChannelPolicyPage;
  var el = P.el;
  var labels = new P.Labels({});
  var byId = function (id) { return document.getElementById(id); };

  var form = byId('policy-form');
  var summary = byId('error-summary');
  var summaryList = byId('error-summary-list');
  var summaryDetail = byId('error-summary-detail');
  var resultBody = byId('result-body');
  var requestJson = byId('request-json');
  var authzenJson = byId('authzen-json');

  /* Fields named by a request's JSON path, so a server problem links to the control that fixes it. */
  var FIELD_FOR_PATH = {
    '$.actor.role': 'actor-role',
    '$.actor.id': 'actor-id',
    '$.action': 'action',
    '$.channel.type': 'channel-type',
    '$.channel.owner': 'owner-role',
    '$.channel.owner.role': 'owner-role',
    '$.channel.owner.id': 'owner-id',
    '$.channel.owner.capacity': 'owner-capacity'
  };

  var CHANGE_FIELDS = {
    'actor.role': { title: 'Their role', kind: 'roles' },
    'action': { title: 'What they do', kind: 'actions' },
    'channel.type': { title: 'Channel type', kind: 'channelTypes' },
    'channel.owner': { title: 'Whose channel', kind: null },
    'content': { title: 'Content', kind: null }
  };

  var OUTCOMES = {
    PERMIT: { verdict: 'Allowed', modifier: 'permit',
      words: 'The rule set permits this. Follow anything listed under "What must be done".' },
    DENY: { verdict: 'Not allowed', modifier: 'deny',
      words: 'A rule forbids this. The reasons below say which rule and quote the guidance it enforces.' },
    NOT_APPLICABLE: { verdict: 'Not allowed', modifier: 'other',
      words: 'No rule speaks to this request: the work is nobody\'s, so the answer is no.' },
    INDETERMINATE: { verdict: 'Not allowed', modifier: 'other',
      words: 'A rule failed while evaluating, so no decision could be trusted and the answer is no.' }
  };

  function outcomeInfo(outcome) {
    return OUTCOMES[outcome] || { verdict: 'Not allowed', modifier: 'other',
      words: 'Only PERMIT allows an action; this outcome does not.' };
  }

  /* ---------- building the form from the vocabulary ---------- */

  function fillSelect(select, first, terms) {
    P.clear(select);
    if (first) {
      select.appendChild(el('option', { value: '', text: first }));
    }
    terms.forEach(function (term) {
      select.appendChild(el('option', { value: term.id, text: term.label || term.id }));
    });
  }

  function buildForm(vocabulary) {
    var terms = vocabulary.terms || {};
    labels = new P.Labels(terms);
    P.showRuleSet(byId('rule-set'), vocabulary.ruleSet);

    fillSelect(byId('actor-role'), 'Choose a role', labels.list('roles'));
    fillSelect(byId('action'), 'Choose an action', labels.list('actions'));
    fillSelect(byId('channel-type'), 'Not stated: let the rule set classify it', labels.list('channelTypes'));
    fillSelect(byId('owner-role'), 'No named person: the channel is not attributed to anyone', labels.list('roles'));
    fillSelect(byId('owner-capacity'), 'Not stated', labels.list('capacities'));

    var options = byId('content-options');
    P.clear(options);
    labels.list('content').forEach(function (term, index) {
      var id = 'content-' + index;
      options.appendChild(el('div', { className: 'checkboxes__item' }, [
        el('input', { className: 'checkboxes__input', type: 'checkbox', id: id, name: 'content', value: term.id }),
        el('label', { className: 'checkboxes__label', 'for': id, text: term.label || term.id })
      ]));
    });

    form.hidden = false;
    syncOwner();
    syncJson();
  }

  function syncOwner() {
    byId('owner-details').hidden = byId('owner-role').value === '';
  }

  /* ---------- the request ---------- */

  function checkedContent() {
    var boxes = form.querySelectorAll('input[name="content"]');
    var chosen = [];
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].checked) {
        chosen.push(boxes[i].value);
      }
    }
    return chosen;
  }

  function requestFromForm() {
    var actor = { role: byId('actor-role').value };
    var actorId = byId('actor-id').value.trim();
    if (actorId) {
      actor.id = actorId;
    }
    var channel = {};
    var type = byId('channel-type').value;
    if (type) {
      channel.type = type;
    }
    var ownerRole = byId('owner-role').value;
    if (ownerRole) {
      var owner = { role: ownerRole };
      var ownerId = byId('owner-id').value.trim();
      if (ownerId) {
        owner.id = ownerId;
      }
      var capacity = byId('owner-capacity').value;
      if (capacity) {
        owner.capacity = capacity;
      }
      channel.owner = owner;
    }
    return { actor: actor, action: byId('action').value, channel: channel, content: checkedContent() };
  }

  function syncJson() {
    var request = requestFromForm();
    requestJson.value = JSON.stringify(request, null, 2);
    authzenJson.value = JSON.stringify(authzenFromRequest(request), null, 2);
  }

  /* ---------- AuthZEN ---------- */

  /** The request in AuthZEN's shape, by the mapping in docs/authzen.md; "" is a channel with no handle. */
  function authzenFromRequest(request) {
    var properties = {};
    if (request.channel.type) {
      properties.type = request.channel.type;
    }
    if (request.channel.owner) {
      properties.owner = request.channel.owner;
    }
    var resource = { type: 'channel', id: request.channel.handle || '' };
    if (Object.keys(properties).length) {
      resource.properties = properties;
    }
    return {
      subject: { type: 'user', id: request.actor.id || '', properties: { role: request.actor.role } },
      action: { name: request.action, properties: { content: request.content } },
      resource: resource
    };
  }

  /** Sends the AuthZEN request as it is and shows the answer as it came: status, then the body. */
  function askAuthzen() {
    var answer = byId('authzen-answer');
    P.clear(answer);
    answer.appendChild(el('p', { className: 'status', text: 'Asking\u2026' }));
    var headers = { 'Content-Type': 'application/json' };
    if (P.token()) {
      headers['Authorization'] = 'Bearer ' + P.token();
    }
    window.fetch('/access/v1/evaluation', { method: 'POST', headers: headers, body: authzenJson.value,
      credentials: 'same-origin', cache: 'no-store' }).then(function (response) {
      return response.text().then(function (text) {
        var shown = text;
        try {
          shown = JSON.stringify(JSON.parse(text), null, 2);
        } catch (e) {
          shown = text; // errors are plain text
        }
        P.clear(answer);
        answer.appendChild(el('p', { className: 'authzen-answer__status', id: 'authzen-status', text: 'HTTP ' + response.status }));
        answer.appendChild(el('pre', { className: 'authzen-answer__body', id: 'authzen-body', text: shown }));
      });
    }, function () {
      P.clear(answer);
      answer.appendChild(el('p', { className: 'authzen-answer__status', id: 'authzen-status', text: 'The service could not be reached.' }));
    });
  }

  /* ---------- errors ---------- */

  function clearErrors() {
    summary.hidden = true;
    P.clear(summaryList);
    summaryDetail.textContent = '';
    var groups = form.querySelectorAll('.form-group--error');
    for (var i = 0; i < groups.length; i++) {
      groups[i].classList.remove('form-group--error');
    }
    var messages = form.querySelectorAll('.error-message');
    for (var j = 0; j < messages.length; j++) {
      messages[j].hidden = true;
      messages[j].textContent = '';
    }
    var invalid = form.querySelectorAll('[aria-invalid]');
    for (var k = 0; k < invalid.length; k++) {
      invalid[k].removeAttribute('aria-invalid');
    }
  }

  /* Marks the field's group, writes the message above the field and points the field at it. */
  function markField(fieldId, message) {
    var field = byId(fieldId);
    var message_ = byId(fieldId + '-error') || (fieldId.indexOf('content') === 0 ? byId('content-error') : null);
    var group = field ? field.closest('.form-group') : null;
    if (group) {
      group.classList.add('form-group--error');
    }
    if (message_) {
      message_.hidden = false;
      message_.textContent = '';
      message_.appendChild(el('span', { className: 'visually-hidden', text: 'Error: ' }));
      message_.appendChild(document.createTextNode(message));
      var describedTarget = fieldId === 'content-0' ? byId('content-fieldset') : field;
      if (describedTarget) {
        var described = (describedTarget.getAttribute('aria-describedby') || '').split(' ').filter(function (x) {
          return x && x !== message_.id;
        });
        described.push(message_.id);
        describedTarget.setAttribute('aria-describedby', described.join(' '));
      }
    }
    if (field && field.tagName !== 'FIELDSET') {
      field.setAttribute('aria-invalid', 'true');
    }
  }

  function summaryLink(fieldId, children) {
    var link = el('a', { href: '#' + fieldId }, children);
    link.addEventListener('click', function (event) {
      var target = byId(fieldId);
      if (!target) {
        return;
      }
      event.preventDefault();
      if (fieldId === 'request-json') {
        byId('json-details').open = true;
      }
      var legend = target.closest('fieldset') ? target.closest('fieldset').querySelector('legend') : null;
      (legend || target).scrollIntoView();
      target.focus();
    });
    return link;
  }

  function showSummary(title, detail, items) {
    byId('error-summary-title').textContent = title;
    summaryDetail.textContent = detail || '';
    summaryDetail.hidden = !detail;
    P.clear(summaryList);
    items.forEach(function (item) {
      summaryList.appendChild(el('li', null, [item]));
    });
    summary.hidden = false;
    summary.focus();
    summary.scrollIntoView();
  }

  function validate(request) {
    var errors = [];
    if (!request.actor.role) {
      errors.push({ field: 'actor-role', message: 'Choose the role of the person acting' });
    }
    if (!request.action) {
      errors.push({ field: 'action', message: 'Choose what they want to do' });
    }
    if (request.content.length === 0) {
      errors.push({ field: 'content-0', message: 'Select at least one kind of content' });
    }
    return errors;
  }

  function problemText(problem) {
    var parts = [];
    var where = problem.path || '';
    if (problem.line) {
      where += (where ? ' ' : '') + '(line ' + problem.line + (problem.column ? ', column ' + problem.column : '') + ')';
    }
    var children = [];
    if (where) {
      children.push(el('code', { className: 'problem__path', text: where }));
      children.push(': ');
    }
    children.push(problem.message || 'invalid');
    parts.push(el('span', { className: 'problem__message' }, children));
    if (problem.suggestion) {
      parts.push(el('span', { className: 'problem__suggestion' }, [
        'Did you mean ', el('code', { text: problem.suggestion }), '?']));
    }
    if (problem.allowedValues && problem.allowedValues.length) {
      var allowed = el('span', { className: 'problem__allowed' }, ['Allowed values: ']);
      problem.allowedValues.forEach(function (value, index) {
        if (index > 0) {
          allowed.appendChild(document.createTextNode(', '));
        }
        allowed.appendChild(el('code', { text: value }));
      });
      parts.push(allowed);
    }
    return parts;
  }

  function showServerProblems(error, sentJson) {
    var problem = error.problem || {};
    var problems = Array.isArray(problem.problems) ? problem.problems : [];
    var messages = {};
    var order = [];
    var items = problems.map(function (p) {
      var fieldId = FIELD_FOR_PATH[p.path];
      if (!sentJson && p.path && p.path.indexOf('$.content') === 0) {
        fieldId = 'content-0';
      }
      if (sentJson || !fieldId) {
        fieldId = 'request-json';
      }
      if (!messages[fieldId]) {
        messages[fieldId] = [];
        order.push(fieldId);
      }
      messages[fieldId].push((p.path ? p.path + ': ' : '') + (p.message || 'invalid'));
      return summaryLink(fieldId, problemText(p));
    });
    order.forEach(function (fieldId) {
      markField(fieldId, messages[fieldId].join('; '));
    });
    var title = problem.title || 'The server could not answer';
    var detail = problem.detail || (error.status ? 'The server answered ' + error.status + '.' : error.message);
    showSummary(title, detail, items);
    P.clear(resultBody);
  }

  /* ---------- the answer ---------- */

  function effectTag(effect) {
    var kind = effect === 'PERMIT' ? 'permit' : (effect === 'DENY' ? 'deny' : 'other');
    return el('strong', { className: 'tag tag--' + kind, text: effect });
  }

  function ruleId(id) {
    return el('code', { className: 'rule-id', text: id });
  }

  function section(id, title, children) {
    return el('section', { className: 'result-section', id: id, 'aria-labelledby': id + '-title' },
      [el('h3', { className: 'result-section__title', id: id + '-title', text: title })].concat(children));
  }

  function ruleCard(item, headChildren) {
    return el('li', { className: 'card' }, [
      el('p', { className: 'card__head' }, headChildren),
      item.message ? el('p', { className: 'card__message', text: item.message }) : null,
      P.quoteBlock(item.citation)
    ]);
  }

  function labelledList(kind, ids) {
    if (!ids || ids.length === 0) {
      return el('span', { text: 'None' });
    }
    return el('ul', { className: 'plain-list' }, ids.map(function (id) {
      return el('li', { text: labels.of(kind, id) });
    }));
  }

  function describeRequest(request) {
    var rows = [];
    rows.push(['Who', labels.of('roles', request.actor.role) + (request.actor.id ? ' (' + request.actor.id + ')' : '')]);
    rows.push(['Action', labels.of('actions', request.action)]);
    var channel = request.channel || {};
    rows.push(['Channel type', channel.type ? labels.of('channelTypes', channel.type) : 'Not stated']);
    var owner = channel.owner;
    rows.push(['Whose channel', owner
      ? labels.of('roles', owner.role) + (owner.id ? ' (' + owner.id + ')' : '')
        + (owner.capacity ? ', ' + labels.of('capacities', owner.capacity) : '')
      : 'No named person']);
    rows.push(['Content', (request.content || []).map(function (id) { return labels.of('content', id); }).join('; ')]);
    return rows;
  }

  function summaryList_(rows) {
    return el('dl', { className: 'summary-list' }, rows.map(function (row) {
      return el('div', { className: 'summary-list__row' }, [
        el('dt', { className: 'summary-list__key', text: row[0] }),
        el('dd', { className: 'summary-list__value' }, [typeof row[1] === 'string' ? document.createTextNode(row[1]) : row[1]])
      ]);
    }));
  }

  /* Content changes read "a, b" and "with x", "without x" or "only x": show each id by its label. */
  function contentValue(value) {
    var match = /^(with|without|only) (.+)$/.exec(value);
    if (match) {
      return match[1] + ' ' + labels.of('content', match[2]);
    }
    return value.split(', ').map(function (id) { return labels.of('content', id); }).join(', ');
  }

  function changeValue(field, value) {
    var spec = CHANGE_FIELDS[field];
    if (field === 'content') {
      return contentValue(value);
    }
    if (spec && spec.kind) {
      return labels.of(spec.kind, value);
    }
    return value;
  }

  function alternativeRow(alternative) {
    var decision = alternative.decision || {};
    var info = outcomeInfo(decision.outcome);
    var changes = el('ul', { className: 'change-list' }, (alternative.changes || []).map(function (change) {
      var spec = CHANGE_FIELDS[change.field];
      return el('li', { className: 'change' }, [
        el('span', { className: 'change__field', text: (spec ? spec.title : change.field) + ': ' }),
        el('span', { className: 'change__from', text: changeValue(change.field, change.from) }),
        el('span', { className: 'change__arrow', text: ' \u2192 ' }),
        el('span', { className: 'change__to', text: changeValue(change.field, change.to) })
      ]);
    }));
    var deciding = (decision.reasons || []).map(function (reason) { return reason.rule; });
    return el('tr', { className: 'table__row alternative' }, [
      el('td', { className: 'table__cell' }, [changes]),
      el('td', { className: 'table__cell' }, [
        el('p', { className: 'alternative__outcome' }, [
          effectTag(decision.outcome || 'unknown'), ' ', el('span', { text: info.verdict.toLowerCase() })
        ]),
        deciding.length ? el('p', { className: 'alternative__rules' }, ['by '].concat(
          deciding.reduce(function (acc, id, index) {
            if (index > 0) {
              acc.push(', ');
            }
            acc.push(ruleId(id));
            return acc;
          }, []))) : null
      ])
    ]);
  }

  function alternativesTable(alternatives) {
    return el('table', { className: 'table', id: 'alternatives-table' }, [
      el('caption', { className: 'visually-hidden', text: 'Changes to the request and the answer each would give' }),
      el('thead', null, [el('tr', null, [
        el('th', { scope: 'col', className: 'table__header table__header--change', text: 'If you change' }),
        el('th', { scope: 'col', className: 'table__header', text: 'the answer would be' })
      ])]),
      el('tbody', null, alternatives.map(alternativeRow))
    ]);
  }

  function renderExplanation(explanation, request) {
    var decision = explanation.decision || {};
    var info = outcomeInfo(decision.outcome);
    var parts = [];

    parts.push(el('div', { className: 'outcome outcome--' + info.modifier, id: 'outcome', tabindex: '-1' }, [
      el('h2', { className: 'outcome__verdict', id: 'outcome-verdict', text: info.verdict }),
      el('p', { className: 'outcome__code' }, ['Outcome: ', el('strong', { id: 'outcome-code', text: decision.outcome || 'unknown' })]),
      el('p', { className: 'outcome__words', text: info.words })
    ]));

    var facts = [];
    if (request) {
      facts = facts.concat(describeRequest(request));
    }
    facts.push(['Classified as', decision.channelType
      ? labels.of('channelTypes', decision.channelType) : 'Not classified']);
    facts.push(['Codes that apply', labelledList('codes', decision.codes)]);
    var ruleSet = decision.ruleSet || explanation.ruleSet;
    if (ruleSet) {
      facts.push(['Rule set', ruleSet.id + ' ' + ruleSet.version]);
    }
    parts.push(section('facts', 'The request and its channel', [summaryList_(facts)]));

    var reasons = decision.reasons || [];
    parts.push(section('reasons', 'Why', [reasons.length
      ? el('ol', { className: 'card-list' }, reasons.map(function (reason) {
        return ruleCard(reason, [effectTag(reason.effect), ' ', ruleId(reason.rule)]);
      }))
      : el('p', { text: 'No rule decided this request.' })]));

    var obligations = decision.obligations || [];
    if (obligations.length) {
      parts.push(section('obligations', 'What must be done', [el('ol', { className: 'card-list' },
        obligations.map(function (obligation) { return ruleCard(obligation, [ruleId(obligation.rule)]); }))]));
    }

    var advice = decision.advice || [];
    if (advice.length) {
      parts.push(section('advice', 'Advice', [el('ul', { className: 'card-list' }, advice.map(function (item) {
        var head = [];
        if (item.principle) {
          head.push(el('strong', { className: 'tag tag--principle', text: labels.of('principles', item.principle) }));
          head.push(' ');
        }
        head.push(ruleId(item.rule));
        return ruleCard(item, head);
      }))]));
    }

    var responsibilities = decision.responsibilities || [];
    if (responsibilities.length) {
      parts.push(section('responsibilities', 'Whose work this is', [el('ul', { className: 'card-list' },
        responsibilities.map(function (item) {
          return ruleCard(item, [el('strong', { className: 'card__role', text: labels.of('roles', item.role) }), ' ', ruleId(item.rule)]);
        }))]));
    }

    var alternatives = explanation.alternatives || [];
    parts.push(section('alternatives', 'What would change the answer', alternatives.length
      ? [el('p', { className: 'hint', text: decision.outcome === 'PERMIT'
        ? 'Each of these changes to the request would make the answer no.'
        : 'Each of these changes to the request would make the answer yes.' }),
        alternativesTable(alternatives)]
      : [el('p', { text: 'No change of one or two fields changes the answer.' })]));

    var fired = explanation.rulesFired || [];
    if (fired.length) {
      parts.push(el('details', { className: 'details', id: 'rules-fired' }, [
        el('summary', { className: 'details__summary', text: 'Every rule that fired (' + fired.length + ')' }),
        el('ul', { className: 'details__text plain-list' }, fired.map(function (id) { return el('li', null, [ruleId(id)]); }))
      ]));
    }

    P.clear(resultBody);
    parts.forEach(function (part) { resultBody.appendChild(part); });
    byId('result-heading').classList.remove('visually-hidden');
  }

  /* ---------- sending ---------- */

  var sending = false;

  function send(body, request, sentJson) {
    if (sending) {
      return;
    }
    sending = true;
    clearErrors();
    P.clear(resultBody);
    resultBody.appendChild(el('p', { className: 'status', id: 'result-status', text: 'Checking\u2026' }));
    P.api('POST', '/v1/explain', body).then(function (explanation) {
      sending = false;
      renderExplanation(explanation, request);
      byId('outcome').scrollIntoView();
    }, function (error) {
      sending = false;
      if (error.status === 401) {
        P.clear(resultBody);
        P.askForToken(byId('token-panel'), byId('token-form'), byId('token'), function () {
          send(body, request, sentJson);
        }, Boolean(P.token()));
        return;
      }
      showServerProblems(error, sentJson);
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearErrors();
    var request = requestFromForm();
    var errors = validate(request);
    if (errors.length) {
      errors.forEach(function (error) { markField(error.field, error.message); });
      showSummary('There is a problem', '', errors.map(function (error) {
        return summaryLink(error.field, [error.message]);
      }));
      P.clear(resultBody);
      return;
    }
    send(JSON.stringify(request), request, false);
  });

  byId('submit-json').addEventListener('click', function () {
    var text = requestJson.value;
    var request = null;
    try {
      var parsed = JSON.parse(text);
      if (parsed && parsed.actor && Array.isArray(parsed.content)) {
        request = parsed;
      }
    } catch (e) {
      request = null;
    }
    send(text, request, true);
  });

  byId('submit-authzen').addEventListener('click', askAuthzen);

  form.addEventListener('input', function (event) {
    if (event.target !== requestJson && event.target !== authzenJson) {
      syncOwner();
      syncJson();
    }
  });
  form.addEventListener('change', function (event) {
    if (event.target !== requestJson && event.target !== authzenJson) {
      syncOwner();
      syncJson();
    }
  });

  /* ---------- start ---------- */

  function start() {
    P.api('GET', '/v1/vocabulary').then(buildForm, function (error) {
      if (error.status === 401) {
        byId('rule-set').textContent = 'The rule set is shown once the server accepts your token.';
        P.askForToken(byId('token-panel'), byId('token-form'), byId('token'), start, Boolean(P.token()));
        return;
      }
      byId('rule-set').textContent = 'The rule set could not be loaded.';
      showSummary(error.problem.title || 'The service could not be reached', error.message, []);
    });
  }

  start();
}());
