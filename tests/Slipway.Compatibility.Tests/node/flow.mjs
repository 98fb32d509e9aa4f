// The npm `mlflow` client 2.0.7, unmodified, through the whole tracking flow of spec mlflow-rest.md §5.4.
// Usage: MLFLOW_TRACKING_URI=http://127.0.0.1:5000 MLFLOW_TRACKING_TOKEN=slw_... node flow.mjs
// Prints "ok - <step>" or "not ok - <step>" and the error for each step; exits 1 when any step failed.
import assert from 'node:assert/strict';
import MLflow from 'mlflow';

const endpoint = (process.env.MLFLOW_TRACKING_URI ?? '').replace(/\/+$/, '');
const token = process.env.MLFLOW_TRACKING_TOKEN ?? '';
if (!endpoint || !token) {
  process.stderr.write('MLFLOW_TRACKING_URI and MLFLOW_TRACKING_TOKEN must be set\n');
  process.exit(2);
}

// The client prints every POST body with console.log (lib/mlflow.js); a 1,000-point batch would bury the report.
const print = (line) => process.stdout.write(`${line}\n`);
console.log = () => {};

// The client has no notion of MLflow's auth variables, but its constructor takes `headers`, which it merges
// into every request (lib/mlflow.js, MLflowBase.req): that is how the token travels, no fetch wrapping needed.
const client = new MLflow({ endpoint, headers: { Authorization: `Bearer ${token}` } });
const { Experiments, Runs, Metrics, Artifacts } = client;

// The client throws `new Error(new Error(JSON.stringify({ status, statusText, data })))` on any non-200
// status, so the message reads "Error: {...}". Returns that object; fails if the call succeeded.
async function failure(call) {
  let result;
  try {
    result = await call;
  } catch (error) {
    const json = String(error.message).replace(/^Error: /, '');
    try {
      return JSON.parse(json);
    } catch {
      throw error; // not an HTTP error (connection refused, ...)
    }
  }
  assert.fail(`expected an HTTP error, got 200 ${JSON.stringify(result)}`);
}

async function expectError(call, status, errorCode) {
  const { status: actual, data } = await failure(call);
  assert.equal(actual, status, `status (body ${JSON.stringify(data)})`);
  if (errorCode) {
    assert.equal(data?.error_code, errorCode, `error_code (body ${JSON.stringify(data)})`);
    assert.equal(typeof data.message, 'string');
  }
  return data;
}

// Every step runs even after a failure, so that one run lists every call that fails; later steps may then
// fail only because an earlier one did, so read the first failure first.
const failed = [];
let steps = 0;
async function step(name, body) {
  steps++;
  try {
    await body();
    print(`ok - ${name}`);
  } catch (error) {
    failed.push(name);
    print(`not ok - ${name}`);
    const where = /flow\.mjs:\d+/.exec(String(error?.stack))?.[0] ?? '';
    print(`  ${String(error?.message ?? error).replaceAll('\n', '\n  ')}${where ? `\n  at ${where}` : ''}`);
  }
}

const asMap = (pairs) => Object.fromEntries((pairs ?? []).map((p) => [p.key, p]));
const values = (pairs) => Object.fromEntries((pairs ?? []).map((p) => [p.key, p.value]));
const unique = `${Date.now()}-${Math.random().toString(16).slice(2, 10)}`;
const t0 = Date.now();
const historyPoints = 1000;

