/* A static program that reports the root it runs in, for PackageTests: what `/` and `/var/task`
   hold, whether /var/task takes a write, the task root it was told, and its folder. Exits 3, so
   the emulator reports it as a runtime that ended before its first /next. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void list(const char *folder) {
    DIR *directory = opendir(folder);
    printf("list %s:", folder);
    if (directory == NULL) {
        printf(" %s\n", strerror(errno));
        return;
    }
    struct dirent *entry;
    while ((entry = readdir(directory)) != NULL)
        if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0) printf(" %s", entry->d_name);
    printf("\n");
    closedir(directory);
}

int main(void) {
    list("/");
    list("/var/task");
    int written = open("/var/task/written", O_WRONLY | O_CREAT, 0644);
    printf("write /var/task: %s\n", written < 0 ? strerror(errno) : "written");
    const char *root = getenv("LAMBDA_TASK_ROOT");
    printf("LAMBDA_TASK_ROOT=%s\n", root ? root : "");
    char folder[4096];
    printf("cwd=%s\n", getcwd(folder, sizeof folder) ? folder : strerror(errno));
    fflush(stdout);
    return 3;
}
