// The npm `mlflow` client 2.0.7, unmodified, with the token of a user who holds EDIT on one experiment and nothing
// on another: it works within its grants and gets 403 PERMISSION_DENIED outside them (issue 5, governance §8.8).
// Usage: MLFLOW_TRACKING_URI=... MLFLOW_TRACKING_TOKEN=slw_... ALLOWED_EXPERIMENT_ID=1 DENIED_EXPERIMENT_ID=2 DENIED_RUN_ID=... node grants.mjs
import assert from 'node:assert/strict';
import MLflow from 'mlflow';

const endpoint = (process.env.MLFLOW_TRACKING_URI ?? '').replace(/\/+$/, '');
const token = process.env.MLFLOW_TRACKING_TOKEN ?? '';
const allowed = process.env.ALLOWED_EXPERIMENT_ID ?? '';
const denied = process.env.DENIED_EXPERIMENT_ID ?? '';
const deniedRun = process.env.DENIED_RUN_ID ?? '';
if (!endpoint || !token || !allowed || !denied || !deniedRun) {
  process.stderr.write('MLFLOW_TRACKING_URI, MLFLOW_TRACKING_TOKEN, ALLOWED_EXPERIMENT_ID, DENIED_EXPERIMENT_ID and DENIED_RUN_ID must be set\n');
  process.exit(2);
}

const print = (line) => process.stdout.write(`${line}\n`);
console.log = () => {};
const { Experiments, Runs } = new MLflow({ endpoint, headers: { Authorization: `Bearer ${token}` } });

async function expectDenied(call) {
  try {
    const result = await call;
    assert.fail(`expected 403, got 200 ${JSON.stringify(result)}`);
  } catch (error) {
    if (error instanceof assert.AssertionError) throw error;
    const { status, data } = JSON.parse(String(error.message).replace(/^Error: /, ''));
    assert.equal(status, 403, `status (body ${JSON.stringify(data)})`);
    assert.equal(data?.error_code, 'PERMISSION_DENIED');
  }
}

const failed = [];
async function step(name, body) {
  try {
    await body();
    print(`ok - ${name}`);
  } catch (error) {
    failed.push(name);
    print(`not ok - ${name}`);
    print(`  ${String(error?.stack ?? error).split('\n').join('\n  ')}`);
  }
}

let runId;
await step('reads the experiment it holds EDIT on', async () => {
  const { experiment } = await Experiments.get({ experiment_id: allowed });
  assert.equal(experiment.experiment_id, allowed);
});
await step('creates a run and logs to it there', async () => {
  const { run } = await Runs.create({ experiment_id: allowed, start_time: Date.now() });
  runId = run.info.run_id;
  assert.deepEqual(await Runs.logMetric({ run_id: runId, key: 'rmse', value: 0.5, timestamp: Date.now(), step: 0 }), {});
  assert.deepEqual(await Runs.logParameter({ run_id: runId, key: 'alpha', value: '0.1' }), {});
  assert.deepEqual(await Runs.setTag({ run_id: runId, key: 'team', value: 'a' }), {});
});
await step('cannot delete its run (MANAGE needed)', () => expectDenied(Runs.delete({ run_id: runId })));
await step('cannot read the other experiment', () => expectDenied(Experiments.get({ experiment_id: denied })));
await step('cannot create a run in the other experiment', () => expectDenied(Runs.create({ experiment_id: denied, start_time: Date.now() })));
await step('cannot read or write the other experiment\'s run', async () => {
  await expectDenied(Runs.get({ run_id: deniedRun }));
  await expectDenied(Runs.logMetric({ run_id: deniedRun, key: 'x', value: 1, timestamp: Date.now(), step: 0 }));
  await expectDenied(Runs.setTag({ run_id: deniedRun, key: 'x', value: 'y' }));
});
await step('cannot rename or delete the other experiment', async () => {
  await expectDenied(Experiments.update({ experiment_id: denied, new_name: 'stolen' }));
  await expectDenied(Experiments.delete({ experiment_id: denied }));
});
await step('search shows only what it may read', async () => {
  const found = await Runs.search({ experiment_ids: [allowed, denied] });
  const ids = (found.runs ?? []).map((r) => r.info.run_id);
  assert.ok(ids.includes(runId), `own run missing from ${JSON.stringify(ids)}`);
  assert.ok(!ids.includes(deniedRun), 'the other experiment\'s run was listed');
});

print(failed.length === 0 ? 'all steps passed' : `${failed.length} step(s) failed: ${failed.join(', ')}`);
process.exit(failed.length === 0 ? 0 : 1);
