/*
 * test_sha256: engine/sha256.h against the test vectors published with
 * FIPS 180-4 (NIST's "SHA256.pdf" examples: "abc" and the 448-bit
 * two-block message) and the million-'a' vector, plus updates split at
 * every offset so the block buffering cannot hide a bug.
 */
#include <stdio.h>
#include <string.h>

#include "sha256.h"
#include "test.h"

static void
test_vectors(void)
{
    char hex[65];
    sha256_hex("", 0, hex);
    CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    sha256_hex("abc", 3, hex);
    CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    sha256_hex(two, strlen(two), hex);
    CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void
test_million_a(void)
{
    static char a[1000];
    memset(a, 'a', sizeof a);
    Sha256 s;
    unsigned char d[32];
    sha256_init(&s);
    for (int i = 0; i < 1000; i++)
        sha256_update(&s, a, sizeof a);
    sha256_final(&s, d);
    static const unsigned char want[4] = {0xcd, 0xc7, 0x6e, 0x5c};
    CHECK(memcmp(d, want, 4) == 0);
    CHECK(d[31] == 0xd0);
}

/* The two-block vector fed in two pieces split at every offset. */
static void
test_split(void)
{
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    size_t n = strlen(two);
    unsigned char whole[32];
    Sha256 s;
    sha256_init(&s);
    sha256_update(&s, two, n);
    sha256_final(&s, whole);
    for (size_t k = 0; k <= n; k++) {
        unsigned char d[32];
        sha256_init(&s);
        sha256_update(&s, two, k);
        sha256_update(&s, two + k, n - k);
        sha256_final(&s, d);
        CHECK(memcmp(d, whole, 32) == 0);
    }
}

int
main(void)
{
    test_vectors();
    test_million_a();
    test_split();
    return test_report("test_sha256");
}
