/*
 * sha256: SHA-256 (FIPS 180-4) of a byte string, for the provenance the
 * exporter writes into a workbook's document properties: the hex digest
 * of the model source is the same one `sha256sum MODEL` prints, so anyone
 * can tell which text a workbook came from without valsheet.
 */
#ifndef VS_SHA256_H
#define VS_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct Sha256 {
    uint32_t h[8];          /* chaining state */
    uint64_t n_bytes;       /* message length so far */
    unsigned char buf[64];  /* pending partial block */
    size_t n_buf;
} Sha256;

/* Starts a digest; then any number of updates, each adding n bytes. */
void sha256_init(Sha256 *s);
void sha256_update(Sha256 *s, const void *data, size_t n);

/* Finishes the digest into out (32 bytes); s must be re-initialised
 * before reuse. */
void sha256_final(Sha256 *s, unsigned char out[32]);

/* The lower-case hex digest of data into hex (65 bytes with the NUL). */
void sha256_hex(const void *data, size_t n, char hex[65]);

#endif
