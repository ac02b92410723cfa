#ifndef SWIFT_CLIBSSH2_SHIM_H
#define SWIFT_CLIBSSH2_SHIM_H

#include <libssh2.h>
#include <libssh2_sftp.h>

/* Several libssh2 entry points are macros over *_ex functions; Swift imports no function-like
   macros, so each used one gets a static inline wrapper here. */

static inline LIBSSH2_SESSION *swssh2_session_init(void) {
    return libssh2_session_init();
}

static inline int swssh2_session_disconnect(LIBSSH2_SESSION *session, const char *description) {
    return libssh2_session_disconnect(session, description);
}

static inline LIBSSH2_SFTP_HANDLE *swssh2_sftp_open(LIBSSH2_SFTP *sftp, const char *path,
                                                    unsigned long flags, long mode) {
    return libssh2_sftp_open(sftp, path, flags, mode);
}

static inline int swssh2_sftp_stat(LIBSSH2_SFTP *sftp, const char *path, LIBSSH2_SFTP_ATTRIBUTES *attributes) {
    return libssh2_sftp_stat(sftp, path, attributes);
}

#endif
