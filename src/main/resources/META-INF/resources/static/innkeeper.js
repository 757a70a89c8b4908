// Keeps a keyboard user's place: when an htmx swap replaces the element that held the focus (a power button whose
// card is swapped, a row that is removed), the focus moves to the first control of what came in, or to the new
// content itself, instead of falling back to the start of the page. Swaps that did not hold the focus (polling)
// leave it where it is.
(function () {
  var lost = null;
  document.addEventListener('htmx:beforeSwap', function (event) {
    var target = event.detail.target;
    var active = document.activeElement;
    lost = target && active && active !== document.body && target.contains(active)
      ? { id: target.id || null } : null;
  });
  document.addEventListener('htmx:afterSettle', function () {
    if (!lost) {
      return;
    }
    var active = document.activeElement;
    var place = lost.id ? document.getElementById(lost.id) : null;
    lost = null;
    if (active && active !== document.body && active.isConnected) {
      return;
    }
    place = place || document.getElementById('main');
    if (!place) {
      return;
    }
    var control = place.querySelector('button:not([disabled]), a[href], input:not([type=hidden]):not([disabled]), '
      + 'select:not([disabled]), textarea:not([disabled])');
    var target = control || place;
    if (!control && !target.hasAttribute('tabindex')) {
      target.setAttribute('tabindex', '-1');
    }
    target.focus({ preventScroll: true });
  });
})();
