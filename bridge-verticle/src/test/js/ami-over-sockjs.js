// A Node.js application on the SockJS event-bus bridge, as a user would write one:
// subscribes to Hangup events of a PBX, originates a call through AmiService (service-proxy wire
// format: a send to the service address with header action=<method>, body = parameters by name),
// and tries an action the bridge does not permit. Prints one JSON line per outcome, exits 0 when
// it saw all three, 1 otherwise.
//
// usage: node ami-over-sockjs.js <bridge url, e.g. http://127.0.0.1:8080/eventbus> <token> <pbx>
const EventBus = require('@vertx/eventbus-bridge-client.js');

const [url, token, pbx] = process.argv.slice(2);
const service = `asterisk.ami.${pbx}`;
const seen = { hangup: false, originate: false, refused: false };

function report(line) {
  console.log(JSON.stringify(line));
  if (line.kind in seen) {
    seen[line.kind] = true;
  }
  if (Object.values(seen).every(Boolean)) {
    eb.close();
    process.exit(0);
  }
}

const timer = setTimeout(() => {
  console.log(JSON.stringify({ kind: 'timeout', seen }));
  process.exit(1);
}, 20000);
timer.unref();

const eb = new EventBus(url);
eb.defaultHeaders = { authToken: token };
eb.onerror = (err) => console.log(JSON.stringify({ kind: 'bridge-error', err }));

eb.onopen = () => {
  eb.registerHandler(`${service}.event.Hangup`, (err, msg) => {
    if (err) {
      report({ kind: 'register-failed', err });
    } else {
      report({ kind: 'hangup', channel: msg.body.Channel, cause: msg.body['Cause-txt'], pbx: msg.body._meta.pbx });
    }
  });

  const request = { Channel: 'Local/100@test', Application: 'Wait', Data: '1', Async: 'true' };
  eb.send(service, { request }, { action: 'originate' }, (err, reply) => {
    if (err) {
      report({ kind: 'originate-failed', err });
    } else {
      report({ kind: 'originate', event: reply.body.Event, response: reply.body.Response, uniqueid: reply.body.Uniqueid });
    }
  });

  const tollFraud = { Action: 'Originate', Channel: 'PJSIP/0090012345678@trunk', Application: 'Playback', Data: 'hello' };
  eb.send(service, { action: tollFraud }, { action: 'send' }, (err, reply) => {
    if (err) {
      report({ kind: 'refused', failureCode: err.failureCode, message: err.message });
    } else {
      report({ kind: 'not-refused', body: reply.body });
    }
  });
};
