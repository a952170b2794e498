#!/usr/bin/env bash
# Makes throw-away TLS material for the TLS tests (issue 14), with openssl, into DIR:
#   ca.pem                     the test CA (trusted by clients; the server's client CA)
#   server.pem / server.key    issued by ca.pem for localhost and 127.0.0.1 (SAN)
#   client.pem / client.key    a client certificate issued by ca.pem
#   other-ca.pem               a second, unrelated CA
#   other-client.pem / .key    a client certificate issued by other-ca.pem (must be refused)
#   not-pem.txt                a file that is not PEM (bad-file tests)
# Keys are P-256 (quick to make) and unencrypted; certificates last 2 days.
# Used by the Swift tests (Tests/LeagueServerTests) and the Python tests (clients/python).
set -euo pipefail
dir=${1:?usage: make-test-certs.sh DIR}
mkdir -p "$dir"
cd "$dir"

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

ca() { # name CN
  key "$1.key"
  openssl req -x509 -new -key "$1.key" -out "$1.pem" -days 2 -subj "/CN=$2" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
}

leaf() { # name CN issuer extensions
  key "$1.key"
  openssl req -new -key "$1.key" -out "$1.csr" -subj "/CN=$2"
  printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature" "$4" >"$1.ext"
  openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key" -CAcreateserial -out "$1.pem" -days 2 \
    -extfile "$1.ext" 2>/dev/null
  rm -f "$1.csr" "$1.ext"
}

ca ca "nhs-league test CA"
ca other-ca "another test CA"
leaf server localhost ca $'extendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1'
leaf client "nhs-league test client" ca "extendedKeyUsage=clientAuth"
leaf other-client "stranger" other-ca "extendedKeyUsage=clientAuth"
echo "this is not a PEM file" >not-pem.txt