async function main() {
  let experimentId;
  let runId;
  const name = `npm-flow-${unique}`;
  const renamed = `${name}-renamed`;

  await step('a call without the token is refused with 401', async () => {
    const anonymous = new MLflow({ endpoint });
    await expectError(anonymous.Experiments.get({ experiment_id: '0' }), 401, 'UNAUTHENTICATED');
  });

  await step('experiments/list, removed in MLflow 2.0 and still called by the client, is 404', async () => {
    await expectError(Experiments.list(), 404, 'ENDPOINT_NOT_FOUND');
  });

  await step('experiments/create, get, a duplicate name, update (rename)', async () => {
    const created = await Experiments.create({ name });
    experimentId = created.experiment_id;
    assert.equal(typeof experimentId, 'string');
    assert.match(experimentId, /^[1-9][0-9]*$/);

    const { experiment } = await Experiments.get({ experiment_id: experimentId });
    assert.equal(experiment.experiment_id, experimentId);
    assert.equal(experiment.name, name);
    assert.equal(experiment.lifecycle_stage, 'active');
    assert.equal(experiment.artifact_location, `mlflow-artifacts:/${experimentId}`);
    assert.equal(typeof experiment.creation_time, 'number');

    await expectError(Experiments.create({ name }), 400, 'RESOURCE_ALREADY_EXISTS');

    assert.deepEqual(await Experiments.update({ experiment_id: experimentId, new_name: renamed }), {});
    assert.equal((await Experiments.get({ experiment_id: experimentId })).experiment.name, renamed);
  });

  await step("the client's broken experiment-tag path (/experimentsset-experiment-tag) is 404", async () => {
    await expectError(Experiments.setExperimentTag({ experiment_id: experimentId, key: 'k', value: 'v' }), 404);
  });

  await step('runs/create', async () => {
    const { run } = await Runs.create({
      experiment_id: experimentId,
      user_id: 'npm-user',
      start_time: t0,
      tags: [{ key: 'mlflow.runName', value: 'main' }],
    });
    runId = run.info.run_id;
    assert.match(runId, /^[0-9a-f]{32}$/);
    assert.equal(run.info.run_uuid, runId);
    assert.equal(run.info.experiment_id, experimentId);
    assert.equal(run.info.user_id, 'npm-user');
    assert.equal(run.info.status, 'RUNNING');
    assert.equal(run.info.lifecycle_stage, 'active');
    assert.equal(run.info.start_time, t0);
    assert.equal(run.info.run_name, 'main');
    assert.equal(run.info.artifact_uri, `mlflow-artifacts:/${experimentId}/${runId}/artifacts`);
  });

  await step('runs/log-parameter, log-metric; params are immutable', async () => {
    assert.deepEqual(await Runs.logParameter({ run_id: runId, key: 'model', value: 'x' }), {});
    assert.deepEqual(await Runs.logParameter({ run_id: runId, key: 'model', value: 'x' }), {});
    await expectError(Runs.logParameter({ run_id: runId, key: 'model', value: 'y' }), 400, 'INVALID_PARAMETER_VALUE');
    assert.deepEqual(await Runs.logMetric({ run_id: runId, key: 'rmse', value: 0.25, timestamp: t0, step: 0 }), {});
  });

  await step(`runs/log-batch with ${historyPoints} metric points, then params, tags and another metric`, async () => {
    const metrics = Array.from({ length: historyPoints }, (_, i) => ({ key: 'loss', value: 1 / (i + 1), timestamp: t0 + i, step: i }));
    assert.deepEqual(await Runs.logBatch({ run_id: runId, metrics }), {});
    assert.deepEqual(await Runs.logMetric({ run_id: runId, key: 'loss', value: 1 / (historyPoints + 1), timestamp: t0 + historyPoints, step: historyPoints }), {});
    assert.deepEqual(await Runs.logBatch({
      run_id: runId,
      metrics: [{ key: 'acc', value: 0.875, timestamp: t0, step: 0 }],
      params: [{ key: 'lr', value: '0.01' }],
      tags: [{ key: 'team', value: 'npm' }],
    }), {});
  });

  await step('runs/set-tag and delete-tag', async () => {
    assert.deepEqual(await Runs.setTag({ run_id: runId, key: 'temporary', value: '1' }), {});
    assert.deepEqual(await Runs.setTag({ run_id: runId, key: 'stage', value: 'dev' }), {});
    assert.deepEqual(await Runs.setTag({ run_id: runId, key: 'stage', value: 'test' }), {});
    assert.deepEqual(await Runs.deleteTag({ run_id: runId, key: 'temporary' }), {});
    await expectError(Runs.deleteTag({ run_id: runId, key: 'temporary' }), 404, 'RESOURCE_DOES_NOT_EXIST');
  });

  await step('runs/get shows the latest value per metric, the params and the tags', async () => {
    const { run } = await Runs.get({ run_id: runId });
    assert.deepEqual(values(run.data.params), { model: 'x', lr: '0.01' });
    const metrics = asMap(run.data.metrics);
    assert.deepEqual(Object.keys(metrics).sort(), ['acc', 'loss', 'rmse']);
    assert.deepEqual(metrics.loss, { key: 'loss', value: 1 / (historyPoints + 1), timestamp: t0 + historyPoints, step: historyPoints });
    assert.equal(metrics.rmse.value, 0.25);
    assert.equal(metrics.acc.value, 0.875);
    const tags = values(run.data.tags);
    assert.equal(tags.team, 'npm');
    assert.equal(tags.stage, 'test');
    assert.equal(tags['mlflow.runName'], 'main');
    assert.equal('temporary' in tags, false);
  });

  await step(`metrics/get-history without max_results returns all ${historyPoints + 1} points in order`, async () => {
    const history = await Metrics.getHistory({ run_id: runId, metric_key: 'loss' });
    assert.equal(history.next_page_token, undefined);
    assert.equal(history.metrics.length, historyPoints + 1);
    history.metrics.forEach((point, i) => {
      assert.deepEqual(point, { key: 'loss', value: 1 / (i + 1), timestamp: t0 + i, step: i }, `point ${i}`);
    });
    const none = await Metrics.getHistory({ run_id: runId, metric_key: 'never-logged' });
    assert.deepEqual(none.metrics ?? [], []);
  });

  await step('runs/update finishes the run', async () => {
    const endTime = t0 + 5000;
    const { run_info: info } = await Runs.update({ run_id: runId, status: 'FINISHED', end_time: endTime });
    assert.equal(info.run_id, runId);
    assert.equal(info.status, 'FINISHED');
    assert.equal(info.end_time, endTime);
    assert.equal((await Runs.get({ run_id: runId })).run.info.status, 'FINISHED');
  });

  // Search: which runs have a latest rmse under 0.5 and model 'x'? `main` (0.25) and these.
  const others = [
    { name: 'a', rmse: [0.1], model: 'x' }, // matches
    { name: 'b', rmse: [0.45], model: 'x' }, // matches
    { name: 'c', rmse: [0.3], model: 'y' }, // other model
    { name: 'd', rmse: [0.6], model: 'x' }, // too high
    { name: 'e', rmse: [0.5], model: 'x' }, // not strictly below
    { name: 'f', rmse: [0.9, 0.35], model: 'x' }, // matches on its latest point
    { name: 'g', rmse: [0.05, 0.8], model: 'x' }, // its latest point is too high
    { name: 'h', rmse: [], model: 'x' }, // no rmse at all
    { name: 'i', rmse: [0.15], model: 'x', deleted: true }, // deleted: only in DELETED_ONLY
    { name: 'j', rmse: [0.4], model: 'x' }, // matches
    { name: 'k', rmse: [0.2], model: 'X' }, // params compare case-sensitively
  ];
  const idsByName = { main: null };
  const filter = "metrics.rmse < 0.5 and params.model = 'x'";
  const ascending = ['a', 'main', 'f', 'j', 'b'];

  async function searchAll(request) {
    const pages = [];
    let page_token;
    do {
      const page = await Runs.search({ ...request, page_token });
      pages.push(page);
      page_token = page.next_page_token;
      assert.ok(pages.length <= 20, 'page tokens do not end');
    } while (page_token);
    return pages;
  }
  const namesOf = (runs) => (runs ?? []).map((r) => r.info.run_name);

  await step('runs for the search: latest values, another model, a deleted run', async () => {
    idsByName.main = runId;
    let clock = t0 + 10_000;
    for (const spec of others) {
      const { run } = await Runs.create({
        experiment_id: experimentId,
        user_id: 'npm-user',
        start_time: clock++,
        tags: [{ key: 'mlflow.runName', value: spec.name }],
      });
      idsByName[spec.name] = run.info.run_id;
      await Runs.logParameter({ run_id: run.info.run_id, key: 'model', value: spec.model });
      for (const [stepIndex, value] of spec.rmse.entries()) {
        await Runs.logMetric({ run_id: run.info.run_id, key: 'rmse', value, timestamp: clock, step: stepIndex });
      }
      if (spec.deleted) {
        assert.deepEqual(await Runs.delete({ run_id: run.info.run_id }), {});
      }
    }
  });

  await step(`runs/search "${filter}" ordered by metrics.rmse, two per page, following page tokens`, async () => {
    const pages = await searchAll({ experiment_ids: [experimentId], filter, order_by: ['metrics.rmse ASC'], max_results: 2 });
    assert.deepEqual(pages.map((p) => namesOf(p.runs).length), [2, 2, 1]);
    const runs = pages.flatMap((p) => p.runs);
    assert.deepEqual(namesOf(runs), ascending);
    assert.deepEqual(runs.map((r) => r.info.run_id), ascending.map((n) => idsByName[n]));
    for (const run of runs) {
      assert.equal(values(run.data.params).model, 'x');
      assert.ok(asMap(run.data.metrics).rmse.value < 0.5);
    }
  });

  await step('runs/search descending in one page, and DELETED_ONLY', async () => {
    const page = await Runs.search({ experiment_ids: [experimentId], filter, order_by: ['metrics.rmse DESC'], max_results: 10 });
    assert.deepEqual(namesOf(page.runs), [...ascending].reverse());
    assert.equal(page.next_page_token, undefined);

    const deleted = await Runs.search({ experiment_ids: [experimentId], filter, run_view_type: 'DELETED_ONLY' });
    assert.deepEqual(namesOf(deleted.runs), ['i']);
  });

  await step('runs/delete and restore', async () => {
    assert.deepEqual(await Runs.delete({ run_id: runId }), {});
    assert.equal((await Runs.get({ run_id: runId })).run.info.lifecycle_stage, 'deleted');
    await expectError(Runs.logMetric({ run_id: runId, key: 'rmse', value: 1, timestamp: t0, step: 9 }), 400, 'INVALID_PARAMETER_VALUE');
    const active = await Runs.search({ experiment_ids: [experimentId], filter, order_by: ['metrics.rmse ASC'] });
    assert.deepEqual(namesOf(active.runs), ascending.filter((n) => n !== 'main'));

    assert.deepEqual(await Runs.restore({ run_id: runId }), {});
    assert.equal((await Runs.get({ run_id: runId })).run.info.lifecycle_stage, 'active');
    const restored = await Runs.search({ experiment_ids: [experimentId], filter, order_by: ['metrics.rmse ASC'] });
    assert.deepEqual(namesOf(restored.runs), ascending);
  });

  await step('experiments/delete takes its runs along; restore brings them back', async () => {
    assert.deepEqual(await Experiments.delete({ experiment_id: experimentId }), {});
    const { experiment } = await Experiments.get({ experiment_id: experimentId });
    assert.equal(experiment.lifecycle_stage, 'deleted');
    assert.equal((await Runs.get({ run_id: runId })).run.info.lifecycle_stage, 'deleted');
    await expectError(Runs.create({ experiment_id: experimentId, start_time: t0 }), 400, 'INVALID_PARAMETER_VALUE');
    await expectError(Experiments.delete({ experiment_id: experimentId }), 404);

    assert.deepEqual(await Experiments.restore({ experiment_id: experimentId }), {});
    assert.equal((await Experiments.get({ experiment_id: experimentId })).experiment.lifecycle_stage, 'active');
    assert.equal((await Runs.get({ run_id: runId })).run.info.lifecycle_stage, 'active');
    await expectError(Experiments.restore({ experiment_id: experimentId }), 404);
  });

  await step('artifacts/list on a run with no artifacts answers its root_uri', async () => {
    const listing = await Artifacts.list({ run_id: runId });
    assert.equal(listing.root_uri, `mlflow-artifacts:/${experimentId}/${runId}/artifacts`);
    assert.deepEqual(listing.files ?? [], []);
  });

  await step('unknown ids are 404 RESOURCE_DOES_NOT_EXIST', async () => {
    await expectError(Runs.get({ run_id: '0123456789abcdef0123456789abcdef' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    await expectError(Experiments.get({ experiment_id: '987654321' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    await expectError(Metrics.getHistory({ run_id: '0123456789abcdef0123456789abcdef', metric_key: 'loss' }), 404, 'RESOURCE_DOES_NOT_EXIST');
  });
}

await main();
if (failed.length > 0) {
  print(`${failed.length} of ${steps} steps failed, the first: ${failed[0]}`);
  process.exitCode = 1;
} else {
  print(`all ${steps} steps passed`);
}
