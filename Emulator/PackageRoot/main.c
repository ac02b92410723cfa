/* package-root: runs a program inside a function package's own root, to prove the package needs
   nothing from this machine but the kernel.

   Usage: package-root PACKAGE_DIR [PROGRAM [ARGUMENT...]]

   In a mount namespace of its own (and a user namespace too when not run as root), it builds a
   root filesystem that holds only:
       /var/task   PACKAGE_DIR, read-only, where Lambda unpacks a function's zip
       /proc /dev /tmp   this machine's, bound in
   an empty, read-only tmpfs otherwise: no /lib, no /usr, no /etc, no shell. It then enters that
   root (pivot_root, the old root detached), changes to /var/task and executes PROGRAM, by default
   /var/task/bootstrap, with the same environment. The process keeps its pid, so whoever started
   package-root can signal and wait for the function itself.

   The emulator starts functions this way with `--packages DIR`; scripts/package-check.sh runs
   every package through it. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char **environ;

static const char usage[] =
    "usage: package-root PACKAGE_DIR [PROGRAM [ARGUMENT...]]\n"
    "Runs PROGRAM (default /var/task/bootstrap) in a root that holds only PACKAGE_DIR at /var/task\n"
    "(read-only) and this machine's /proc, /dev and /tmp, in a mount namespace of its own.\n";

/* Reports what failed on what, with errno's text, and exits as a shell does for a command that
   cannot run. */
static void fail(const char *format, ...) {
    int saved = errno;
    va_list arguments;
    va_start(arguments, format);
    fputs("package-root: ", stderr);
    vfprintf(stderr, format, arguments);
    va_end(arguments);
    fprintf(stderr, ": %s\n", strerror(saved));
    exit(127);
}

static void write_file(const char *path, const char *text) {
    int descriptor = open(path, O_WRONLY | O_CLOEXEC);
    if (descriptor < 0 || write(descriptor, text, strlen(text)) != (ssize_t)strlen(text)) fail("cannot write %s", path);
    close(descriptor);
}

/* A mount namespace of our own; without root, inside a user namespace where we are root. */
static void enter_namespace(void) {
    uid_t user = geteuid();
    gid_t group = getegid();
    if (user == 0) {
        if (unshare(CLONE_NEWNS) != 0) fail("cannot make a mount namespace (unshare)");
        return;
    }
    if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
        fail("cannot make a user and mount namespace (unshare); run as root, or allow unprivileged user namespaces");
    char map[64];
    write_file("/proc/self/setgroups", "deny");
    snprintf(map, sizeof map, "0 %u 1", (unsigned)user);
    write_file("/proc/self/uid_map", map);
    snprintf(map, sizeof map, "0 %u 1", (unsigned)group);
    write_file("/proc/self/gid_map", map);
}

static void make_folder(const char *root, const char *name) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", root, name);
    if (mkdir(path, 0755) != 0 && errno != EEXIST) fail("cannot make %s in the new root", name);
}

/* Binds `source` at `root/name`, as it is (the machine's /proc, /dev, /tmp). */
static void bind(const char *source, const char *root, const char *name) {
    char target[4096];
    snprintf(target, sizeof target, "%s/%s", root, name);
    if (mount(source, target, NULL, MS_BIND | MS_REC, NULL) != 0) fail("cannot bind %s at /%s", source, name);
}

/* Attaches the detached `tree` at `root/name`, read-only, keeping the flags a user namespace may
   not drop (noexec, when the package lies on such a filesystem). */
static void attach(int tree, const char *root, const char *name) {
    char target[4096];
    snprintf(target, sizeof target, "%s/%s", root, name);
    if (move_mount(tree, "", AT_FDCWD, target, MOVE_MOUNT_F_EMPTY_PATH) != 0) fail("cannot attach the package at /%s", name);
    struct statvfs status;
    unsigned long flags = MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV;
    if (statvfs(target, &status) == 0 && (status.f_flag & ST_NOEXEC)) flags |= MS_NOEXEC;
    if (mount(NULL, target, NULL, flags, NULL) != 0) fail("cannot make /%s read-only", name);
}

int main(int argc, char **argv) {
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    char *package = realpath(argv[1], NULL);
    struct stat status;
    if (package == NULL || stat(package, &status) != 0) fail("no package folder %s", argv[1]);
    if (!S_ISDIR(status.st_mode)) {
        errno = ENOTDIR;
        fail("%s is not a folder (unpack the package's zip into one)", argv[1]);
    }

    enter_namespace();
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) fail("cannot make the mounts private");
    /* A detached copy of the package's mount, taken before the new root covers its path (a path
       through /proc/self/fd would lead to whatever is mounted on top). */
    int package_tree = open_tree(AT_FDCWD, package, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
    if (package_tree < 0) fail("cannot take %s (open_tree)", package);
    /* The new root: an empty tmpfs mounted over the package's own path, which is private to this
       namespace, so nothing is written to the machine. */
    const char *root = package;
    if (mount("package-root", root, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=16k") != 0)
        fail("cannot mount an empty root over %s", root);
    make_folder(root, "var");
    make_folder(root, "var/task");
    make_folder(root, "proc");
    make_folder(root, "dev");
    make_folder(root, "tmp");
    attach(package_tree, root, "var/task");
    bind("/proc", root, "proc");
    bind("/dev", root, "dev");
    bind("/tmp", root, "tmp");
    if (mount(NULL, root, NULL, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, NULL) != 0)
        fail("cannot make the new root read-only");

    if (chdir(root) != 0) fail("cannot enter %s", root);
    if (syscall(SYS_pivot_root, ".", ".") != 0) fail("cannot make %s the root (pivot_root)", root);
    if (umount2(".", MNT_DETACH) != 0) fail("cannot detach the old root");
    if (chdir("/var/task") != 0) fail("cannot enter /var/task");
    close(package_tree);

    char *fallback[] = {"/var/task/bootstrap", NULL};
    char **command = argc > 2 ? argv + 2 : fallback;
    execve(command[0], command, environ);
    fail("cannot run %s in the package's root", command[0]);
}
