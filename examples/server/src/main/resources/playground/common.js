/*
 * Shared by the playground and the rule catalogue: talking to the decision service and building DOM.
 * Everything the server sends is data: it reaches the page through textContent and attributes only,
 * never through innerHTML, so a rule set or a request cannot inject markup.
 */
'use strict';

var ChannelPolicyPage = (function () {
  var TOKEN_KEY = 'channelPolicy.token';

  /** Makes an element with attributes and children; strings become text nodes. */
  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    if (attributes) {
      Object.keys(attributes).forEach(function (name) {
        var value = attributes[name];
        if (value === null || value === undefined || value === false) {
          return;
        }
        if (name === 'text') {
          node.textContent = String(value);
        } else if (name === 'className') {
          node.className = value;
        } else if (value === true) {
          node.setAttribute(name, '');
        } else {
          node.setAttribute(name, String(value));
        }
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) {
        return;
      }
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  function token() {
    try {
      return window.sessionStorage.getItem(TOKEN_KEY);
    } catch (e) {
      return null;
    }
  }

  function setToken(value) {
    try {
      if (value) {
        window.sessionStorage.setItem(TOKEN_KEY, value);
      } else {
        window.sessionStorage.removeItem(TOKEN_KEY);
      }
    } catch (e) {
      // Storage refused (private mode): the token lasts until the page reloads, held by the caller.
    }
  }

  /** An error that carries the server's problem document, when there is one. */
  function ApiError(status, problem) {
    this.status = status;
    this.problem = problem || {};
    this.message = (problem && (problem.detail || problem.title)) || ('The server answered ' + status + '.');
  }

  /**
   * Calls the service and resolves with the parsed JSON body. Rejects with an ApiError for any status but 200,
   * carrying the problem+json body when the server sent one.
   */
  function api(method, path, body) {
    var headers = { 'Accept': 'application/json, application/problem+json' };
    var current = token();
    if (current) {
      headers['Authorization'] = 'Bearer ' + current;
    }
    var init = { method: method, headers: headers, credentials: 'same-origin', cache: 'no-store' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = body;
    }
    return window.fetch(path, init).then(function (response) {
      return response.text().then(function (text) {
        var parsed = null;
        if (text) {
          try {
            parsed = JSON.parse(text);
          } catch (e) {
            parsed = null;
          }
        }
        if (response.ok && parsed !== null) {
          return parsed;
        }
        throw new ApiError(response.status, parsed);
      });
    }, function () {
      throw new ApiError(0, { title: 'The service could not be reached',
        detail: 'The page could not reach the decision service. Check that it is running and try again.' });
    });
  }

  /** Index of {id, label} terms by kind, for showing labels instead of ids. */
  function Labels(terms) {
    this.terms = terms || {};
  }
  Labels.prototype.of = function (kind, id) {
    var list = this.terms[kind] || [];
    for (var i = 0; i < list.length; i++) {
      if (list[i].id === id) {
        return list[i].label || id;
      }
    }
    return id;
  };
  Labels.prototype.list = function (kind) {
    return this.terms[kind] || [];
  };

  function ruleSetText(ruleSet) {
    if (!ruleSet) {
      return 'Rule set unknown';
    }
    return 'Rule set ' + ruleSet.id + ' version ' + ruleSet.version;
  }

  /** Shows which rule set is served, with its digest in a title for those who need it. */
  function showRuleSet(node, ruleSet) {
    clear(node);
    node.appendChild(el('span', { text: 'Served: ' }));
    node.appendChild(el('strong', { text: ruleSetText(ruleSet), id: 'rule-set-name' }));
    if (ruleSet && ruleSet.digest) {
      node.appendChild(el('span', { className: 'rule-set-banner__digest', text: ' (' + ruleSet.digest.slice(0, 19) + '\u2026)',
        title: ruleSet.digest }));
    }
  }

  /**
   * Shows the access-token panel and calls onToken once the user gives one. The panel explains why it
   * appeared; the token goes to sessionStorage only.
   */
  function askForToken(panel, form, input, onToken, wrong) {
    panel.hidden = false;
    var intro = panel.querySelector('p');
    if (intro && wrong) {
      intro.textContent = 'The server did not accept that token. Check it and enter it again. It is kept in this '
        + 'browser tab only and forgotten when you close it.';
    }
    form.onsubmit = function (event) {
      event.preventDefault();
      var value = input.value.trim();
      if (!value) {
        input.focus();
        return;
      }
      setToken(value);
      input.value = '';
      panel.hidden = true;
      onToken();
    };
    input.focus();
  }

  function quoteBlock(citation) {
    if (!citation) {
      return null;
    }
    var where = [];
    if (citation.section) {
      where.push(citation.section);
    }
    if (citation.source) {
      where.push(citation.source);
    }
    return el('figure', { className: 'citation' }, [
      el('blockquote', { className: 'citation__quote' }, [el('p', { text: citation.quote || '' })]),
      where.length ? el('figcaption', { className: 'citation__source' }, [
        'Guidance: ', el('cite', { text: where.join(', ') })]) : null
    ]);
  }

  return {
    el: el,
    clear: clear,
    api: api,
    ApiError: ApiError,
    Labels: Labels,
    token: token,
    setToken: setToken,
    showRuleSet: showRuleSet,
    askForToken: askForToken,
    quoteBlock: quoteBlock
  };
}());
