// web/controllers/ with fake hosts: the engine controller's three states and its isConnected check
// after the await; the draft-field controller keeping the learner's text and committing only valid
// values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineController } from '../../web/controllers/engine-controller.js';
import { DraftFieldController, numberField } from '../../web/controllers/draft-field-controller.js';

function fakeHost(isConnected = true) {
  return {
    isConnected,
    updates: 0,
    addController() {},
    requestUpdate() {
      this.updates += 1;
    },
  };
}

test('the engine controller: ready, failed, and nothing for a host removed while it loaded', async () => {
  const engine = { name: 'engine' };
  const ready = [];
  const host = fakeHost();
  const c = new EngineController(host, { load: async () => engine, onReady: (e) => ready.push(e) });
  assert.equal(c.ready, false);
  await c.hostConnected();
  assert.equal(c.value, engine);
  assert.deepEqual(ready, [engine]);
  assert.equal(host.updates, 1);

  const failing = fakeHost();
  const f = new EngineController(failing, {
    load: async () => Promise.reject(new Error('no wasm')),
  });
  await f.hostConnected();
  assert.equal(f.value, null);
  assert.equal(f.error.message, 'no wasm');

  const gone = fakeHost();
  const g = new EngineController(gone, {
    load: async () => {
      gone.isConnected = false; // removed while the engine loads
      return engine;
    },
    onReady: () => assert.fail('onReady for a removed widget'),
  });
  await g.hostConnected();
  assert.equal(g.value, null);
  assert.equal(gone.updates, 0);
});

test('the draft-field controller keeps the text, shows the message, commits valid values only', () => {
  const host = fakeHost();
  const fields = new DraftFieldController(host);
  let lr = 0.1;
  const how = {
    parse: numberField('not a number'),
    commit: (v) => {
      if (v < 0) throw new Error('Invalid learning rate: ' + v);
      lr = v;
    },
  };
  assert.equal(fields.text('lr', lr), '0.1');
  assert.equal(fields.input('lr', '0.', how), true);
  assert.equal(fields.text('lr', lr), '0.', 'the text as typed, not rewritten');
  assert.equal(lr, 0);
  assert.equal(fields.input('lr', '0x10', how), false);
  assert.equal(fields.error('lr'), 'not a number');
  assert.equal(lr, 0, 'a refused text commits nothing');
  assert.equal(fields.input('lr', '-1', how), false);
  assert.equal(fields.error('lr'), 'Invalid learning rate: -1');
  assert.equal(fields.invalid, true);
  assert.equal(fields.input('lr', '0.5', how), true);
  assert.equal(fields.error('lr'), '');
  assert.equal(lr, 0.5);
  fields.reset();
  assert.equal(fields.text('lr', lr), '0.5');
  assert.ok(host.updates >= 4);
  assert.ok(fields.field('lr', { label: 'lr', value: lr, ...how }), 'a template');
});
