#ifndef CCHECKSUM_H
#define CCHECKSUM_H

#include <stddef.h>
#include <stdint.h>

/* CRC-32C by the processor's own instruction (SSE 4.2's crc32 on x86-64, the CRC extension on
   ARMv8), which S3's CRC32C checksums of multi-gigabyte transfers need to stay off the profile. */

/* Non-zero when this processor has the instruction; otherwise do not call the update. */
int cchecksum_crc32c_accelerated(void);

/* Continues `crc` (the running value, kept inverted: start from 0xFFFFFFFF and invert at the
   end) over `count` bytes. */
uint32_t cchecksum_crc32c_update(uint32_t crc, const void *bytes, size_t count);

#endif
