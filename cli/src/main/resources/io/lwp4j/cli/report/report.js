// The page reads fully without this script. It records where the answers sit on the page
// (data-top-* on <html>: the top of the verdict, the I/O table and the slowest-calls table,
// in CSS pixels of the window it was laid out in) so a test can check that they are seen
// first, and marks a page whose script ran to its end (data-report-ready); window.onerror
// (in <head>) marks and shows any script error.
(function () {
  var root = document.documentElement;
  ['verdict', 'io-table', 'slowest-table'].forEach(function (id) {
    var element = document.getElementById(id);
    if (!element) return;
    var box = element.getBoundingClientRect();
    root.setAttribute('data-top-' + id, String(Math.round(box.top + window.scrollY)));
    root.setAttribute('data-left-' + id, String(Math.round(box.left + window.scrollX)));
  });
  root.setAttribute('data-window', window.innerWidth + 'x' + window.innerHeight);
  root.setAttribute('data-report-ready', String(document.querySelectorAll('svg.chart').length));
})();
