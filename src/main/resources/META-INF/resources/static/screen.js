// The graphical console page: asks the panel for a one-time vnc ticket (a POST with the page's CSRF header), opens
// the console socket and sends the ticket as its first message; once the panel says the console is open, noVNC
// takes the same socket and speaks RFB with the server's VNC display through it. Send Ctrl-Alt-Del is noVNC's
// sendCtrlAltDel (three RFB key events). Where the screen cannot be reached, a screenshot taken by the server's
// host through libvirt shows instead.
import RFB from './vendor/novnc/core/rfb.js';

const openButton = document.getElementById('screen-open');
const cadButton = document.getElementById('screen-cad');
const closeButton = document.getElementById('screen-close');
const status = document.getElementById('screen-status');
const box = document.getElementById('screen');
const picture = document.getElementById('screenshot');
let rfb = null;

function say(text) {
  status.textContent = text;
}

function csrfHeaders() {
  try {
    return JSON.parse(document.body.getAttribute('hx-headers') || '{}');
  } catch (e) {
    return {};
  }
}

function ready() {
  openButton.disabled = false;
  openButton.textContent = 'Connect again';
  cadButton.hidden = true;
  closeButton.hidden = true;
  rfb = null;
}

function screenshot() {
  picture.src = openButton.dataset.screenshotUrl + '?at=' + Date.now();
  picture.hidden = false;
}

function connect(answer) {
  const socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + answer.path);
  socket.binaryType = 'arraybuffer';
  let ended = null;
  socket.onopen = () => socket.send(JSON.stringify({ ticket: answer.ticket }));
  socket.onmessage = (message) => {
    const state = typeof message.data === 'string' ? JSON.parse(message.data) : {};
    if (state.state !== 'open') {
      ended = state.message || 'The graphical console closed.';
      return;
    }
    // From here every message is RFB: noVNC takes the socket over (in this same task, so none is missed).
    picture.hidden = true;
    rfb = new RFB(box, socket, { shared: true });
    rfb.addEventListener('connect', () => {
      say('Connected.');
      cadButton.hidden = false;
      closeButton.hidden = false;
      rfb.focus();
    });
    // Tests read the screen through the page; keep a handle to the client.
    box.rfb = rfb;
  };
  socket.addEventListener('close', (event) => {
    const why = ended || event.reason || 'The graphical console is closed.';
    say(why);
    if (ended && event.code !== 1008) {
      screenshot();
    }
    ready();
  });
}

openButton.addEventListener('click', () => {
  openButton.disabled = true;
  say('Connecting…');
  const headers = Object.assign(csrfHeaders(), { Accept: 'application/json' });
  fetch(openButton.dataset.ticketUrl, { method: 'POST', headers, credentials: 'same-origin' })
    .then((response) => response.json().catch(() => ({})).then((body) => {
      if (!response.ok) {
        say(body.detail || body.message || 'The graphical console could not be opened (' + response.status + ').');
        ready();
        return;
      }
      connect(body);
    }))
    .catch(() => {
      say('The panel did not answer. Try again in a moment.');
      ready();
    });
});

cadButton.addEventListener('click', () => {
  if (rfb) {
    rfb.sendCtrlAltDel();
    say('Sent Ctrl-Alt-Del.');
  }
});

closeButton.addEventListener('click', () => {
  if (rfb) {
    rfb.disconnect();
  }
});
