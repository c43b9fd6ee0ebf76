// crosscheck web app: the job page polls its JSON status and opens the stories when the analysis is done.
// Only text is written into the page (textContent), never markup.
(function () {
  'use strict';
  var box = document.getElementById('job');
  if (!box) { return; }
  var url = box.getAttribute('data-status-url');
  var stage = document.getElementById('job-stage');
  var count = document.getElementById('job-count');
  var bar = document.getElementById('job-progress');
  var error = document.getElementById('job-error');
  var done = document.getElementById('job-done');
  var link = document.getElementById('job-run');
  var STAGES = { queued: 'waiting for another analysis to finish', articles: 'analysing articles',
    stories: 'cross-checking stories', done: 'done', failed: 'failed' };
  function show(job) {
    box.setAttribute('data-state', job.state);
    stage.textContent = STAGES[job.stage] || job.stage;
    count.textContent = job.done + ' of ' + job.total;
    bar.max = Math.max(job.total, 1);
    bar.value = job.done;
    if (job.state === 'failed') {
      error.textContent = job.error || 'the analysis failed';
      error.hidden = false;
    }
    if (job.state === 'done' && job.run_url) {
      link.href = job.run_url;
      done.hidden = false;
      window.location.assign(job.run_url);
    }
  }
  function poll() {
    fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then(function (r) { if (!r.ok) { throw new Error('status ' + r.status); } return r.json(); })
      .then(function (job) {
        show(job);
        if (job.state === 'queued' || job.state === 'running') { setTimeout(poll, 700); }
      })
      .catch(function (e) {
        error.textContent = 'lost contact with the server (' + e.message + '); reload the page to retry';
        error.hidden = false;
      });
  }
  poll();
}());
