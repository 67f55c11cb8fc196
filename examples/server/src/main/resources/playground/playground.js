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
    '$.action': 'action',
    '$.channel.type': 'channel-type',
    '$.channel.owner': 'owner-role',
    '$.channel.owner.role': 'owner-role',
    '$.channel.owner.capacity': 'owner-capacity',
    '$.source': 'action',
    '$.source.owner': 'source-role',
    '$.source.owner.role': 'source-role',
    '$.source.owner.capacity': 'source-capacity'
  };

  /*
   * The ids the form gives: they only say whose channel it is. The same id for the person acting and the owner means
   * their own channel; the rules never see ids, and an answer never shows them.
   */
  var ACTOR_ID = 'person-acting';
  var OWNER_ID = 'channel-owner';
  var SOURCE_ID = 'tweet-author';

  /* The actions that take a source (the rule set's amplifying group), from /v1/vocabulary. */
  var sourceActions = [];

  /* Plain words first, the code second. Anything but PERMIT means no. */
  var OUTCOMES = {
    PERMIT: { verdict: 'Yes, allowed', modifier: 'permit',
      words: 'The rules permit this, with what is listed under "What must be done".' },
    DENY: { verdict: 'No, not allowed', modifier: 'deny',
      words: 'A rule forbids this. Each reason quotes the guidance.' },
    NOT_APPLICABLE: { verdict: 'No: no rule allows this', modifier: 'other',
      words: 'No rule permits or forbids this, so the answer is no.' },
    INDETERMINATE: { verdict: 'No: the rules could not decide', modifier: 'other',
      words: 'A rule failed while deciding, so the answer is no.' }
  };

  /* The outcome in plain words; a PERMIT points to "What must be done" only when something is listed there. */
  function outcomeWords(decision, info) {
    return decision.outcome === 'PERMIT' && !(decision.obligations || []).length ? 'The rules permit this.' : info.words;
  }

  function outcomeInfo(outcome) {
    return OUTCOMES[outcome] || { verdict: 'No', modifier: 'other',
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
    fillSelect(byId('channel-type'), 'Not stated: let the rule set work it out', labels.list('channelTypes'));
    fillSelect(byId('owner-role'), 'Choose whose channel it is', labels.list('roles'));
    fillSelect(byId('owner-capacity'), 'Not stated', labels.list('capacities'));
    fillSelect(byId('source-role'), 'Choose whose tweet it is', labels.list('roles'));
    fillSelect(byId('source-capacity'), 'Not stated', labels.list('capacities'));
    sourceActions = vocabulary.sourceActions || [];

    /* Each category with its one-line definition from the rule set, when it gives one. */
    var options = byId('content-options');
    P.clear(options);
    labels.list('content').forEach(function (term, index) {
      var id = 'content-' + index;
      var hintId = id + '-hint';
      options.appendChild(el('div', { className: 'checkboxes__item' }, [
        el('input', { className: 'checkboxes__input', type: 'checkbox', id: id, name: 'content', value: term.id,
          'aria-describedby': term.description ? hintId : null }),
        el('label', { className: 'checkboxes__label', 'for': id, text: term.label || term.id }),
        term.description ? el('p', { className: 'hint checkboxes__hint', id: hintId, text: term.description }) : null
      ]));
    });

    form.hidden = false;
    syncOwner();
    syncJson();
  }

  function ownerChoice() {
    var chosen = form.querySelector('input[name="owner"]:checked');
    return chosen ? chosen.value : 'none';
  }

  function sourceChoice() {
    var chosen = form.querySelector('input[name="source"]:checked');
    return chosen ? chosen.value : 'unstated';
  }

  /* Whether the chosen action amplifies another tweet, so that the request may say whose tweet it is. */
  function takesSource() {
    return sourceActions.indexOf(byId('action').value) >= 0;
  }

  function syncOwner() {
    var choice = ownerChoice();
    byId('owner-other-details').hidden = choice !== 'other';
    byId('owner-capacity-group').hidden = choice === 'none';
    var source = sourceChoice();
    byId('source-fieldset').hidden = !takesSource();
    byId('source-other-details').hidden = source !== 'other';
    byId('source-capacity-group').hidden = source !== 'own' && source !== 'other';
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
    var actor = { role: byId('actor-role').value, id: ACTOR_ID };
    var channel = {};
    var type = byId('channel-type').value;
    if (type) {
      channel.type = type;
    }
    var choice = ownerChoice();
    if (choice !== 'none') {
      var owner = choice === 'own' ? { role: actor.role, id: ACTOR_ID } : { role: byId('owner-role').value, id: OWNER_ID };
      var capacity = byId('owner-capacity').value;
      if (capacity) {
        owner.capacity = capacity;
      }
      channel.owner = owner;
    }
    var request = { actor: actor, action: byId('action').value, channel: channel, content: checkedContent() };
    var source = sourceChoice();
    if (takesSource() && source !== 'unstated') {
      request.source = {};
      if (source !== 'organisation') {
        var sourceOwner = source === 'own' ? { role: actor.role, id: ACTOR_ID } : { role: byId('source-role').value, id: SOURCE_ID };
        var sourceCapacity = byId('source-capacity').value;
        if (sourceCapacity) {
          sourceOwner.capacity = sourceCapacity;
        }
        request.source.owner = sourceOwner;
      }
    }
    return request;
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
    if (request.source) {
      properties.source = request.source;
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
    if (ownerChoice() === 'other' && !byId('owner-role').value) {
      errors.push({ field: 'owner-role', message: 'Choose whose channel it is' });
    }
    if (takesSource() && sourceChoice() === 'other' && !byId('source-role').value) {
      errors.push({ field: 'source-role', message: 'Choose whose tweet it is' });
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

  function isOwn(request) {
    var owner = (request.channel || {}).owner;
    return Boolean(owner && owner.id && request.actor && owner.id === request.actor.id);
  }

  /* Ids are shown only when someone typed their own into the JSON: the form's say only whose channel it is. */
  function typedId(id) {
    return id && id !== ACTOR_ID && id !== OWNER_ID && id !== SOURCE_ID ? ' (' + id + ')' : '';
  }

  function describeRequest(request) {
    var rows = [];
    rows.push(['Who', labels.of('roles', request.actor.role) + typedId(request.actor.id)]);
    rows.push(['Action', labels.of('actions', request.action)]);
    var channel = request.channel || {};
    var owner = channel.owner;
    rows.push(['Whose channel', owner
      ? (isOwn(request) ? 'Their own' : labels.of('roles', owner.role) + typedId(owner.id))
        + (owner.capacity ? ', ' + labels.of('capacities', owner.capacity) : '')
      : 'No named person\'s']);
    rows.push(['Channel type', channel.type ? labels.of('channelTypes', channel.type) : 'Not stated']);
    if (request.source) {
      var sourceOwner = request.source.owner;
      rows.push(['Whose tweet', sourceOwner
        ? (sourceOwner.id && request.actor && sourceOwner.id === request.actor.id ? 'Their own'
          : labels.of('roles', sourceOwner.role) + typedId(sourceOwner.id))
          + (sourceOwner.capacity ? ', ' + labels.of('capacities', sourceOwner.capacity) : '')
        : 'An organisation\'s (no named person\'s)']);
    }
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

  /* One alternative: what to do, in words, and the answer it would give. */
  function alternativeItem(alternative) {
    var decision = alternative.decision || {};
    var info = outcomeInfo(decision.outcome);
    var what = (alternative.changes || []).map(function (change, index) {
      var text = change.instruction || change.description || '';
      return index === 0 ? text : 'and ' + text.charAt(0).toLowerCase() + text.slice(1);
    }).join(', ');
    var deciding = (decision.reasons || []).map(function (reason) { return reason.rule; });
    return el('li', { className: 'alternative' }, [
      el('p', { className: 'alternative__change', text: what }),
      el('p', { className: 'alternative__outcome' }, [
        el('span', { text: info.verdict }), ' ', el('span', { className: 'alternative__code', text: '(' + (decision.outcome || 'unknown') + ')' }),
        deciding.length ? el('span', { className: 'alternative__rules' }, [' by '].concat(
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

  function closestCard(rule) {
    var would = rule.effect === 'PERMIT' ? 'would permit it' : 'would forbid it';
    return el('li', { className: 'card card--closest' }, [
      el('p', { className: 'card__head' }, [effectTag(rule.effect), ' ', ruleId(rule.rule), ' ' + would + ', but it ',
        el('strong', { className: 'card__lacking', text: (rule.lacking || []).join(' and ') + '.' })]),
      el('details', { className: 'details details--small' }, [
        el('summary', { className: 'details__summary', text: 'The guidance it quotes' }),
        el('div', { className: 'details__text' }, [el('p', { className: 'card__message', text: rule.message }), P.quoteBlock(rule.citation)])
      ])
    ]);
  }

  /* Why no rule decided: whose work it is (with the guidance that says so), then the rules that came closest. */
  function notApplicableParts(decision) {
    var why = decision.notApplicable || {};
    var parts = [];
    var responsibilities = decision.responsibilities || [];
    if (responsibilities.length) {
      parts.push(el('p', { className: 'whose-work', id: 'whose-work' }, ['It is the work of ',
        el('strong', { text: (why.whoseWork || responsibilities.map(function (r) { return r.role; }))
          .map(function (role) { return labels.of('roles', role); }).join(' and ') }), ':']));
      parts.push(el('ul', { className: 'card-list' }, responsibilities.map(function (item) {
        return el('li', { className: 'card card--compact' }, [P.quoteBlock(item.citation),
          el('p', { className: 'card__rule' }, [ruleId(item.rule)])]);
      })));
    } else {
      parts.push(el('p', { className: 'whose-work', id: 'whose-work', text: 'The guidance gives this work to no role.' }));
    }
    var closest = why.closest || [];
    if (closest.length) {
      parts.push(el('p', { className: 'closest__intro', text: 'The rules that came closest, and what the request lacked:' }));
      parts.push(el('ol', { className: 'card-list', id: 'closest' }, closest.map(closestCard)));
    }
    return parts;
  }

  function renderExplanation(explanation, request) {
    var decision = explanation.decision || {};
    var info = outcomeInfo(decision.outcome);
    var parts = [];

    parts.push(el('div', { className: 'outcome outcome--' + info.modifier, id: 'outcome', tabindex: '-1' }, [
      el('h2', { className: 'outcome__verdict', id: 'outcome-verdict', text: info.verdict }),
      el('p', { className: 'outcome__words', text: outcomeWords(decision, info) }),
      el('p', { className: 'outcome__code' }, ['Outcome code: ', el('strong', { id: 'outcome-code', text: decision.outcome || 'unknown' })])
    ]));

    var reasons = decision.reasons || [];
    if (decision.outcome === 'NOT_APPLICABLE') {
      parts.push(section('reasons', 'Why', notApplicableParts(decision)));
    } else {
      parts.push(section('reasons', 'Why', [reasons.length
        ? el('ol', { className: 'card-list' }, reasons.map(function (reason) {
          return ruleCard(reason, [effectTag(reason.effect), ' ', ruleId(reason.rule)]);
        }))
        : el('p', { text: 'No rule decided this request.' })]));
    }

    var obligations = decision.obligations || [];
    if (obligations.length) {
      parts.push(section('obligations', 'What must be done', [el('ol', { className: 'card-list' },
        obligations.map(function (obligation) { return ruleCard(obligation, [ruleId(obligation.rule)]); }))]));
    }

    var alternatives = explanation.alternatives || [];
    parts.push(el('details', { className: 'details', id: 'alternatives' }, [
      el('summary', { className: 'details__summary', id: 'alternatives-title',
        text: 'What would change the answer (' + alternatives.length + ')' }),
      el('div', { className: 'details__text' }, alternatives.length
        ? [el('p', { className: 'hint', text: decision.outcome === 'PERMIT'
          ? 'Each of these would make the answer no.'
          : 'Each of these would make the answer yes. Only changes the person asking can make are listed.' }),
          el('ol', { className: 'alternative-list', id: 'alternative-list' }, alternatives.map(alternativeItem))]
        : [el('p', { text: 'Nothing the person asking could change (the content, the action, the channel, or asking the person '
          + 'whose work it is) would change the answer.' })])
    ]));

    var more = [];
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
    more.push(section('facts', 'The request and its channel', [summaryList_(facts)]));

    var responsibilities = decision.responsibilities || [];
    if (responsibilities.length && decision.outcome !== 'NOT_APPLICABLE') {
      more.push(section('responsibilities', 'Whose work this is', [el('ul', { className: 'card-list' },
        responsibilities.map(function (item) {
          return ruleCard(item, [el('strong', { className: 'card__role', text: labels.of('roles', item.role) }), ' ', ruleId(item.rule)]);
        }))]));
    }

    var advice = decision.advice || [];
    if (advice.length) {
      more.push(section('advice', 'Advice', [el('ul', { className: 'card-list' }, advice.map(function (item) {
        var head = [];
        if (item.principle) {
          head.push(el('strong', { className: 'tag tag--principle', text: labels.of('principles', item.principle) }));
          head.push(' ');
        }
        head.push(ruleId(item.rule));
        return ruleCard(item, head);
      }))]));
    }

    var fired = explanation.rulesFired || [];
    if (fired.length) {
      more.push(section('rules-fired', 'Every rule that fired (' + fired.length + ')', [
        el('ul', { className: 'plain-list' }, fired.map(function (id) { return el('li', null, [ruleId(id)]); }))]));
    }
    parts.push(el('details', { className: 'details', id: 'more' }, [
      el('summary', { className: 'details__summary', text: 'The request, codes, advice and every rule that fired' }),
      el('div', { className: 'details__text' }, more)
    ]));

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
