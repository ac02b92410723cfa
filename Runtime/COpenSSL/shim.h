#ifndef SWIFT_COPENSSL_SHIM_H
#define SWIFT_COPENSSL_SHIM_H

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <openssl/md5.h>
#include <openssl/crypto.h>

#endif
