// crosscheck HTML report: the page's only script, inlined at render time; the Content-Security-Policy allows
// it by its sha256. Before printing, open every closed details element (and close them again afterwards).
addEventListener('beforeprint', function () {
  document.querySelectorAll('details:not([open])').forEach(function (d) {
    d.setAttribute('data-pr', '');
    d.open = true;
  });
});
addEventListener('afterprint', function () {
  document.querySelectorAll('details[data-pr]').forEach(function (d) {
    d.removeAttribute('data-pr');
    d.open = false;
  });
});
