#!/usr/bin/env bash
# TEST-ONLY certificates for the TLS Redis and PostgreSQL tests: a throwaway CA, a server certificate it signed for
# localhost / 127.0.0.1, and a second CA that signed nothing here (for "not trusted" tests). The keys are public in
# this repository, so these files must never protect anything. Valid for 100 years so tests do not expire.
# Regenerate with: bash generate.sh   (needs openssl)
set -euo pipefail
cd "$(dirname "$0")"
DAYS=36500
openssl req -x509 -newkey rsa:2048 -nodes -days "${DAYS}" -subj "/CN=Streamscore TEST-ONLY CA" \
  -keyout test-only-ca.key -out test-only-ca.pem
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout test-only-server.key -out server.csr
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' > server.ext
openssl x509 -req -in server.csr -CA test-only-ca.pem -CAkey test-only-ca.key -CAcreateserial -days "${DAYS}" \
  -extfile server.ext -out test-only-server.pem
openssl req -x509 -newkey rsa:2048 -nodes -days "${DAYS}" -subj "/CN=Streamscore TEST-ONLY other CA" \
  -keyout /dev/null -out test-only-other-ca.pem
rm -f server.csr server.ext test-only-ca.key test-only-ca.srl
