// The sockjs-node services the benchmarks compare against: same paths and options as ours.
'use strict';
const http = require('http');
const sockjs = require('sockjs');

const port = parseInt(process.argv[2] || '0', 10);
const options = {
  log: function () {},
  heartbeat_delay: 25000,
  disconnect_delay: 5000,
  response_limit: 128 * 1024
};
const server = http.createServer();

const echo = sockjs.createServer(options);
echo.on('connection', function (connection) {
  connection.on('data', function (message) { connection.write(message); });
});
echo.installHandlers(server, {prefix: '/echo'});

const connections = new Set();
const broadcast = sockjs.createServer(options);
broadcast.on('connection', function (connection) {
  connections.add(connection);
  connection.on('close', function () { connections.delete(connection); });
  connection.on('data', function (message) {
    for (const c of connections) { c.write(message); }
  });
});
broadcast.installHandlers(server, {prefix: '/broadcast'});

server.listen(port, '127.0.0.1', function () {
  console.log('READY ' + server.address().port);
});
