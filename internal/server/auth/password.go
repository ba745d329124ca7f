package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// The argon2id parameters of new hashes: OWASP's recommendation of 19 MiB
// of memory, two passes, one lane; a hash takes some tens of milliseconds.
const (
	argonMemory  = 19 * 1024 // KiB
	argonTime    = 2
	argonThreads = 1
	argonSaltLen = 16
	argonKeyLen  = 32
)

// Bounds on the parameters VerifyPassword accepts, so that a damaged or
// planted hash cannot make a sign-in take minutes or gigabytes.
const (
	maxArgonMemory  = 1024 * 1024 // KiB, 1 GiB
	maxArgonTime    = 16
	maxArgonThreads = 16
)

// MinPasswordLength is the fewest characters a password has.
const MinPasswordLength = 12

// maxPasswordBytes bounds a password so that hashing one costs what it
// should.
const maxPasswordBytes = 1024

// HashPassword hashes a password with argon2id and a random salt. The
// result is self-describing ("$argon2id$v=19$m=…,t=…,p=…$salt$hash", salt
// and hash in unpadded standard base64), so that VerifyPassword checks it
// even after the parameters of new hashes change.
func HashPassword(pw string) (string, error) {
	if len(pw) > maxPasswordBytes {
		return "", fmt.Errorf("auth: password longer than %d bytes", maxPasswordBytes)
	}
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("auth: salt for a password hash: %w", err)
	}
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

// VerifyPassword reports whether pw is the password encoded by
// HashPassword, comparing in constant time. An encoding that is not an
// argon2id hash of version 19 with sane parameters is an error, not a
// mismatch.
func VerifyPassword(encoded, pw string) (bool, error) {
	p, err := parseHash(encoded)
	if err != nil {
		return false, err
	}
	if len(pw) > maxPasswordBytes {
		return false, nil
	}
	key := argon2.IDKey([]byte(pw), p.salt, p.time, p.memory, p.threads, uint32(len(p.key)))
	return subtle.ConstantTimeCompare(key, p.key) == 1, nil
}

type argonHash struct {
	memory, time uint32
	threads      uint8
	salt, key    []byte
}

// errMalformedHash is wrapped by every refusal of parseHash.
var errMalformedHash = errors.New("auth: malformed password hash")

func parseHash(encoded string) (argonHash, error) {
	var h argonHash
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" {
		return h, fmt.Errorf("%w: want $argon2id$v=19$m=…,t=…,p=…$salt$hash", errMalformedHash)
	}
	if parts[1] != "argon2id" {
		return h, fmt.Errorf("%w: algorithm %q, want argon2id", errMalformedHash, parts[1])
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || parts[2] != fmt.Sprintf("v=%d", version) {
		return h, fmt.Errorf("%w: version field %q", errMalformedHash, parts[2])
	}
	if version != argon2.Version {
		return h, fmt.Errorf("%w: argon2 version %d, want %d", errMalformedHash, version, argon2.Version)
	}
	var m, t, p uint64
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || parts[3] != fmt.Sprintf("m=%d,t=%d,p=%d", m, t, p) {
		return h, fmt.Errorf("%w: parameters %q", errMalformedHash, parts[3])
	}
	if t < 1 || t > maxArgonTime || p < 1 || p > maxArgonThreads || m < 8*p || m > maxArgonMemory {
		return h, fmt.Errorf("%w: parameters %q out of bounds", errMalformedHash, parts[3])
	}
	salt, err := base64.RawStdEncoding.Strict().DecodeString(parts[4])
	if err != nil || len(salt) < 8 || len(salt) > 64 {
		return h, fmt.Errorf("%w: salt is not 8 to 64 bytes in unpadded base64", errMalformedHash)
	}
	key, err := base64.RawStdEncoding.Strict().DecodeString(parts[5])
	if err != nil || len(key) < 16 || len(key) > 64 {
		return h, fmt.Errorf("%w: hash is not 16 to 64 bytes in unpadded base64", errMalformedHash)
	}
	return argonHash{memory: uint32(m), time: uint32(t), threads: uint8(p), salt: salt, key: key}, nil
}
