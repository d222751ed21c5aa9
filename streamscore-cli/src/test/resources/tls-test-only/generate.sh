#!/usr/bin/env bash
# TEST-ONLY certificates for the TLS tests (Redis, PostgreSQL, `serve`): a throwaway CA, a server certificate it signed
# for localhost / 127.0.0.1, a client certificate it signed (mutual TLS), a second CA that signed nothing a server
# trusts (for "not trusted" tests) and a client certificate that second CA signed. The keys are public in this
# repository, so these files must never protect anything. Valid for 100 years so tests do not expire.
# Regenerate with: bash generate.sh   (needs openssl)
set -euo pipefail
cd "$(dirname "$0")"
DAYS=36500
openssl req -x509 -newkey rsa:2048 -nodes -days "${DAYS}" -subj "/CN=Streamscore TEST-ONLY CA" \
  -keyout test-only-ca.key -out test-only-ca.pem
openssl req -x509 -newkey rsa:2048 -nodes -days "${DAYS}" -subj "/CN=Streamscore TEST-ONLY other CA" \
  -keyout test-only-other-ca.key -out test-only-other-ca.pem

# sign NAME CA EXTENSIONS SUBJECT: NAME.pem and its key NAME.key (unencrypted PKCS#8), signed by CA
sign() {
  openssl req -newkey rsa:2048 -nodes -subj "$4" -keyout "$1.key" -out "$1.csr"
  printf '%s\n' "$3" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2.key" -CAcreateserial -days "${DAYS}" -extfile "$1.ext" \
    -out "$1.pem"
  rm -f "$1.csr" "$1.ext"
}
sign test-only-server test-only-ca "$(printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth')" "/CN=localhost"
CLIENT_EXT="$(printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=clientAuth')"
sign test-only-client test-only-ca "${CLIENT_EXT}" "/CN=streamscore TEST-ONLY client"
sign test-only-other-client test-only-other-ca "${CLIENT_EXT}" "/CN=streamscore TEST-ONLY other client"
rm -f test-only-ca.key test-only-ca.srl test-only-other-ca.key test-only-other-ca.srl
