/**
 * Writes the provenance test images to tests/fixtures/provenance/ (committed; run again after
 * changing a builder): `npm run fixtures:provenance -w payload-plugin-ai-disclosure`.
 *
 * The test signer is a self-made ES256 chain (a root CA and a signing certificate), made with the
 * openssl CLI the first time and kept in the same directory, so the C2PA fixtures and the trust
 * list of the tests (test-ca.pem) stay in step.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import type { TestSigner } from './fixtureImages'

import {
  c2paSigned,
  cameraWithGps,
  corruptManifest,
  DST,
  plainImage,
  pngComfy,
  pngParameters,
  tampered,
  withXmp,
  xmpPacket,
} from './fixtureImages'

const dir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../tests/fixtures/provenance',
)
fs.mkdirSync(dir, { recursive: true })
const at = (name: string) => path.join(dir, name)

const makeSigner = (): TestSigner => {
  if (!fs.existsSync(at('test-signer.pem'))) {
    const cnf = at('openssl.cnf')
    fs.writeFileSync(
      cnf,
      `[req]
distinguished_name=dn
prompt=no
[dn]
CN=Newsroom Test Root CA
O=AI Newsroom Test
[v3_ca]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid:always
[v3_leaf]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=emailProtection
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid,issuer
`,
    )
    const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir })
    openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'test-ca.key')
    openssl(
      'req',
      '-new',
      '-x509',
      '-key',
      'test-ca.key',
      '-out',
      'test-ca.pem',
      '-days',
      '7300',
      '-sha256',
      '-config',
      cnf,
      '-extensions',
      'v3_ca',
    )
    openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'test-signer.key')
    openssl(
      'req',
      '-new',
      '-key',
      'test-signer.key',
      '-out',
      'test-signer.csr',
      '-subj',
      '/CN=Example Image Generator Signer/O=Example AI Lab',
    )
    openssl(
      'x509',
      '-req',
      '-in',
      'test-signer.csr',
      '-CA',
      'test-ca.pem',
      '-CAkey',
      'test-ca.key',
      '-CAcreateserial',
      '-out',
      'test-signer.pem',
      '-days',
      '7300',
      '-sha256',
      '-extfile',
      cnf,
      '-extensions',
      'v3_leaf',
    )
    for (const f of ['openssl.cnf', 'test-signer.csr', 'test-ca.srl'])
      fs.rmSync(at(f), { force: true })
  }
  return {
    caPem: fs.readFileSync(at('test-ca.pem'), 'utf8'),
    certPem: fs.readFileSync(at('test-signer.pem'), 'utf8'),
    keyPem: fs.readFileSync(at('test-signer.key'), 'utf8'),
  }
}

const signer = makeSigner()
const signedJpeg = await c2paSigned(signer, 'jpeg', { ingredients: 1 })
const files: Record<string, Buffer> = {
  'c2pa-ai.jpg': signedJpeg,
  'c2pa-ai.png': await c2paSigned(signer, 'png'),
  'c2pa-ai.webp': await c2paSigned(signer, 'webp'),
  'c2pa-tampered.jpg': tampered(signedJpeg),
  'c2pa-corrupt.jpg': corruptManifest(signedJpeg),
  'xmp-attribute.jpg': await withXmp(
    'jpeg',
    xmpPacket(
      {
        aiSystem: 'Example Diffusion',
        aiSystemVersion: '6.1',
        creator: 'Jane Prompter',
        credit: 'Example Studio',
        digitalSourceType: `${DST}trainedAlgorithmicMedia`,
        prompt: 'a city skyline at dawn',
      },
      'attribute',
    ),
  ),
  'xmp-element.webp': await withXmp(
    'webp',
    xmpPacket(
      {
        aiSystem: 'Example Image Model',
        creator: 'Newsroom Graphics',
        digitalSourceType: `${DST}compositeWithTrainedAlgorithmicMedia`,
      },
      'element',
    ),
  ),
  'xmp-photo.jpg': await withXmp(
    'jpeg',
    xmpPacket(
      { creator: 'Max Fotograf', credit: 'dpa', digitalSourceType: `${DST}digitalCapture` },
      'element',
    ),
  ),
  'png-parameters.png': await pngParameters(),
  'png-comfyui.png': await pngComfy(),
  'camera-gps.jpg': await cameraWithGps(),
  'plain.png': await plainImage('png'),
  'plain-replacement.jpg': await plainImage('jpeg', 400, 300),
}
for (const [name, bytes] of Object.entries(files)) {
  fs.writeFileSync(at(name), bytes)
  console.log(`${name.padEnd(22)} ${String(bytes.length).padStart(7)} bytes`)
}
