/**
 * The ceiling for Node in bench:peer's and bench:cluster's cached rows: a bare node:http server (in
 * a process of its own, so its CPU time is its own) sending the bytes and headers our server sent
 * for one request. `node bench/ceiling.mjs <port> <body file> <headers JSON file>`.
 */
import fs from 'node:fs'
import http from 'node:http'

const [port, bodyFile, headersFile] = process.argv.slice(2)
const body = fs.readFileSync(bodyFile)
const headers = JSON.parse(fs.readFileSync(headersFile, 'utf8'))
http
  .createServer((_req, res) => {
    res.writeHead(200, headers)
    res.end(body)
  })
  .listen(Number(port), '127.0.0.1', () => console.log('listening'))
