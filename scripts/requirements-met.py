"""Exits 0 when a requirements file's pins are all installed, 1 when pip has work to do.

Usage: requirements-met.py FILE. Follows `-r` includes; checks each pinned package's version and
the packages it requires (with the extras asked for, e.g. moto[server]), one level deep. Reads only
installed metadata, so it answers in a fraction of a second where `pip install --dry-run` asks the
index; when unsure (an unreadable line, no packaging module) it answers 1 and leaves it to pip.
"""
import re
import sys
from importlib import metadata
from pathlib import Path

try:
    from pip._vendor.packaging.requirements import Requirement
except ImportError:
    sys.exit(1)


def requirements(path):
    """The requirements of `path` and of the files it includes, comments and blank lines left out."""
    for raw in Path(path).read_text().splitlines():
        line = re.split(r"(^|\s)#", raw)[0].strip()
        if line.startswith("-r "):
            yield from requirements(Path(path).parent / line[3:].strip())
        elif line:
            yield Requirement(line)


def installed(requirement):
    try:
        version = metadata.version(requirement.name)
    except metadata.PackageNotFoundError:
        return False
    return requirement.specifier.contains(version, prereleases=True)


def met(requirement):
    """The package is installed at its pin, and so is what it requires (with the extras asked for)."""
    if not installed(requirement):
        return False
    for text in metadata.requires(requirement.name) or []:
        dependency = Requirement(text)
        wanted = dependency.marker is None or any(
            dependency.marker.evaluate({"extra": extra}) for extra in [""] + sorted(requirement.extras))
        if wanted and not installed(dependency):
            return False
    return True


try:
    sys.exit(0 if all(met(requirement) for requirement in requirements(sys.argv[1])) else 1)
except Exception:
    sys.exit(1)
