// The sockjs-node echo service the benchmarks compare against: same path and options as ours.
'use strict';
const http = require('http');
const sockjs = require('sockjs');

const port = parseInt(process.argv[2] || '0', 10);
const echo = sockjs.createServer({
  log: function () {},
  heartbeat_delay: 25000,
  disconnect_delay: 5000,
  response_limit: 128 * 1024
});
echo.on('connection', function (connection) {
  connection.on('data', function (message) { connection.write(message); });
});
const server = http.createServer();
echo.installHandlers(server, {prefix: '/echo'});
server.listen(port, '127.0.0.1', function () {
  console.log('READY ' + server.address().port);
});
