// The server page's interactive console: asks the panel for a one-time ticket (a POST with the page's CSRF header),
// opens the console socket, sends the ticket as its first message, then joins xterm.js to it: keys go out as binary
// messages, the guest's output comes back as binary messages, and text messages say how the console stands.
(function () {
  'use strict';

  function csrfHeaders() {
    var raw = document.body.getAttribute('hx-headers');
    try {
      return raw ? JSON.parse(raw) : {};
    } catch (e) {
      return {};
    }
  }

  function socketUrl(path) {
    return (window.location.protocol === 'https:' ? 'wss://' : 'ws://') + window.location.host + path;
  }

  function start(openButton) {
    var box = document.getElementById('terminal');
    var status = document.getElementById('terminal-status');
    var closeButton = document.getElementById('terminal-close');
    var encoder = new TextEncoder();
    var term = null;
    var fit = null;
    var socket = null;

    function say(text) {
      status.textContent = text;
    }

    function ready() {
      openButton.disabled = false;
      openButton.textContent = 'Open console again';
      closeButton.hidden = true;
    }

    function terminal() {
      if (term) {
        return;
      }
      term = new window.Terminal({ cursorBlink: true, fontSize: 14, scrollback: 5000 });
      fit = new window.FitAddon.FitAddon();
      term.loadAddon(fit);
      box.hidden = false;
      term.open(box);
      term.onData(function (data) {
        if (socket && socket.readyState === WebSocket.OPEN) {
          socket.send(encoder.encode(data));
        }
      });
      window.addEventListener('resize', function () {
        fit.fit();
      });
      // Tests and people with assistive technology read the screen through the page; keep a handle to it.
      box.terminal = term;
    }

    function connect(answer) {
      terminal();
      box.hidden = false;
      fit.fit();
      socket = new WebSocket(socketUrl(answer.path));
      socket.binaryType = 'arraybuffer';
      socket.onopen = function () {
        socket.send(JSON.stringify({ ticket: answer.ticket }));
      };
      socket.onmessage = function (message) {
        if (typeof message.data !== 'string') {
          term.write(new Uint8Array(message.data));
          return;
        }
        var state = JSON.parse(message.data);
        if (state.state === 'open') {
          say('Connected. Press Enter if the server shows nothing yet.');
          closeButton.hidden = false;
          socket.send(JSON.stringify({ resize: { cols: term.cols, rows: term.rows } }));
          term.focus();
        } else {
          say(state.message || 'The console closed.');
        }
      };
      socket.onclose = function () {
        if (status.textContent.indexOf('Connected') === 0 || status.textContent.indexOf('Opening') === 0) {
          say('The console is closed.');
        }
        ready();
      };
    }

    openButton.addEventListener('click', function () {
      openButton.disabled = true;
      say('Opening the console…');
      var headers = csrfHeaders();
      headers.Accept = 'application/json';
      fetch(openButton.getAttribute('data-ticket-url'), { method: 'POST', headers: headers, credentials: 'same-origin' })
        .then(function (response) {
          return response.json().catch(function () {
            return {};
          }).then(function (body) {
            if (!response.ok) {
              say(body.detail || 'The console could not be opened (' + response.status + ').');
              ready();
              return;
            }
            connect(body);
          });
        })
        .catch(function () {
          say('The panel did not answer. Try again in a moment.');
          ready();
        });
    });

    closeButton.addEventListener('click', function () {
      if (socket) {
        say('The console is closed.');
        socket.close(1000, 'closed');
      }
    });
  }

  function init() {
    var button = document.getElementById('terminal-open');
    if (button && window.Terminal) {
      start(button);
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
