'use strict';
// The demo page: an echo connection over the chosen SockJS transport, and a STOMP chat over the same transport.
(function () {
  var $ = function (id) { return document.getElementById(id); };
  var serviceUrl = function (name) { return new URL('sockjs/' + name, window.location.href).toString(); };
  var MAX_LOG = 200;

  var demo = window.demo = {
    echo: {state: 'closed', transport: null, rtt: null, lastEcho: null},
    chat: {state: 'not joined', transport: null, messages: [], members: []}
  };

  function transportOptions() {
    var chosen = $('transport').value;
    return chosen === 'auto' ? {} : {transports: [chosen]};
  }

  function log(direction, text) {
    var item = document.createElement('li');
    item.className = direction;
    var time = document.createElement('time');
    time.textContent = new Date().toLocaleTimeString();
    var what = document.createElement('span');
    what.textContent = direction + ' ' + text;
    item.appendChild(time);
    item.appendChild(what);
    var list = $('log');
    list.insertBefore(item, list.firstChild);
    while (list.children.length > MAX_LOG) {
      list.removeChild(list.lastChild);
    }
  }

  // ---- echo ----

  var sock = null;
  var wanted = false;
  var reconnectTimer = null;
  var pingTimer = null;

  function setState(state) {
    demo.echo.state = state;
    $('state').textContent = state;
    $('state').className = 'badge ' + state;
    $('echo-send').disabled = state !== 'open';
    $('disconnect').disabled = state === 'closed' && !wanted;
  }

  function connectEcho() {
    clearTimeout(reconnectTimer);
    if (sock) {
      sock.onclose = null;
      clearInterval(pingTimer);
      if (sock.readyState !== SockJS.CLOSED) {
        log('close', 'switching transport');
      }
      sock.close();
    }
    wanted = true;
    setState('connecting');
    $('transport-in-use').textContent = '-';
    var current = sock = demo.echo.socket = new SockJS(serviceUrl('echo'), null, transportOptions());
    current.onopen = function () {
      demo.echo.transport = current.transport;
      $('transport-in-use').textContent = current.transport;
      setState('open');
      log('open', 'over ' + current.transport);
      ping();
      pingTimer = setInterval(ping, 2000);
    };
    current.onmessage = function (event) {
      var data = event.data;
      if (data.indexOf('{"ping":') === 0) {
        var rtt = performance.now() - JSON.parse(data).ping;
        demo.echo.rtt = rtt;
        $('rtt').textContent = rtt.toFixed(1) + ' ms';
        return;
      }
      demo.echo.lastEcho = data;
      $('last-echo').textContent = data;
      log('recv', data);
    };
    current.onclose = function (event) {
      clearInterval(pingTimer);
      setState('closed');
      log('close', event.code + ' ' + event.reason);
      if (wanted && current === sock) {
        setState('reconnecting');
        reconnectTimer = setTimeout(connectEcho, 2000);
      }
    };
  }

  function ping() {
    if (sock && sock.readyState === SockJS.OPEN) {
      sock.send(JSON.stringify({ping: performance.now()}));
    }
  }

  $('transport-form').addEventListener('submit', function (event) {
    event.preventDefault();
    connectEcho();
    // The chat uses the picked transport too: it joins again over the new one.
    if (joined) {
      join(joined.nick, joined.room);
    }
  });

  $('disconnect').addEventListener('click', function () {
    wanted = false;
    clearTimeout(reconnectTimer);
    if (sock) {
      sock.close();
    }
    setState('closed');
  });

  $('echo-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var text = $('echo-text').value;
    if (text && sock && sock.readyState === SockJS.OPEN) {
      sock.send(text);
      log('send', text);
      $('echo-text').value = '';
    }
  });

  // ---- chat ----

  var stomp = null;
  var joined = null;
  // Names this tab to the chat, so that joining again after a reconnect (perhaps to another node) keeps the nickname.
  var clientId = Math.random().toString(36).slice(2) + Date.now().toString(36);

  function setChatState(state) {
    demo.chat.state = state;
    $('chat-state').textContent = state;
    $('say').disabled = state.indexOf('joined ') !== 0;
    $('private-send').disabled = $('say').disabled;
  }

  function showMessage(event) {
    if (event.type === 'members') {
      showMembers(event.members);
      return;
    }
    demo.chat.messages.push(event);
    var item = document.createElement('li');
    item.className = event.type;
    var who = document.createElement('strong');
    var text = document.createElement('span');
    if (event.type === 'join' || event.type === 'leave') {
      who.textContent = event.nick;
      text.textContent = event.type === 'join' ? ' joined' : ' left';
    } else if (event.type === 'private') {
      who.textContent = event.nick + ' \u2192 ' + event.to + ' (private)';
      text.textContent = ': ' + event.text;
    } else {
      who.textContent = event.nick;
      text.textContent = ': ' + event.text;
    }
    item.appendChild(who);
    item.appendChild(text);
    $('messages').appendChild(item);
    $('messages').scrollTop = $('messages').scrollHeight;
    if (event.members) {
      showMembers(event.members);
    }
  }

  function showMembers(members) {
    demo.chat.members = members;
    var list = $('members');
    var to = $('private-to');
    list.textContent = '';
    to.textContent = '';
    members.forEach(function (nick) {
      var item = document.createElement('li');
      item.textContent = nick;
      list.appendChild(item);
      if (joined && nick !== joined.nick) {
        var option = document.createElement('option');
        option.textContent = nick;
        to.appendChild(option);
      }
    });
  }

  function join(nick, room) {
    joined = {nick: nick, room: room};
    if (stomp) {
      stomp.deactivate();
    }
    setChatState('connecting');
    setChatTransport(null);
    var client = stomp = new StompJs.Client({
      webSocketFactory: function () { return new SockJS(serviceUrl('stomp'), null, transportOptions()); },
      reconnectDelay: 2000,
      onConnect: function () {
        setChatTransport(client.webSocket && client.webSocket.transport);
        client.subscribe('/topic/chat.' + room, function (message) { showMessage(JSON.parse(message.body)); });
        client.subscribe('/user/queue/private', function (message) { showMessage(JSON.parse(message.body)); });
        client.publish({destination: '/app/chat/' + room + '/join',
                       body: JSON.stringify({nick: nick, client: clientId}),
                       headers: {'content-type': 'application/json'}});
        setChatState('joined ' + room + ' as ' + nick);
      },
      onStompError: function (frame) {
        if (client === stomp) {
          setChatState('error: ' + frame.headers.message);
        }
      },
      onWebSocketClose: function () {
        // A client replaced by a join over another transport closes late: it no longer speaks for the chat.
        if (client === stomp && demo.chat.state.indexOf('error') !== 0) {
          setChatState('reconnecting');
          setChatTransport(null);
        }
      }
    });
    client.activate();
  }

  function setChatTransport(transport) {
    demo.chat.transport = transport || null;
    $('chat-transport').textContent = transport || '-';
  }

  $('join-form').addEventListener('submit', function (event) {
    event.preventDefault();
    join($('nick').value.trim(), $('room').value.trim());
  });

  $('say-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var text = $('say-text').value;
    if (text && stomp && joined) {
      stomp.publish({destination: '/app/chat/' + joined.room + '/say', body: text});
      $('say-text').value = '';
    }
  });

  $('private-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var text = $('private-text').value;
    var to = $('private-to').value;
    if (text && to && stomp) {
      stomp.publish({destination: '/app/chat/private', body: JSON.stringify({to: to, text: text}),
                     headers: {'content-type': 'application/json'}});
      $('private-text').value = '';
    }
  });

  // ---- live panel: this server's meters, read from its /metrics every 2 s ----

  var LIVE_PERIOD = 2000;
  var LIVE_SAMPLES = 30;
  var live = demo.live = {sessions: {}, inPerSecond: null, outPerSecond: null, history: []};
  var lastTotals = null;

  /** Prometheus text: {name: [{labels: {...}, value: n}]}, for the samples the panel reads. */
  function parseMetrics(text) {
    var metrics = {};
    text.split('\n').forEach(function (line) {
      var match = /^([a-z_]+)\{([^}]*)\} (\S+)/.exec(line);
      if (!match) {
        return;
      }
      var labels = {};
      match[2].replace(/(\w+)="([^"]*)"/g, function (all, name, value) { labels[name] = value; });
      (metrics[match[1]] = metrics[match[1]] || []).push({labels: labels, value: parseFloat(match[3])});
    });
    return metrics;
  }

  function sum(samples) {
    return (samples || []).reduce(function (total, sample) { return total + sample.value; }, 0);
  }

  function showLive(metrics, now) {
    var byTransport = {};
    (metrics.sockjs_sessions_open || []).forEach(function (sample) {
      var transport = sample.labels.transport;
      byTransport[transport] = (byTransport[transport] || 0) + sample.value;
    });
    live.sessions = byTransport;
    var rows = $('live-sessions');
    rows.textContent = '';
    Object.keys(byTransport).sort().forEach(function (transport) {
      var row = document.createElement('tr');
      [transport, String(byTransport[transport])].forEach(function (text) {
        var cell = document.createElement('td');
        cell.textContent = text;
        row.appendChild(cell);
      });
      rows.appendChild(row);
    });
    var totals = {time: now, in: sum(metrics.sockjs_messages_received_total),
                  out: sum(metrics.sockjs_messages_sent_total)};
    if (lastTotals) {
      var seconds = (totals.time - lastTotals.time) / 1000;
      live.inPerSecond = (totals.in - lastTotals.in) / seconds;
      live.outPerSecond = (totals.out - lastTotals.out) / seconds;
      $('live-in').textContent = live.inPerSecond.toFixed(1);
      $('live-out').textContent = live.outPerSecond.toFixed(1);
      live.history.push({in: live.inPerSecond, out: live.outPerSecond});
      if (live.history.length > LIVE_SAMPLES) {
        live.history.shift();
      }
      drawSparkline();
    }
    lastTotals = totals;
  }

  function drawSparkline() {
    var top = Math.max(1, Math.max.apply(null, live.history.map(function (h) { return Math.max(h.in, h.out); })));
    ['in', 'out'].forEach(function (direction) {
      $('live-line-' + direction).setAttribute('points', live.history.map(function (h, i) {
        return (i * 300 / (LIVE_SAMPLES - 1)).toFixed(1) + ',' + (38 - h[direction] / top * 36).toFixed(1);
      }).join(' '));
    });
  }

  function pollMetrics() {
    fetch(new URL('metrics', window.location.href), {cache: 'no-store'})
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (text) { showLive(parseMetrics(text), performance.now()); })
      .catch(function () { $('live-in').textContent = $('live-out').textContent = '-'; })
      .then(function () { setTimeout(pollMetrics, LIVE_PERIOD); });
  }

  var requested = new URLSearchParams(window.location.search).get('transport');
  if (requested) {
    var known = Array.prototype.some.call($('transport').options, function (option) {
      return option.value === requested;
    });
    if (known) {
      $('transport').value = requested;
    } else {
      $('notice').textContent = 'Unknown transport "' + requested + '" in the address: using auto.';
      $('notice').hidden = false;
    }
  }
  connectEcho();
  // A browser without fetch (an old one, or a test browser) gets the page without the panel.
  if (typeof window.fetch === 'function') {
    pollMetrics();
  }
})();
