#!/bin/sh
# Check a Daftar bundle (.daftar) with standard tools only — no Daftar needed:
#   sh docs/verify-bundle.sh path/to/file.daftar
# Needs unzip, jq, sha256sum (coreutils) and openssl 3. Prints the signer's fingerprint; exits
# non-zero at the first check that fails. docs/bundle-format.md explains each step.
set -eu
bundle=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

unzip -tq "$bundle"                              # 1. the archive is intact (CRC of every entry)
unzip -q "$bundle" -d "$dir"
cd "$dir"
if [ -f encryption.json ]; then
  echo "This bundle is encrypted; open it in Daftar with its passphrase." >&2
  exit 2
fi
# 2. every file has the SHA-256 and size the manifest lists, and nothing else is there
jq -r '.files | to_entries[] | "\(.value.sha256)  \(.key)"' manifest.json | sha256sum -c --quiet
listed=$(jq -r '.files | keys[]' manifest.json | sort)
present=$(find . -type f ! -name manifest.json ! -name manifest.sig | sed 's|^\./||' | sort)
[ "$listed" = "$present" ] || { echo "files differ from the manifest's list" >&2; exit 1; }
# 3. the manifest is signed by the device key it names (raw Ed25519 key → SubjectPublicKeyInfo PEM)
{
  echo '-----BEGIN PUBLIC KEY-----'
  printf 'MCowBQYDK2VwAyEA%s\n' "$(jq -r .device.publicKey manifest.json)"
  echo '-----END PUBLIC KEY-----'
} > key.pem
openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in manifest.json -sigfile manifest.sig >/dev/null
# 4. the fingerprint Daftar shows for this signer: first 20 bytes of SHA-256 of the raw key
fingerprint=$(jq -r .device.publicKey manifest.json | base64 -d | sha256sum | cut -c1-40 |
  tr 'a-f' 'A-F' | sed 's/\(........\)/\1 /g; s/ $//')
echo "OK: $(jq -r .author manifest.json), device $(jq -r .device.id manifest.json), fingerprint $fingerprint"
