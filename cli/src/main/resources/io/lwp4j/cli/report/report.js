// Chart layer switches (p50/p90/p99/max, max/mean/sum). The page reads fully without them:
// each chart shows its default layer. data-report-ready marks a page whose script ran to its
// end; window.onerror (in <head>) marks and shows any script error.
(function () {
  document.querySelectorAll('.layer-switch button').forEach(function (button) {
    button.addEventListener('click', function () {
      var figure = button.closest('figure');
      figure.querySelectorAll('g.layer').forEach(function (layer) {
        layer.classList.toggle('active', layer.getAttribute('data-layer') === button.getAttribute('data-layer'));
      });
      figure.querySelectorAll('.layer-switch button').forEach(function (other) {
        other.classList.toggle('selected', other === button);
      });
    });
  });
  var kinds = document.querySelectorAll('section.event-kind');
  kinds.forEach(function (section) {
    if (!section.querySelector('svg.chart')) throw new Error('no chart for ' + section.getAttribute('data-event-type'));
  });
  document.documentElement.setAttribute('data-report-ready', String(kinds.length));
})();
