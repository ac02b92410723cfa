#ifndef SWIFT_CCURL_SHIM_H
#define SWIFT_CCURL_SHIM_H

#include <curl/curl.h>

/* curl_easy_setopt and curl_easy_getinfo are variadic: Swift cannot call them directly.
   Each wrapper fixes one argument type, so the compiler checks what Swift passes. */

typedef size_t (*swcurl_data_callback)(char *buffer, size_t size, size_t count, void *userdata);

static inline CURLcode swcurl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode swcurl_setopt_offset(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode swcurl_setopt_pointer(CURL *handle, CURLoption option, const void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode swcurl_setopt_callback(CURL *handle, CURLoption option, swcurl_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode swcurl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode swcurl_getinfo_socket(CURL *handle, CURLINFO info, curl_socket_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

#endif
