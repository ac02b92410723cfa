/* The `bootstrap` of a packaged function: starts the function's executable through the glibc
   loader bundled beside it, so nothing outside the package is loaded but the kernel.

   Layout of a package (wherever it is unpacked; Lambda puts it at /var/task):
       bootstrap            this program, linked statically: it needs no loader itself
       bin/PROGRAM          the function, linked against the libraries below
       lib/                 its shared libraries, glibc and glibc's loader
       etc/ca-certificates.crt   the CAs TLS trusts

   It runs  lib/LOADER --library-path lib --inhibit-cache bin/PROGRAM ARGS...
   as aws-lambda-cpp's packager's shell script does, but without a shell: the package must start
   in a root with nothing else in it, where there is no /bin/sh. --inhibit-cache keeps the loader
   from reading the machine's /etc/ld.so.cache; the function sees bin/PROGRAM as its argv[0], which
   is also the name the loader's errors start with. The package folder is that of
   /proc/self/exe, else of argv[0]. The package's libcurl (built with Debian's CA locations) looks
   for CAs in /etc/ssl/certs, which Amazon Linux lays out otherwise and an empty root lacks, so
   AWS_CA_BUNDLE (which the AWS client reads) is set to the package's own bundle unless it is set
   already.

   Built by scripts/package-function.sh, statically against musl (musl-gcc: 40 KB, where glibc's
   static libc makes it 0.7 MB), with -DPROGRAM='"name"' -DLOADER='"ld-linux-x86-64.so.2"'. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef PROGRAM
#error "build with -DPROGRAM='\"name\"': the executable in bin/ to start"
#endif
#ifndef LOADER
#error "build with -DLOADER='\"ld-linux-x86-64.so.2\"': glibc's loader in lib/"
#endif

/* The folder this bootstrap is in, without a trailing slash ("" for the root). */
static int package_folder(const char *argv0, char *folder, size_t size) {
    ssize_t length = readlink("/proc/self/exe", folder, size - 1);
    if (length <= 0) {
        if (strlen(argv0) >= size) return -1;
        strcpy(folder, argv0);
        length = (ssize_t)strlen(folder);
    }
    folder[length] = '\0';
    char *slash = strrchr(folder, '/');
    if (slash == NULL) strcpy(folder, ".");
    else *slash = '\0';
    return 0;
}

int main(int argc, char **argv) {
    char folder[PATH_MAX], loader[PATH_MAX + 64], library[PATH_MAX + 64], program[PATH_MAX + 256];
    if (package_folder(argc > 0 ? argv[0] : "bootstrap", folder, sizeof folder) != 0) {
        fprintf(stderr, "bootstrap: cannot tell which folder the package is in\n");
        return 127;
    }
    snprintf(loader, sizeof loader, "%s/lib/%s", folder, LOADER);
    snprintf(library, sizeof library, "%s/lib", folder);
    snprintf(program, sizeof program, "%s/bin/%s", folder, PROGRAM);

    char bundle[PATH_MAX + 64];
    snprintf(bundle, sizeof bundle, "%s/etc/ca-certificates.crt", folder);
    const char *configured = getenv("AWS_CA_BUNDLE");
    if ((configured == NULL || configured[0] == '\0') && access(bundle, R_OK) == 0) setenv("AWS_CA_BUNDLE", bundle, 1);

    char **arguments = calloc((size_t)argc + 8, sizeof *arguments);
    if (arguments == NULL) return 127;
    int count = 0;
    arguments[count++] = loader;
    arguments[count++] = "--library-path";
    arguments[count++] = library;
    arguments[count++] = "--inhibit-cache";
    arguments[count++] = program;
    for (int index = 1; index < argc; index++) arguments[count++] = argv[index];
    arguments[count] = NULL;

    execv(loader, arguments);
    fprintf(stderr, "bootstrap: cannot run %s (the loader this package bundles for %s): %s\n", loader, program,
            strerror(errno));
    return 127;
}
