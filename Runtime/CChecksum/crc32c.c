#include "CChecksum.h"

#include <string.h>

/* One loop for every processor with a CRC-32C instruction; only the steps that fold in eight
   bytes or one byte differ. */
#if defined(__x86_64__)
#include <nmmintrin.h>
#define CRC32C_TARGET __attribute__((target("sse4.2")))
#define CRC32C_ACCELERATED __builtin_cpu_supports("sse4.2")

static inline CRC32C_TARGET uint32_t crc32c_word(uint32_t crc, uint64_t word) {
    return (uint32_t)_mm_crc32_u64(crc, word);
}

static inline CRC32C_TARGET uint32_t crc32c_byte(uint32_t crc, unsigned char byte) {
    return _mm_crc32_u8(crc, byte);
}

#elif defined(__aarch64__) && defined(__ARM_FEATURE_CRC32)
#include <arm_acle.h>
#define CRC32C_TARGET
#define CRC32C_ACCELERATED 1

static inline uint32_t crc32c_word(uint32_t crc, uint64_t word) {
    return __crc32cd(crc, word);
}

static inline uint32_t crc32c_byte(uint32_t crc, unsigned char byte) {
    return __crc32cb(crc, byte);
}
#endif

#if defined(CRC32C_ACCELERATED)

int cchecksum_crc32c_accelerated(void) {
    return CRC32C_ACCELERATED;
}

CRC32C_TARGET
uint32_t cchecksum_crc32c_update(uint32_t crc, const void *bytes, size_t count) {
    const unsigned char *next = bytes;
    while (count >= 8) {
        uint64_t word;
        memcpy(&word, next, 8);
        crc = crc32c_word(crc, word);
        next += 8;
        count -= 8;
    }
    while (count > 0) {
        crc = crc32c_byte(crc, *next++);
        count--;
    }
    return crc;
}

#else

int cchecksum_crc32c_accelerated(void) {
    return 0;
}

uint32_t cchecksum_crc32c_update(uint32_t crc, const void *bytes, size_t count) {
    (void)bytes;
    (void)count;
    return crc;
}

#endif
